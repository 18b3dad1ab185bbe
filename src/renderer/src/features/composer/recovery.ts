/**
 * Hands drafts kept on this device (pending.ts) to the store: at start, when the browser says it
 * is online again, and every RETRY_MS while any are left. The Drafts list reads again after.
 */
import { flushPending, pendingSessions } from './pending';
import { currentSession, useComposer } from './store';
import { saveDraft } from './api';

/** ms between attempts while a kept draft has not reached the store. */
const RETRY_MS = 15_000;

let timer: ReturnType<typeof setTimeout> | undefined;
let running = false;

export async function recoverPending(): Promise<number> {
  if (running) return 0;
  running = true;
  try {
    const saved = await flushPending(currentSession(), (input) => saveDraft(input));
    if (saved > 0) useComposer.setState((s) => ({ draftsVersion: s.draftsVersion + 1, keptOnDevice: false }));
    return saved;
  } finally {
    running = false;
    if (pendingSessions().some((s) => s !== currentSession())) scheduleRecovery();
  }
}

export function scheduleRecovery(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void recoverPending(), RETRY_MS);
}

export function stopRecovery(): void {
  clearTimeout(timer);
  timer = undefined;
}
