/**
 * Unsent drafts from the store (offline drafting: they survive a restart), newest first. The
 * list reads again whenever the composer stores, sends or discards one (DraftsList's version).
 */
import { create } from 'zustand';
import type { DraftView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { deleteDraft, listDrafts } from './api';

export interface DraftsState {
  drafts: DraftView[];
  loaded: boolean;
  error: string | null;
  deleteError: string | null;
  load(): Promise<void>;
  remove(id: number): Promise<void>;
}

let generation = 0;

export const useDrafts = create<DraftsState>((set, get) => ({
  drafts: [],
  loaded: false,
  error: null,
  deleteError: null,

  async load() {
    const mine = ++generation;
    try {
      const drafts = await listDrafts();
      if (mine !== generation) return;
      set({
        drafts: [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id),
        loaded: true,
        error: null,
      });
    } catch (error) {
      if (mine === generation) set({ loaded: true, error: failure(error).message });
    }
  },

  async remove(id) {
    set({ deleteError: null });
    try {
      await deleteDraft({ id });
      set((s) => ({ drafts: s.drafts.filter((d) => d.id !== id) }));
    } catch (error) {
      set({ deleteError: failure(error).message });
    }
    await get().load();
  },
}));
