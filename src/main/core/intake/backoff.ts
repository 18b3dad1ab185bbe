/** Reconnecting after a failure: 1 s, 2 s, 4 s, … up to 5 minutes, like a mail client that does not hammer a server. */
export const MIN_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 5 * 60_000;

export function nextBackoff(currentMs: number, maxMs = MAX_BACKOFF_MS): number {
  return Math.min(currentMs * 2, maxMs);
}
