/**
 * The inbox's shared state: which filter is chosen (R20: 'response-needed' by default), the
 * counts beside the filters, the conversation list read in windows, and which conversation is
 * selected. Features read it through selectors (`useInbox(s => …)`); after a change the backend's
 * push events refresh it (app/events.ts).
 */
import { create } from 'zustand';
import type { ConversationRow, Filter, FilterCounts } from '../../../shared/contract';
import { failure } from '../api/errors';
import { call } from './backend';
import { PAGE_SIZE, pagesFor, withPage, type Pages } from './list-pages';

/** Filters whose middle pane is not a conversation list (the composer helper's lists). */
export const NON_LIST_FILTERS: readonly Filter[] = ['drafts', 'outbox'];

export interface InboxState {
  filter: Filter;
  counts: FilterCounts | null;
  selectedId: number | null;
  /** Where the selection sits in the list, so j/k continue from there after the row left it. */
  selectedIndex: number;
  /** Rows in the current filter; null until the first window arrived. */
  total: number | null;
  pages: Pages;
  listError: string | null;
  /** Bumped when the list starts over (another filter): the list scrolls to the top. */
  listEpoch: number;

  setFilter(filter: Filter): void;
  select(id: number | null, index?: number): void;
  setCounts(counts: FilterCounts): void;
  refreshCounts(): Promise<void>;
  /** Reads the windows around what is on screen again (after a change or a push event). */
  refreshList(): Promise<void>;
  /** The list shows rows [start, end]: fetch the windows it lacks. */
  ensureRange(start: number, end: number): void;
}

let generation = 0; // bumped by setFilter/refreshList: answers of older requests are dropped
let inflight = new Set<number>();
let visible: [number, number] = [0, 30];

async function fetchPage(filter: Filter, page: number): Promise<{ total: number; rows: ConversationRow[] }> {
  const result = await call('inbox.list', { filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  return { total: result.total, rows: result.rows };
}

export const useInbox = create<InboxState>((set, get) => ({
  filter: 'response-needed',
  counts: null,
  selectedId: null,
  selectedIndex: -1,
  total: null,
  pages: new Map(),
  listError: null,
  listEpoch: 0,

  setFilter(filter) {
    generation++;
    inflight = new Set();
    visible = [0, 30];
    set((s) => ({
      filter,
      total: null,
      pages: new Map(),
      listError: null,
      selectedId: null,
      selectedIndex: -1,
      listEpoch: s.listEpoch + 1,
    }));
    void get().refreshList();
  },

  select(id, index) {
    set({ selectedId: id, selectedIndex: index ?? (id === null ? -1 : get().selectedIndex) });
  },

  setCounts(counts) {
    set({ counts });
  },

  async refreshCounts() {
    try {
      set({ counts: await call('inbox.counts', {}) });
    } catch (error) {
      console.warn('inbox.counts failed:', failure(error).message);
    }
  },

  async refreshList() {
    const { filter } = get();
    if (NON_LIST_FILTERS.includes(filter)) return;
    const mine = ++generation;
    inflight = new Set();
    try {
      const first = Math.max(0, Math.floor(visible[0] / PAGE_SIZE));
      const head = await fetchPage(filter, first);
      if (mine !== generation) return;
      // The neighbours are on the way before the window shows: the list's own range check (ensureRange, as it mounts
      // with these rows) does not ask for them a second time.
      const wanted = pagesFor(visible[0], visible[1], head.total).filter((p) => p !== first);
      const asked = inflight;
      wanted.forEach((p) => asked.add(p));
      const neighbours = Promise.all(wanted.map((p) => fetchPage(filter, p))).finally(() =>
        wanted.forEach((p) => asked.delete(p)),
      );
      // The window on screen shows at once; its neighbours follow (the inbox is usable sooner).
      // (setFilter emptied the pages; a refresh keeps the old rows until their fresh copies arrive.)
      set((s) => ({ total: head.total, pages: withPage(s.pages, first, head.rows, first), listError: null }));
      const rest = await neighbours;
      if (mine !== generation) return;
      set((s) => {
        let pages: Pages = s.pages;
        wanted.forEach((p, i) => (pages = withPage(pages, p, rest[i].rows, first)));
        return { pages };
      });
    } catch (error) {
      if (mine === generation) set({ listError: failure(error).message });
    }
  },

  ensureRange(start, end) {
    visible = [start, end];
    const { filter, total, pages } = get();
    if (total === null || NON_LIST_FILTERS.includes(filter)) return;
    const mine = generation;
    const focus = Math.floor(start / PAGE_SIZE);
    for (const page of pagesFor(start, end, total)) {
      if (pages.has(page) || inflight.has(page)) continue;
      inflight.add(page);
      fetchPage(filter, page)
        .then(({ total: t, rows }) => {
          if (mine !== generation) return;
          inflight.delete(page);
          set((s) => ({ total: t, pages: withPage(s.pages, page, rows, focus) }));
        })
        .catch((error) => {
          if (mine !== generation) return;
          inflight.delete(page);
          set({ listError: failure(error).message });
        });
    }
  },
}));
