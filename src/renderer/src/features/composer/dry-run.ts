/**
 * The live policy dry run (DESIGN.md: the composer calls the relay's own `evaluate`): debounced
 * while the seller types, and a response that arrives after a newer request was made is dropped,
 * so the panel never shows the verdict of text that is no longer there.
 */
import type { DraftInput, DryRun } from '../../../../shared/contract';
import { failure } from '../../api/errors';

/** ms of quiet before the composer asks the backend. */
export const DRY_RUN_DELAY_MS = 300;

export interface DryRunHooks {
  input(): DraftInput | null;
  check(input: DraftInput): Promise<DryRun>;
  onStart(): void;
  onResult(result: DryRun): void;
  onError(message: string): void;
}

export interface DryRunner {
  schedule(): void;
  /** Checks at once (after a refused send, the seller wants the reasons now). */
  now(): Promise<void>;
  cancel(): void;
}

export function createDryRunner(hooks: DryRunHooks): DryRunner {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function run(): Promise<void> {
    clearTimeout(timer);
    const input = hooks.input();
    const ticket = ++latest;
    if (!input) return;
    hooks.onStart();
    try {
      const result = await hooks.check(input);
      if (ticket === latest) hooks.onResult(result);
    } catch (error) {
      if (ticket === latest) hooks.onError(failure(error).message);
    }
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), DRY_RUN_DELAY_MS);
    },
    now: run,
    cancel() {
      clearTimeout(timer);
      latest += 1;
    },
  };
}
