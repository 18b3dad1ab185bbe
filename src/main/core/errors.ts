/**
 * Expected failures carry a stable code; anything else is a bug. Codes cross process
 * boundaries as `{ code, message }` and the UI turns them into words.
 */
export const ERROR_CODES = {
  EBADINPUT: 'The input is not valid',
  ENOTFOUND: 'No such record',
  EEXISTS: 'It exists already',
  EUNAUTHORIZED: 'The sender is not authorized for this seller (R7)',
  EOTHERSELLER: 'Sellers do not contact other sellers (R9)',
  EQUOTA: 'The daily message limit is reached (R16)',
  EPOLICY: 'The message was refused by policy',
  ECONFIRM: "The message needs the seller's confirmation before it is sent (R11)",
  ETOOLARGE: 'The message is larger than the relay accepts',
  ESTORE: 'The store could not be written',
  EAPPENDONLY: 'The record is append-only (R21)',
  ETAMPERED: 'The record does not verify',
  EDELIVERY: 'Delivery failed',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ParleyError extends Error {
  readonly code: ErrorCode;
  /** SMTP reply code when the error ends an SMTP command. */
  readonly responseCode?: number;

  constructor(code: ErrorCode, message?: string, responseCode?: number) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'ParleyError';
    this.code = code;
    this.responseCode = responseCode;
  }
}

export function isParleyError(err: unknown): err is ParleyError {
  return err instanceof ParleyError;
}
