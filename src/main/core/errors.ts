/**
 * Expected failures carry a stable code; anything else is a bug. Codes cross process boundaries as ContractError
 * (`{ code, message, key?, params? }`, src/shared/errors.ts) and the UI turns them into words: the key's where the
 * sentence has specifics, else the code's. The English message stays for the CLI, the log and SMTP replies.
 */
import { ERROR_CODES, type ErrorCode, type ErrorDetail } from '../../shared/errors.js';

export { ERROR_CODES, type ErrorCode, type ErrorDetail } from '../../shared/errors.js';

export interface ParleyErrorOptions {
  /** SMTP reply code when the error ends an SMTP command. */
  responseCode?: number;
  /** What the UI words in the seller's language (ERROR_KEYS). */
  detail?: ErrorDetail;
}

export class ParleyError extends Error {
  readonly code: ErrorCode;
  /** SMTP reply code when the error ends an SMTP command. */
  readonly responseCode?: number;
  /** The message key and params the UI words; absent where the code says it all. */
  readonly detail?: ErrorDetail;

  /** `options` as a number is the SMTP reply code alone (the relay's refusals). */
  constructor(code: ErrorCode, message?: string, options?: number | ParleyErrorOptions) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'ParleyError';
    this.code = code;
    const { responseCode, detail } = typeof options === 'number' ? { responseCode: options } : (options ?? {});
    this.responseCode = responseCode;
    this.detail = detail;
  }
}

export function isParleyError(err: unknown): err is ParleyError {
  return err instanceof ParleyError;
}
