/**
 * Sending: the draft is stored first, then `composer.send` puts the message through the relay's
 * pipeline and the outbox. A refusal (EPOLICY, or anything else) keeps every field in the
 * composer and the stored draft; only a message the relay took closes it.
 *
 * R11 asks first: when the live check says the message would be held, Send opens the
 * confirmation instead of sending; so does the backend's ECONFIRM when the check was not current.
 * Only "Send anyway" sends it, with `confirm: true`.
 */
import { composeSubject } from '../../../../shared/vocabulary';
import type { DraftInput } from '../../../../shared/contract';
import type { Saver } from './autosave';
import type { DryRunner } from './dry-run';
import { EMPTY_FORM, hasRecipient } from './form';
import type { ComposerState } from './store';
import { failure } from '../../api/errors';
import { sendMessage } from './api';
import { watchDelivery, type DeliveryWatch } from './delivery';

/** The sent message whose delivery the notice follows; one at a time. */
let delivery: DeliveryWatch | null = null;

/** The notice is gone (dismissed, or a new composer opened): its message is not followed any more. */
export function stopFollowingDelivery(): void {
  delivery?.stop();
  delivery = null;
}

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
  return composeSubject({
    topic: form.topic,
    subject: form.subject,
    orderId: form.orderId,
    important: form.important,
    language: s.sellerLanguage,
  });
}

export async function sendDraft(
  { get, set, saver, dryRunner, snapshot, endSession }: SendDeps,
  opts: { confirm?: boolean } = {},
): Promise<void> {
  const s = get();
  if (!s.isOpen || s.loading || s.sending) return;
  if (s.confirm && !opts.confirm) return; // the confirmation is open: only its buttons decide
  if (!hasRecipient(s.form)) return set({ sendError: { code: 'ENORECIPIENT', message: '' } });
  if (s.checkingFiles.length > 0) return set({ sendError: { code: 'EFILESPENDING', message: '' } });
  if (!subjectToSend(s)) return set({ sendError: { code: 'ENOSUBJECT', message: '' } });
  if (!s.form.body.trim()) return set({ sendError: { code: 'ENOBODY', message: '' } });
  const input = snapshot();
  if (!input) return;
  const checked = s.dryRun.state === 'done' ? s.dryRun.result?.decision : undefined;
  if (!opts.confirm && checked?.verdict === 'hold')
    return set({ confirm: { decision: checked, message: '' }, sendError: null });

  set({ sending: true, sendError: null, confirm: null });
  stopFollowingDelivery();
  // From before the send: the outbox may deliver (a local mailbox does at once) before the send's answer is here.
  const watch = (delivery = watchDelivery((event) => {
    const sent = get().sent;
    if (sent?.messageId === event.messageId)
      set({ sent: { ...sent, state: event.state, nextAttemptAt: event.nextAttemptAt } });
  }));
  // Stored first: whatever happens to the send, the text is in the store (the backend deletes
  // the draft only once the message is recorded).
  await saver.flush();
  const latest = snapshot() ?? input;
  try {
    const result = await sendMessage(opts.confirm ? { ...latest, confirm: true } : latest);
    const subject = get().dryRun.result?.subject || subjectToSend(get());
    const already = watch.follow(result.messageId);
    endSession();
    set((prev) => ({
      isOpen: false,
      sending: false,
      form: EMPTY_FORM,
      refused: [],
      sent: {
        messageId: result.messageId,
        state: already?.state ?? result.state,
        nextAttemptAt: already?.nextAttemptAt ?? null,
        subject,
        reasons: result.decision.reasons.map((r) => ({ rule: r.rule, code: r.code, params: r.params })),
        buyer: get().dryRun.result?.buyerName ?? null,
        sellerLanguage: result.decision.category.language ?? get().sellerLanguage,
      },
      draftsVersion: prev.draftsVersion + 1,
    }));
    // The list, the counts and the open conversation follow the backend's push events ('message.new' for the
    // recorded message, then 'counts.changed'): app/events.ts.
  } catch (error) {
    stopFollowingDelivery();
    const refused = failure(error);
    const asks = refused.code === 'ECONFIRM' && !opts.confirm;
    set({ sending: false, sendError: asks ? null : refused });
    if (get().form.draftId === undefined) {
      saver.touch();
      void saver.flush();
    }
    // EPOLICY: the seller wants to see why, rule by rule, at once (the dry-run panel says it).
    const checking = dryRunner.now();
    if (asks) {
      // The live check was not current: ask now, with its words once it is.
      set({ confirm: { decision: null, message: refused.message } });
      await checking;
      const decision = get().dryRun.result?.decision;
      if (get().confirm && decision?.verdict === 'hold') set({ confirm: { decision, message: refused.message } });
    }
  }
}
