/**
 * The last line of defence for unsaved text: when a draft cannot reach the store (the backend is
 * away, the window is closing before an async save can finish), its input is written to
 * localStorage synchronously. The next start hands every such copy to `drafts.save`, where the
 * Drafts list shows it, and forgets it only once the store has it.
 */
import type { DraftInput, DraftView } from '../../../../shared/contract';

const KEY = 'parley.composer.pending';

type Entries = Record<string, DraftInput>;

function read(): Entries {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Entries) : {};
  } catch {
    return {};
  }
}

function write(entries: Entries): void {
  try {
    if (Object.keys(entries).length === 0) globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the composer still holds the text and keeps retrying.
  }
}

/** Keeps the latest input of one composer session on this device. */
export function keepPending(session: string, input: DraftInput): void {
  write({ ...read(), [session]: input });
}

export function dropPending(session: string): void {
  const entries = read();
  if (!(session in entries)) return;
  delete entries[session];
  write(entries);
}

export function pendingSessions(): string[] {
  return Object.keys(read());
}

/**
 * Saves every kept copy but the open composer's own (its saver owns that one); returns how many
 * reached the store. A copy that fails again stays for the next try.
 */
export async function flushPending(
  openSession: string | null,
  save: (input: DraftInput) => Promise<DraftView>,
): Promise<number> {
  let saved = 0;
  for (const [session, input] of Object.entries(read())) {
    if (session === openSession) continue;
    try {
      await save(input);
      dropPending(session);
      saved += 1;
    } catch {
      // Still unreachable: kept.
    }
  }
  return saved;
}
