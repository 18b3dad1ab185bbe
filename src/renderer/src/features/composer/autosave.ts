/**
 * Offline drafting: the composer's text reaches the store within 2 s of idle typing, and at once
 * on blur, close, send and when the window goes away. Saves are serialized (two overlapping
 * saves of a new draft would create two rows); a failed save is retried with backoff and the
 * text stays in the composer (and in pending.ts) until one succeeds: nothing is ever lost.
 */
import type { DraftInput, DraftView } from '../../../../shared/contract';
import { failure } from '../../api/errors';

/** ms of no typing before the draft is saved: under the 2 s the issue allows, round trip included. */
export const IDLE_SAVE_MS = 1500;
/** ms before the first retry of a failed save; doubles up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 30_000;

export interface SaverHooks {
  /** The current input, or null when there is nothing worth saving. */
  snapshot(): DraftInput | null;
  persist(input: DraftInput): Promise<DraftView>;
  onSaving(): void;
  onSaved(view: DraftView, stillDirty: boolean): void;
  onFailed(message: string, retryInMs: number, input: DraftInput): void;
}

export interface Saver {
  /** An edit happened: the draft is dirty and the idle timer starts again. */
  touch(): void;
  /** Saves now when dirty; true once the latest text is stored. */
  flush(): Promise<boolean>;
  /** Forget pending work (after a send or a discard). */
  reset(): void;
  readonly dirty: boolean;
}

export function createSaver(hooks: SaverHooks): Saver {
  let dirty = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = RETRY_FIRST_MS;
  let inFlight: Promise<boolean> | null = null;
  let generation = 0;

  const clearTimers = () => {
    clearTimeout(idleTimer);
    clearTimeout(retryTimer);
    idleTimer = retryTimer = undefined;
  };

  async function saveOnce(): Promise<boolean> {
    const input = hooks.snapshot();
    if (!input) {
      dirty = false;
      return true;
    }
    const gen = generation;
    dirty = false;
    hooks.onSaving();
    try {
      const view = await hooks.persist(input);
      if (gen !== generation) return true;
      retryDelay = RETRY_FIRST_MS;
      hooks.onSaved(view, dirty);
      return true;
    } catch (error) {
      if (gen !== generation) return false;
      dirty = true;
      const wait = retryDelay;
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void saver.flush(), wait);
      hooks.onFailed(failure(error).message, wait, input);
      return false;
    }
  }

  const saver: Saver = {
    get dirty() {
      return dirty;
    },
    touch() {
      dirty = true;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => void saver.flush(), IDLE_SAVE_MS);
    },
    async flush() {
      // One save at a time; edits made meanwhile are saved by the next round.
      while (inFlight) await inFlight;
      if (!dirty) return true;
      clearTimers();
      inFlight = saveOnce();
      try {
        return await inFlight;
      } finally {
        inFlight = null;
      }
    },
    reset() {
      generation += 1;
      dirty = false;
      retryDelay = RETRY_FIRST_MS;
      clearTimers();
    },
  };
  return saver;
}
