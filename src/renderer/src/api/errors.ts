/**
 * A failed backend call, whichever transport carried it: the stable `code` the UI turns into
 * words, and the backend's own message (DESIGN.md: errors cross as `{ code, message }`).
 */
import type { ContractError, ParleyApi } from '../../../shared/contract';
import { CALL_NAME_LIST } from '../../../shared/contract-names';
import { defineStrings, translate, useLanguage } from '../i18n';

/** The transports' own failures, in the seller's words; the backend's codes come with its words already. */
const transportStrings = defineStrings({
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
});

export class ApiError extends Error implements ContractError {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** An ApiError; a transport code gets its words in the UI language. */
export function apiError(code: string, message: string): ApiError {
  const t = translate(transportStrings, useLanguage.getState().language);
  const http = /^EHTTP(\d{3})$/.exec(code);
  if (http) return new ApiError(code, t('EHTTP', { status: http[1] }));
  return new ApiError(code, Object.hasOwn(transportStrings, code) ? t(code as keyof typeof transportStrings) : message);
}

/** Electron's context bridge copies a rejection as a plain `{ code, message }` object; make it an ApiError again. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object' && typeof (err as ContractError).code === 'string') {
    return apiError((err as ContractError).code, String((err as ContractError).message ?? ''));
  }
  return apiError('EINTERNAL', err instanceof Error ? err.message : String(err));
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
