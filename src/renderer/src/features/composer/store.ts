/**
 * The composer's state and actions (one zustand store, actions inside it, STYLE.md). Opening
 * loads what the composer needs (the conversation, the seller's marketplace language), every
 * edit goes through `update`, which marks the draft dirty for the saver (autosave.ts) and asks
 * for a new dry run (dry-run.ts). The timers are module-level, outside React.
 */
import { create } from 'zustand';
import type { DraftInput, DraftView } from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { createSaver } from './autosave';
import { createDryRunner } from './dry-run';
import { EMPTY_FORM, hasRecipient, inSync, toDraftInput, withImportant, withSubject, type ComposerForm } from './form';
import { loadDraft, loadNew, loadReply } from './open';
import { dropPending, keepPending } from './pending';
import { scheduleRecovery } from './recovery';
import { sendDraft, stopFollowingDelivery } from './send';
import type { ComposerState, Mode, SaveStatus } from './types';
import { failure } from '../../api/errors';
import { checkDraft, deleteDraft, fetchStatus, saveDraft } from './api';

export type { ComposerState, ConfirmRequest, Mode, SaveStatus, SendError, SentNotice } from './types';

const IDLE_SAVE: SaveStatus = { state: 'idle', at: null, error: null, retryInMs: null };

let session: string | null = null;
export const currentSession = () => session;
const newSession = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Nothing to save before a recipient is known or while the form is still loading. */
function snapshot(): DraftInput | null {
  const s = useComposer.getState();
  if (!s.isOpen || s.loading || !hasRecipient(s.form)) return null;
  return toDraftInput(s.form);
}

const saver = createSaver({
  snapshot,
  persist: (input) => saveDraft(input),
  onSaving: () => useComposer.setState((s) => ({ save: { ...s.save, state: 'saving', retryInMs: null } })),
  onSaved: (view: DraftView, stillDirty) => {
    if (session && !stillDirty) dropPending(session);
    useComposer.setState((s) => ({
      form: s.form.draftId === view.id ? s.form : { ...s.form, draftId: view.id },
      save: { state: stillDirty ? 'idle' : 'saved', at: view.updatedAt, error: null, retryInMs: null },
      draftsVersion: s.draftsVersion + 1,
    }));
  },
  onFailed: (message, retryInMs, input) => {
    if (session) keepPending(session, input); // never lose text, even if the window closes now
    useComposer.setState((s) => ({ save: { ...s.save, state: 'failed', error: message, retryInMs } }));
  },
});

const dryRunner = createDryRunner({
  input: snapshot,
  check: (input) => checkDraft(input),
  onStart: () => useComposer.setState((s) => ({ dryRun: { ...s.dryRun, state: 'checking' } })),
  onResult: (result) => useComposer.setState({ dryRun: { state: 'done', result, error: null } }),
  onError: (error) => useComposer.setState((s) => ({ dryRun: { state: 'error', result: s.dryRun.result, error } })),
});

/** True while the saver holds edits that are not stored yet. */
export const hasUnsavedEdits = () => saver.dirty;

/** The window is going away or hidden: keep a synchronous copy, then try the store. */
export function saveBeforeLeaving(): void {
  const input = saver.dirty ? snapshot() : null;
  if (!input || !session) return;
  keepPending(session, input);
  void saver.flush();
}

let sellerLanguage: Language | null = null;
async function loadSellerLanguage(): Promise<Language> {
  const known = useAppStatus.getState().status?.seller?.language;
  if (known) return known;
  if (sellerLanguage) return sellerLanguage;
  try {
    const status = await fetchStatus();
    sellerLanguage = status.seller?.language ?? useLanguage.getState().language;
  } catch {
    return useLanguage.getState().language;
  }
  return sellerLanguage;
}

/** Tests start every case with a fresh seller. */
export function forgetSellerLanguage(): void {
  sellerLanguage = null;
}

/** Closes whatever is open (saving it first) and starts a fresh composer session. */
async function begin(mode: Mode, form: ComposerForm): Promise<void> {
  const s = useComposer.getState();
  if (s.isOpen) await s.close();
  saver.reset();
  dryRunner.cancel();
  stopFollowingDelivery();
  session = newSession();
  useComposer.setState((prev) => ({
    isOpen: true,
    openCount: prev.openCount + 1,
    loading: true,
    loadError: null,
    mode,
    form,
    orders: [],
    buyerLabel: null,
    askRecipient: false,
    save: IDLE_SAVE,
    dryRun: { state: 'idle', result: null, error: null },
    checkingFiles: [],
    refused: [],
    sending: false,
    sendError: null,
    confirm: null,
    sent: null,
    keptOnDevice: false,
  }));
}

