/**
 * The integrity check at start: SQLite's quick check of the database file, then the hash chain of the message record
 * (R21) with every record's blobs present. The full re-hash of every file stays `parley verify`'s: at start it would
 * cost a large store minutes.
 */
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { quickCheck } from '../store/integrity.js';
import { verifyStore } from './verify-store.js';

export interface StartCheck {
  ok: boolean;
  /** Which check failed first: the database file itself, or the record's chain and files. */
  failed?: 'database' | 'chain';
  messages: number;
  /** In words, for the log and the CLI; the app words `failed` itself. */
  problem?: string;
}

export function checkStoreAtStart(ctx: CoreContext): StartCheck {
  let problems: string[];
  try {
    problems = quickCheck(ctx.store);
  } catch (err) {
    problems = [(err as Error).message];
  }
  if (problems.length > 0)
    return { ok: false, failed: 'database', messages: 0, problem: problems.slice(0, 3).join('; ') };
  let chain: ReturnType<typeof verifyStore>;
  try {
    chain = verifyStore(ctx, { files: 'present' });
  } catch (err) {
    return { ok: false, failed: 'database', messages: 0, problem: (err as Error).message };
  }
  if (!chain.ok)
    return {
      ok: false,
      failed: 'chain',
      messages: chain.messages,
      problem: `message ${chain.firstBad!.messageId}: ${chain.firstBad!.problem}`,
    };
  return { ok: true, messages: chain.messages };
}

/** The one-line refusal of `parley serve` (and the bridge) on a store that failed its start check. */
export function startCheckError(check: StartCheck): ParleyError {
  return new ParleyError(
    'ESTORE',
    `the store failed its integrity check at start (${check.problem}): restore the last backup with ` +
      '`parley restore --from DIR`, or run `parley verify` for details',
    { detail: { key: 'store.startCheckFailed', params: { failed: check.failed ?? 'database' } } },
  );
}
