/**
 * A full disk (or quota) under the data directory: the blob files say ENOSPC or EDQUOT, SQLite says SQLITE_FULL.
 * Mail is then refused with 452 4.3.1 (RFC 3463: mail system full), which senders retry, instead of a 451 and a
 * stack trace per message; the log gets one line a minute while it lasts.
 */
import { stderrLog, type Log } from '../log.js';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const LOG_EVERY_MS = 60_000;
let lastLogged = 0;

export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FULL_CODES.has(code);
}

export function storageFullReply(err: unknown, log: Log = stderrLog()): Error & { responseCode: number } {
  const now = Date.now();
  if (now - lastLogged >= LOG_EVERY_MS) {
    lastLogged = now;
    log.error('relay', `the data directory is full (${(err as Error).message}); answering 452 until there is room`);
  }
  return Object.assign(new Error('4.3.1 Insufficient system storage; try again later'), { responseCode: 452 });
}
