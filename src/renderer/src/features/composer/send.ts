/**
 * Sending: the draft is stored first, then `composer.send` puts the message through the relay's
 * pipeline and the outbox. A refusal (EPOLICY, or anything else) keeps every field in the
 * composer and the stored draft; only a message the relay took closes it.
 */
import { composeSubject } from '../../../../shared/vocabulary';
import type { DraftInput } from '../../../../shared/contract';
import { getApi } from '../../app/backend';
import { useInbox } from '../../app/store';
import type { Saver } from './autosave';
import type { DryRunner } from './dry-run';
import { EMPTY_FORM, contractError, hasRecipient } from './form';
import type { ComposerState } from './store';

export interface SendDeps {
  get(): ComposerState;
  set(patch: Partial<ComposerState> | ((s: ComposerState) => Partial<ComposerState>)): void;
  saver: Saver;
  dryRunner: DryRunner;
  snapshot(): DraftInput | null;
  endSession(): void;
}

/** The subject the buyer will see, as composeSubject makes it from the composer's choices. */
export function subjectToSend(s: Pick<ComposerState, 'form' | 'sellerLanguage'>): string {
  const { form } = s;
  return composeSubject({ topic: form.topic, subject: form.subject, orderId: form.orderId, important: form.important, language: s.sellerLanguage });
}

export async function sendDraft({ get, set, saver, dryRunner, snapshot, endSession }: SendDeps): Promise<void> {
  const s = get();
  if (!s.isOpen || s.loading || s.sending) return;
  if (!hasRecipient(s.form)) return set({ sendError: { code: 'ENORECIPIENT', message: '' } });
  if (s.checkingFiles.length > 0) return set({ sendError: { code: 'EFILESPENDING', message: '' } });
  if (!subjectToSend(s)) return set({ sendError: { code: 'ENOSUBJECT', message: '' } });
  if (!s.form.body.trim()) return set({ sendError: { code: 'ENOBODY', message: '' } });
  const input = snapshot();
  if (!input) return;

  set({ sending: true, sendError: null });
  // Stored first: whatever happens to the send, the text is in the store (the backend deletes
  // the draft only once the message is recorded).
  await saver.flush();
  const latest = snapshot() ?? input;
  try {
    const result = await getApi()['composer.send'](latest);
    const subject = get().dryRun.result?.subject || subjectToSend(get());
    endSession();
    set((prev) => ({
      isOpen: false,
      sending: false,
      form: EMPTY_FORM,
      refused: [],
      sent: { state: result.state, subject, reasons: result.decision.reasons.map((r) => ({ rule: r.rule, message: r.message })) },
      draftsVersion: prev.draftsVersion + 1,
    }));
    const inbox = useInbox.getState();
    void inbox.refreshCounts();
    void inbox.refreshList();
  } catch (error) {
    set({ sending: false, sendError: contractError(error) });
    if (get().form.draftId === undefined) {
      saver.touch();
      void saver.flush();
    }
    // EPOLICY: the seller wants to see why, rule by rule, at once (the dry-run panel says it).
    void dryRunner.now();
  }
}
