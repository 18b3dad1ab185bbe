/**
 * The outbox as the seller sees it (R8): the seller's messages to buyers; the Outbox lists those still waiting
 * (queued, or deferred with the next retry and the last error), and the one chosen shows in the right pane whatever
 * became of it since. Push events ('delivery.changed') patch a row at once and then the list is read again, so
 * attempts and new rows appear without a click.
 */
import { create } from 'zustand';
import type { ContractEvents, OutboxView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { cancelOutbox, listOutbox, retryOutbox } from './api';

export interface OutboxState {
  items: OutboxView[];
  loaded: boolean;
  error: string | null;
  /** Per row: the last action's failure. */
  rowErrors: Record<number, string>;
  busy: Record<number, boolean>;
  /** The item shown in the right pane. */
  selectedId: number | null;
  select(id: number | null): void;
  load(): Promise<void>;
  retry(id: number): Promise<void>;
  cancel(id: number): Promise<void>;
  applyEvent(event: ContractEvents['delivery.changed']): void;
}

/** Rows the seller can still act on: Retry now and Cancel. */
export const isPending = (row: OutboxView) => row.state === 'queued' || row.state === 'deferred';

let generation = 0; // a newer load wins over an older one that answers late

function replace(items: OutboxView[], row: OutboxView): OutboxView[] {
  return items.map((item) => (item.id === row.id ? row : item));
}

export const useOutbox = create<OutboxState>((set, get) => {
  async function act(id: number, call: 'outbox.retry' | 'outbox.cancel'): Promise<void> {
    set((s) => ({ busy: { ...s.busy, [id]: true }, rowErrors: { ...s.rowErrors, [id]: '' } }));
    try {
      const row = await (call === 'outbox.retry' ? retryOutbox : cancelOutbox)({ id });
      set((s) => ({ items: replace(s.items, row) }));
    } catch (error) {
      set((s) => ({ rowErrors: { ...s.rowErrors, [id]: failure(error).message } }));
    } finally {
      set((s) => ({ busy: { ...s.busy, [id]: false } }));
    }
  }

  return {
    items: [],
    loaded: false,
    error: null,
    rowErrors: {},
    busy: {},
    selectedId: null,
    select: (id) => set({ selectedId: id }),

    async load() {
      const mine = ++generation;
      try {
        const items = await listOutbox();
        if (mine !== generation) return;
        // What still waits comes first; within each group, newest first.
        const sorted = [...items].sort(
          (a, b) =>
            Number(!isPending(a)) - Number(!isPending(b)) || b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
        );
        set({ items: sorted, loaded: true, error: null });
      } catch (error) {
        if (mine === generation) set({ loaded: true, error: failure(error).message });
      }
    },

    retry: (id) => act(id, 'outbox.retry'),
    cancel: (id) => act(id, 'outbox.cancel'),

    applyEvent(event) {
      set((s) => ({
        items: s.items.map((item) =>
          item.id === event.outboxId
            ? { ...item, state: event.state, nextAttemptAt: event.nextAttemptAt, lastError: event.lastError }
            : item,
        ),
      }));
      void get().load();
    },
  };
});
