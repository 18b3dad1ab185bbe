/**
 * The open conversation: loaded when the selection changes (asked for by the selection itself, before the pane
 * renders it: a click or j shows the messages one render sooner), reloaded quietly when a push event
 * says it changed, and the seller's two verdicts on a buyer message — Report (R18) and No
 * response needed (R19) — after which it reads itself again; the counts and the list follow the
 * backend's 'counts.changed' (the conversation leaves 'response-needed').
 */
import { create } from 'zustand';
import type { ConversationDetail, ReportReason } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { onApiChange } from '../../state/backend';
import { useInbox } from '../../state/inbox-store';
import { getConversation, markNoResponse, releaseMessage, reportMessage } from './api';

interface ConversationState {
  id: number | null;
  detail: ConversationDetail | null;
  loading: boolean;
  error: string | null;
  /** Shows conversation `id` (null: none); asks only when it is not already shown or on its way. */
  load(id: number | null): Promise<void>;
  /** Reads the open conversation again without blanking the pane. */
  reload(): Promise<void>;
  report(messageId: number, reason: ReportReason, note: string): Promise<void>;
  noResponse(messageId: number): Promise<void>;
  /** R11: a held seller message goes after all. */
  release(messageId: number): Promise<void>;
}

let asked = 0;

/**
 * Conversations read ahead (app/read-ahead.ts: the rows next to the selection, in idle time) and the one just left,
 * by id. load() takes one once, answered or still on its way; any change the backend reports drops them all
 * (forgetReadAhead), and one older than AHEAD_FRESH_MS is asked again.
 */
interface Ahead {
  answer: Promise<ConversationDetail>;
  /** The answer once it is in: the open shows it in the same render as the selection. */
  detail?: ConversationDetail;
  at: number;
}
const ahead = new Map<number, Ahead>();
const AHEAD_MAX = 4;
const AHEAD_FRESH_MS = 60_000;

export function readAhead(id: number): void {
  if (id === useConversation.getState().id || ahead.has(id)) return;
  const entry: Ahead = { answer: getConversation({ id }), at: Date.now() };
  entry.answer.then(
    (detail) => (entry.detail = detail),
    () => ahead.get(id) === entry && ahead.delete(id), // the open asks again, and says so if it fails too
  );
  remember(id, entry);
}

function keepAhead(detail: ConversationDetail): void {
  remember(detail.conversation.id, { answer: Promise.resolve(detail), detail, at: Date.now() });
}

/** Keeps `entry`, dropping the oldest beyond AHEAD_MAX. */
function remember(id: number, entry: Ahead): void {
  ahead.delete(id);
  ahead.set(id, entry);
  for (const oldest of ahead.keys()) {
    if (ahead.size <= AHEAD_MAX) break;
    ahead.delete(oldest);
  }
}

export function forgetReadAhead(): void {
  ahead.clear();
}
onApiChange(forgetReadAhead); // another backend's conversations are not these

function takeAhead(id: number): Ahead | undefined {
  const entry = ahead.get(id);
  ahead.delete(id);
  return entry && Date.now() - entry.at < AHEAD_FRESH_MS ? entry : undefined;
}

async function afterVerdict(): Promise<void> {
  await useConversation.getState().reload();
}

export const useConversation = create<ConversationState>((set, get) => ({
  id: null,
  detail: null,
  loading: false,
  error: null,

  async load(id) {
    const now = get();
    // Already on its way or shown (the selection asked before the view did); reload() reads it again.
    if (id !== null && id === now.id && (now.loading || now.detail?.conversation.id === id)) return;
    const mine = ++asked;
    // The conversation left is kept like one read ahead: k (or a click back) shows it again at once. Push events kept
    // it current while it was open (app/events.ts), and drop it from here with the others after any later change.
    if (now.detail && !now.loading && now.id === now.detail.conversation.id && now.id !== id) keepAhead(now.detail);
    if (id === null) {
      set({ id: null, detail: null, loading: false, error: null });
      return;
    }
    const early = takeAhead(id);
    if (early?.detail) {
      set({ id, detail: early.detail, loading: false, error: null });
      return;
    }
    set((s) => ({ id, loading: true, error: null, detail: s.detail?.conversation.id === id ? s.detail : null }));
    try {
      const detail = await (early?.answer ?? getConversation({ id }));
      if (mine === asked) set({ detail, loading: false });
    } catch (error) {
      if (mine === asked) set({ loading: false, error: failure(error).message });
    }
  },

  async reload() {
    const { id } = get();
    if (id === null) return;
    const mine = ++asked;
    try {
      const detail = await getConversation({ id });
      if (mine === asked) set({ detail, error: null, loading: false });
    } catch (error) {
      if (mine === asked) set({ error: failure(error).message, loading: false });
    }
  },

  async report(messageId, reason, note) {
    await reportMessage({ messageId, reason, ...(note.trim() ? { note: note.trim() } : {}) });
    await afterVerdict();
  },

  async noResponse(messageId) {
    await markNoResponse({ messageId });
    await afterVerdict();
  },

  async release(messageId) {
    await releaseMessage({ messageId });
    await afterVerdict();
  },
}));

// The selection asks at once; the conversation view asks again only for what is not already on its way.
useInbox.subscribe((s, prev) => {
  if (s.selectedId !== prev.selectedId) void useConversation.getState().load(s.selectedId);
});
