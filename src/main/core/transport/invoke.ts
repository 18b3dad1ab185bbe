/**
 * The transport-independent half of binding the contract (DESIGN.md "One contract, two
 * transports"): parse a call's input with its schema, run the handler, and turn every failure into
 * the ContractError that crosses the boundary. The Electron IPC binding and the HTTP bridge
 * both go through here, so they cannot disagree about what a renderer may see of an error:
 * a ParleyError's code, words, message key and params, a readable list of input problems, or "internal error" — never
 * a stack, a path or a raw SQL message.
 */
import { z } from 'zod';
import {
  CALL_NAMES,
  CONTRACT,
  type CallName,
  type ContractError,
  type ContractHandlers,
} from '../../../shared/contract.js';
import { isParleyError } from '../errors.js';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ContractError };

/** What a bug looks like from the outside. */
export const INTERNAL_ERROR: ContractError = Object.freeze({ code: 'EINTERNAL', message: 'internal error' });

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(CONTRACT, name);
}

/** Throws at start-up, naming them, when a handler is missing: better than a 500 on first use. */
export function assertCompleteHandlers(handlers: Partial<ContractHandlers>): asserts handlers is ContractHandlers {
  const missing = CALL_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`contract handlers missing: ${missing.join(', ')}`);
}

/** "filter: Invalid option …; limit: Too big …" — one line a person can read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** Logs a bug where the operator sees it; the caller sends INTERNAL_ERROR instead. */
export type InternalErrorLog = (name: CallName, err: unknown) => void;

const logToStderr: InternalErrorLog = (name, err) => {
  console.error(`parley: internal error in ${name}:`, err instanceof Error ? (err.stack ?? err.message) : err);
};

/** Input a schema refused: the issues as one line, which the UI may also read field by field. */
export function inputError(error: z.ZodError): ContractError {
  const issues = describeIssues(error);
  return { code: 'EBADINPUT', message: issues, key: 'input.invalid', params: { issues } };
}

export function toContractError(name: CallName, err: unknown, log: InternalErrorLog = logToStderr): ContractError {
  if (isParleyError(err)) {
    // SMTP-flavoured messages ("5.7.1 …") are for mail clients; the UI gets the words.
    const message = err.message.replace(/^\d\.\d\.\d+ /, '');
    if (!err.detail) return { code: err.code, message };
    return { code: err.code, message, key: err.detail.key, params: { ...err.detail.params } };
  }
  // A handler that validates a part of its input itself (e.g. a nested schema) refuses input, not a bug.
  if (err instanceof z.ZodError) return inputError(err);
  log(name, err);
  return INTERNAL_ERROR;
}

/** Parses `input` with the call's schema and runs its handler; never throws. */
export async function invokeCall(
  handlers: ContractHandlers,
  name: CallName,
  input: unknown,
  log?: InternalErrorLog,
): Promise<CallResult> {
  const parsed = CONTRACT[name].input.safeParse(input);
  if (!parsed.success) return { ok: false, error: inputError(parsed.error) };
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toContractError(name, err, log) };
  }
}
