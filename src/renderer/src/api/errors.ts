/**
 * The renderer's one error normalizer. Whatever a backend call threw — an ApiError from the HTTP bridge, the plain
 * `{ code, message }` Electron's context bridge copies, or a plain Error — `failure(error)` makes it the stable `code`
 * the UI decides on and a `message` in the UI language (DESIGN.md: errors cross as `{ code, message }`).
 */
import type { ContractError, ParleyApi } from '../../../shared/contract';
import { CALL_NAME_LIST } from '../../../shared/contract-names';
import { defineStrings, translate, useLanguage } from '../i18n';

/**
 * Codes whose words the UI owns, in the UI language: the transports' own failures, and the backend's EINTERNAL
 * (its message is only 'internal error'). Every other code comes from the backend with its words already.
 */
export const errorStrings = defineStrings({
  ENETWORK: {
    en: 'Parley is not reachable. Is parley serve still running?',
    de: 'Parley ist nicht erreichbar. Läuft parley serve noch?',
  },
  ETOKEN: {
    en: 'This page needs the address parley serve printed (it ends in #token=…).',
    de: 'Diese Seite braucht die Adresse, die parley serve ausgegeben hat (sie endet auf #token=…).',
  },
  ENOTREADY: {
    en: 'Parley is still starting; try again in a moment.',
    de: 'Parley startet noch; bitte gleich noch einmal versuchen.',
  },
  EFORBIDDEN: { en: 'This window may not talk to Parley.', de: 'Dieses Fenster darf nicht mit Parley sprechen.' },
  EINTERNAL: {
    en: 'Something went wrong inside Parley; the details are in its log.',
    de: 'In Parley ist ein Fehler aufgetreten; Einzelheiten stehen im Protokoll.',
  },
  EHTTP: {
    en: 'Unexpected answer from Parley (HTTP {status}).',
    de: 'Unerwartete Antwort von Parley (HTTP {status}).',
  },
  EUNKNOWN: { en: 'Something went wrong.', de: 'Etwas ist schiefgegangen.' },
});

/** A failed call as the UI sees it. */
export type Failure = ContractError;

type Coded = { code: string; message?: unknown };
const isCoded = (error: unknown): error is Coded =>
  Boolean(error) && typeof error === 'object' && typeof (error as Coded).code === 'string';

function words(code: string): string | null {
  const t = translate(errorStrings, useLanguage.getState().language);
  const http = /^EHTTP(\d{3})$/.exec(code);
  if (http) return t('EHTTP', { status: http[1] });
  return Object.hasOwn(errorStrings, code) ? t(code as keyof typeof errorStrings) : null;
}

/** Anything thrown, as `{ code, message }`: the UI's own words for its codes, else the backend's (or the error's). */
export function failure(error: unknown): Failure {
  if (isCoded(error)) {
    const message = typeof error.message === 'string' ? error.message : '';
    return { code: error.code, message: words(error.code) ?? (message || (words('EUNKNOWN') as string)) };
  }
  const message = error instanceof Error ? error.message : String(error ?? '');
  return { code: 'EUNKNOWN', message: message || (words('EUNKNOWN') as string) };
}

/** What a transport throws: an Error carrying the backend's `{ code, message }`. */
export class ApiError extends Error implements ContractError {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** For the transports: an ApiError with the UI's words where the UI owns the code. */
export function apiError(code: string, message: string): ApiError {
  return new ApiError(code, failure({ code, message }).message);
}

/** A rejection that crossed Electron's context bridge; without a code it can only be an internal failure. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const { code, message } = failure(isCoded(err) ? err : { code: 'EINTERNAL' });
  return new ApiError(code, message);
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
