/**
 * The open conversation: loaded when the selection changes, reloaded quietly when a push event
 * says it changed, and the seller's two verdicts on a buyer message — Report (R18) and No
 * response needed (R19) — after which it reads itself again; the counts and the list follow the
 * backend's 'counts.changed' (the conversation leaves 'response-needed').
 */
import { create } from 'zustand';
import type { ConversationDetail, ReportReason } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { getConversation, markNoResponse, releaseMessage, reportMessage } from './api';

interface ConversationState {
  id: number | null;
  detail: ConversationDetail | null;
  loading: boolean;
  error: string | null;
  load(id: number | null): Promise<void>;
  /** Reads the open conversation again without blanking the pane. */
  reload(): Promise<void>;
  report(messageId: number, reason: ReportReason, note: string): Promise<void>;
  noResponse(messageId: number): Promise<void>;
  /** R11: a held seller message goes after all. */
  release(messageId: number): Promise<void>;
}

let asked = 0;

async function afterVerdict(): Promise<void> {
  await useConversation.getState().reload();
}

export const useConversation = create<ConversationState>((set, get) => ({
  id: null,
  detail: null,
  loading: false,
  error: null,

  async load(id) {
    const mine = ++asked;
    if (id === null) {
      set({ id: null, detail: null, loading: false, error: null });
      return;
    }
    set((s) => ({ id, loading: true, error: null, detail: s.detail?.conversation.id === id ? s.detail : null }));
    try {
      const detail = await getConversation({ id });
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
