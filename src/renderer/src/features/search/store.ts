/**
 * The one search box: alias, order number, buyer name or words of the messages (FTS5 in the
 * backend). While it holds a query its results replace the conversation list; Esc clears it.
 * Every keystroke asks at once and answers to older keystrokes are dropped, so results are on
 * screen as fast as the backend answers (the bench wants ≤ 150 ms).
 */
import { create } from 'zustand';
import type { ConversationRow } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { searchInbox } from './api';

const MAX_RESULTS = 200; // the contract's limit for inbox.search

interface SearchState {
  query: string;
  /** null while no query; [] when nothing matched. */
  results: ConversationRow[] | null;
  loading: boolean;
  error: string | null;
  setQuery(query: string): void;
  clear(): void;
  /** Runs the current query again (after a change in the inbox). */
  refresh(): void;
}

let asked = 0;

export const useSearch = create<SearchState>((set, get) => ({
  query: '',
  results: null,
  loading: false,
  error: null,

  setQuery(query) {
    set({ query });
    const trimmed = query.trim();
    const mine = ++asked;
    if (!trimmed) {
      set({ results: null, loading: false, error: null });
      return;
    }
    set({ loading: true });
    searchInbox({ query: trimmed.slice(0, 200), limit: MAX_RESULTS })
      .then((results) => {
        if (mine === asked) set({ results, loading: false, error: null });
      })
      .catch((error) => {
        if (mine === asked) set({ results: [], loading: false, error: failure(error).message });
      });
  },

  clear() {
    get().setQuery('');
  },

  refresh() {
    if (get().query.trim()) get().setQuery(get().query);
  },
}));