/** The last step of every open: the form is ready, show it and run the first dry run. */
function ready(patch: Partial<ComposerState>): void {
  useComposer.setState((s) => {
    const form = inSync(patch.form ?? s.form, patch.sellerLanguage ?? s.sellerLanguage);
    return { ...patch, form, loading: false };
  });
  void dryRunner.now();
}

/** After a send: nothing of this session is to be saved or checked any more. */
function endSession(): void {
  saver.reset();
  dryRunner.cancel();
  if (session) dropPending(session);
  session = null;
}

function failLoad(error: unknown): void {
  useComposer.setState({ loading: false, loadError: failure(error).message });
}

export const useComposer = create<ComposerState>((set, get) => ({
  isOpen: false,
  openCount: 0,
  loading: false,
  loadError: null,
  mode: 'new',
  form: EMPTY_FORM,
  orders: [],
  buyerLabel: null,
  askRecipient: false,
  sellerLanguage: 'en',
  save: IDLE_SAVE,
  dryRun: { state: 'idle', result: null, error: null },
  checkingFiles: [],
  refused: [],
  sending: false,
  sendError: null,
  confirm: null,
  sent: null,
  keptOnDevice: false,
  draftsVersion: 0,

  async openReply({ conversationId, replyToMessageId }) {
    await begin('reply', { ...EMPTY_FORM, conversationId, replyToMessageId });
    try {
      ready(await loadReply(conversationId, replyToMessageId, await loadSellerLanguage()));
    } catch (error) {
      failLoad(error);
    }
  },

  async openNew({ alias, orderId, conversationId }) {
    await begin('new', { ...EMPTY_FORM, alias, orderId, conversationId, topic: 'other' });
    try {
      ready(await loadNew({ alias, orderId, conversationId }, await loadSellerLanguage()));
    } catch (error) {
      failLoad(error);
    }
  },

  async openDraft(id) {
    await begin('new', EMPTY_FORM);
    try {
      ready(await loadDraft(id, await loadSellerLanguage()));
    } catch (error) {
      failLoad(error);
    }
  },

  async close() {
    if (!get().isOpen) return;
    let stored = true;
    if (saver.dirty) {
      const input = snapshot();
      if (input && session) keepPending(session, input); // kept until the store has it
      stored = await saver.flush();
    }
    const closing = session;
    saver.reset();
    dryRunner.cancel();
    session = null;
    if (stored && closing) dropPending(closing);
    if (!stored) scheduleRecovery();
    set({
      isOpen: false,
      loading: false,
      form: EMPTY_FORM,
      refused: [],
      checkingFiles: [],
      sendError: null,
      confirm: null,
      keptOnDevice: !stored,
    });
  },

  update(patch) {
    set((s) => ({ form: { ...s.form, ...patch }, sendError: null, confirm: null }));
    saver.touch();
    dryRunner.schedule();
  },

  setSubject(subject) {
    get().update(withSubject(get().form, subject));
  },

  setImportant(important) {
    get().update(withImportant(get().form, important, get().sellerLanguage));
  },

  saveNow: () => saver.flush(),

  async send() {
    await sendDraft({ get, set, saver, dryRunner, snapshot, endSession });
  },

  async sendAnyway() {
    if (!get().confirm) return;
    await sendDraft({ get, set, saver, dryRunner, snapshot, endSession }, { confirm: true });
  },

  cancelConfirm: () => set({ confirm: null }),

  async discard() {
    const { form } = get();
    endSession();
    if (form.draftId !== undefined) {
      try {
        await deleteDraft({ id: form.draftId });
      } catch {
        // Already gone or unreachable: the seller asked to throw it away, the list will tell.
      }
    }
    set((s) => ({ isOpen: false, form: EMPTY_FORM, refused: [], draftsVersion: s.draftsVersion + 1 }));
  },

  dismissSent: () => {
    stopFollowingDelivery();
    set({ sent: null, keptOnDevice: false });
  },
  patchState: (patch) => set(patch),
}));
