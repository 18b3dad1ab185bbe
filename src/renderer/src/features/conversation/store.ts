/**
 * The open conversation: loaded when the selection changes, reloaded quietly when a push event
 * says it changed, and the seller's two verdicts on a buyer message — Report (R18) and No
 * response needed (R19) — which also refresh the counts and the list (the conversation leaves
 * 'response-needed').
 */
import { create } from 'zustand';
import type { ConversationDetail, ReportReason } from '../../../../shared/contract';
import { errorText, getApi } from '../../state/backend';
import { useInbox } from '../../state/inbox-store';

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
  const inbox = useInbox.getState();
  await Promise.all([useConversation.getState().reload(), inbox.refreshCounts(), inbox.refreshList()]);
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
      const detail = await getApi()['conversation.get']({ id });
      if (mine === asked) set({ detail, loading: false });
    } catch (error) {
      if (mine === asked) set({ loading: false, error: errorText(error) });
    }
  },

  async reload() {
    const { id } = get();
    if (id === null) return;
    const mine = ++asked;
    try {
      const detail = await getApi()['conversation.get']({ id });
      if (mine === asked) set({ detail, error: null, loading: false });
    } catch (error) {
      if (mine === asked) set({ error: errorText(error), loading: false });
    }
  },

  async report(messageId, reason, note) {
    await getApi()['message.report']({ messageId, reason, ...(note.trim() ? { note: note.trim() } : {}) });
    await afterVerdict();
  },

  async noResponse(messageId) {
    await getApi()['message.noResponse']({ messageId });
    await afterVerdict();
  },

  async release(messageId) {
    await getApi()['message.release']({ messageId });
    await afterVerdict();
  },
}));
