/**
 * The renderer's one error normalizer. Whatever a backend call threw — an ApiError from the HTTP bridge, the plain
 * ContractError Electron's context bridge copies, or a plain Error — `failure(error)` makes it the stable `code` the UI
 * decides on and a `message` in the UI language: the words of its message key (with its params) when the backend sent
 * one, else the words of its code, else the backend's own English as a last resort (a code this renderer does not
 * know yet). Key and params stay on the Failure for a feature that reads them (DESIGN.md: errors cross as
 * `{ code, message }`; src/shared/errors.ts).
 */
import type { ContractError, ParleyApi, RelayStatus } from '../../../shared/contract';
import { CALL_NAME_LIST } from '../../../shared/contract-names';
import { translate, useLanguage, type Strings } from '../i18n';
import { codeStrings, keyStrings, paramStrings } from './error-strings';

/** A failed call as the UI sees it: `message` in the UI language. */
export type Failure = ContractError;

type Coded = { code: string; message?: unknown; key?: unknown; params?: unknown };
const isCoded = (error: unknown): error is Coded =>
  Boolean(error) && typeof error === 'object' && typeof (error as Coded).code === 'string';

/**
 * The params as they came over the wire, keeping only what can be put into words; a value that is itself a word key
 * (`cert.selfSigned`) becomes its words in the UI language.
 */
function paramsOf(raw: unknown): Record<string, string | number> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'number') params[name] = value;
    else if (typeof value === 'string') params[name] = wordsIn(paramStrings, value) ?? value;
  }
  return params;
}

function wordsIn<S extends Strings>(strings: S, key: string, vars?: Record<string, string | number>): string | null {
  if (!Object.hasOwn(strings, key)) return null;
  return translate(strings, useLanguage.getState().language)(key as keyof S & string, vars);
}

/** The UI's words for a code (EHTTP502 reads as EHTTP with its status), or null for a code it does not know. */
function codeWords(code: string): string | null {
  const http = /^EHTTP(\d{3})$/.exec(code);
  return http ? wordsIn(codeStrings, 'EHTTP', { status: http[1] }) : wordsIn(codeStrings, code);
}

/** Anything thrown, as a Failure: words per key, else per code, else the backend's (or the error's) own. */
export function failure(error: unknown): Failure {
  if (isCoded(error)) {
    const backend = typeof error.message === 'string' ? error.message : '';
    const key = typeof error.key === 'string' ? error.key : undefined;
    const params = key === undefined ? undefined : (paramsOf(error.params) ?? {});
    const message =
      (key !== undefined ? wordsIn(keyStrings, key, params) : null) ??
      codeWords(error.code) ??
      (backend ? sentence(backend) : (codeWords('EUNKNOWN') as string));
    return key === undefined ? { code: error.code, message } : { code: error.code, message, key, params };
  }
  const message = error instanceof Error ? error.message : String(error ?? '');
  return { code: 'EUNKNOWN', message: message ? sentence(message) : (codeWords('EUNKNOWN') as string) };
}

/** Words from elsewhere as a sentence, like the UI's own: templates put the next sentence after a failure. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** What a transport throws: an Error carrying the backend's ContractError (its message in the UI's words). */
export class ApiError extends Error implements ContractError {
  readonly code: string;
  readonly key?: string;
  readonly params?: Record<string, string | number>;

  constructor(code: string, message: string, detail?: Pick<ContractError, 'key' | 'params'>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (detail?.key !== undefined) {
      this.key = detail.key;
      this.params = detail.params ?? {};
    }
  }
}

/** For the transports: an ApiError worded by failure(), keeping the code, key and params. */
export function apiError(error: ContractError): ApiError {
  const { code, message, key, params } = failure(error);
  return new ApiError(code, message, { key, params });
}

/** A rejection that crossed Electron's context bridge; without a code it can only be an internal failure. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return apiError(isCoded(err) ? (err as ContractError) : { code: 'EINTERNAL', message: '' });
}

/** The preload's API with its rejections (plain objects after the context bridge) made ApiErrors. */
export function withApiErrors(raw: ParleyApi): ParleyApi {
  const api: Record<string, unknown> = { transport: raw.transport, on: raw.on.bind(raw) };
  for (const name of CALL_NAME_LIST) {
    const call = raw[name] as (input: unknown) => Promise<unknown>;
    api[name] = (input: unknown) =>
      call(input).catch((err: unknown) => {
        throw toApiError(err);
      });
  }
  return api as unknown as ParleyApi;
}

/** Why the relay is not running, in the UI language when the backend gave a message key; null while it runs. */
export function relayProblem(status: Pick<RelayStatus, 'error' | 'errorDetail'>): string | null {
  if (!status.error) return null;
  if (!status.errorDetail) return status.error;
  return failure({ code: 'ESTORE', message: status.error, ...status.errorDetail }).message;
}
