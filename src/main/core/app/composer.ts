/**
 * The composer's backend: the dry run while the seller types, and sending. Both build the same
 * outgoing message from what the composer holds (subject by topic and [Important], R10c/R10d;
 * a reply quoted and referenced, R10a; attachments from the checked files) and put it through
 * the relay's acceptance once (ops/send.ts): the dry run stops at the Decision, sending commits it,
 * so what the UI predicts is what happens. Sending goes through the outbox; a refusal records
 * nothing and keeps the draft, so nothing is lost.
 */
import type { DryRun, SendResult } from '../../../shared/contract.js';
import { composeSubject } from '../../../shared/contract.js';
import type { Decision, Language } from '../../../shared/domain.js';
import { RULE_TEXT } from '../../../shared/rules.js';
import { attributionName, hasQuote, replyBody } from '../../../shared/quote.js';
import type { CoreContext } from '../context.js';
import { isParleyError, ParleyError } from '../errors.js';
import { checkDraft, composeDraft, settleDraft, type OutgoingDraft } from '../ops/send.js';
import type { Seller } from '../store/sellers.js';
import { deleteDraft, replyTarget, resolveTarget, saveDraft, type ParsedDraft } from './drafts.js';

export interface Outgoing {
  draft: OutgoingDraft;
  subject: string;
  buyerName: string | null;
}

/** The message as it would be sent, from what the composer holds. */
export function buildOutgoing(ctx: CoreContext, seller: Seller, input: ParsedDraft): Outgoing {
  const { pair } = resolveTarget(ctx, seller, input, true);
  const original =
    input.replyToMessageId !== undefined ? replyTarget(ctx, seller, input.replyToMessageId, pair!.id) : undefined;
  const subject = composeSubject({
    topic: input.topic,
    subject: input.subject,
    orderId: input.orderId,
    important: input.important,
    language: seller.language,
    replyTo: original?.subject,
  });
  let text = input.body;
  // R10a: the composer quotes already; a reply without any quoted line gets the original below it.
  if (original && !hasQuote(text) && original.text.trim())
    text = replyBody({ ...original, fromLabel: attributionName(pair!.buyerName, pair!.alias) }, seller.language, text);
  const attachments = input.attachments.map((file) => {
    if (!ctx.store.blobs.has(file.sha256))
      throw new ParleyError('EBADINPUT', `the attachment "${file.name}" is no longer stored: attach it again`, {
        detail: { key: 'draft.attachmentGone', params: { name: file.name } },
      });
    return { filename: file.name, content: ctx.store.blobs.get(file.sha256), contentType: file.type || undefined };
  });
  return {
    subject,
    buyerName: pair!.buyerName || null,
    draft: {
      sellerId: seller.id,
      alias: pair!.alias,
      subject,
      text,
      attachments,
      inReplyTo: original?.relayMessageId,
      // R10c counts only for messages composed in Parley: the topic is the seller's choice, not a typed subject.
      reason: input.topic === 'additional-info' ? 'additional-info' : undefined,
      // The chosen topic is context for the R12 classifier ("Address problem" makes one likelier).
      topic: input.topic,
    },
  };
}

export async function dryRun(ctx: CoreContext, seller: Seller, input: ParsedDraft): Promise<DryRun> {
  const { draft, subject, buyerName } = buildOutgoing(ctx, seller, input);
  const decision = await checkDraft(ctx, draft, 'app');
  return { decision, willDeliver: decision.verdict === 'deliver', subject, quota: decision.quota, buyerName };
}

/**
 * Why the policy refused, rule by rule, in the UI's language: each rule's own words, without its id (the composer's
 * check has said it in detail already, with the rule ids behind "Why?"). The decision's words are in the shop's
 * language, which need not be the UI's.
 */
function refusalReasons(decision: Decision, language: Language): string {
  return [...new Set(decision.reasons.map((r) => RULE_TEXT[r.rule][language]))].join(' ');
}

/**
 * R11 asks first: why the message needs the seller's confirmation, in the UI language (the
 * policy words it in the shop's language; another UI language gets the rule's own words).
 */
function confirmReasons(decision: Decision, language: Language, sellerLanguage: Language): string {
  return decision.reasons
    .filter((r) => r.rule === 'R11')
    .map((r) => (language === sellerLanguage ? r.message : RULE_TEXT[r.rule][language]))
    .join(' ');
}

/**
 * A send the app refuses: the message in the UI language as before, and the key the UI words it by with the reasons
 * ("Not sent: R10: …").
 */
function notSent(
  code: 'EPOLICY' | 'ECONFIRM',
  key: 'send.refused' | 'send.confirm',
  reasons: string,
  language: Language,
): ParleyError {
  const lead =
    key === 'send.confirm'
      ? language === 'de'
        ? 'Noch nicht gesendet'
        : 'Not sent yet'
      : language === 'de'
        ? 'Nicht gesendet'
        : 'Not sent';
  return new ParleyError(code, `${lead}: ${reasons}`, { detail: { key, params: { reasons } } });
}

/**
 * The relay's refusal as the app shows it: without the enhanced status code a mail client gets, and worded by the UI as
 * "not sent" with the policy's reasons unless it brings its own message key (R16 decided again in the commit).
 */
function appRefusal(err: ParleyError): ParleyError {
  const message = err.message.replace(/^\d\.\d\.\d+ /, '');
  return new ParleyError(err.code, message, {
    detail: err.detail ?? { key: 'send.refused', params: { reasons: message } },
  });
}

/**
 * Sends through the relay pipeline (record, outbox); never delivers synchronously. A message the
 * policy would block or refuse is not sent at all: the seller sees why, and the draft is kept.
 * One R11 would hold is not sent either (ECONFIRM) until the seller confirms it (`confirm`).
 */
export async function send(
  ctx: CoreContext,
  seller: Seller,
  input: ParsedDraft & { confirm?: boolean },
  language: Language,
): Promise<SendResult> {
  const { confirm, ...fields } = input;
  const built = buildOutgoing(ctx, seller, fields);
  const draft = { ...built.draft, confirmed: confirm === true };
  const keep = () => {
    try {
      saveDraft(ctx, seller, fields);
    } catch (err) {
      console.error('parley: could not keep the draft of a refused message', err);
    }
  };
  const composed = await composeDraft(ctx, draft);
  let outcome;
  try {
    // Decided once: anything but 'deliver' is refused before anything is recorded or queued.
    outcome = await settleDraft(ctx, composed, draft, 'app', 'deliver');
  } catch (err) {
    keep();
    throw isParleyError(err) ? appRefusal(err) : err;
  }
  const { decision, accepted: result } = outcome;
  if (!result) {
    keep();
    if (decision.verdict === 'hold')
      throw notSent('ECONFIRM', 'send.confirm', confirmReasons(decision, language, seller.language), language);
    throw notSent('EPOLICY', 'send.refused', refusalReasons(decision, language), language);
  }
  if (fields.id !== undefined) deleteDraft(ctx, seller, fields.id);
  return {
    messageId: result.messageId,
    conversationId: result.conversationId,
    decision: result.decision,
    // Only a delivered message is committed from the app: it waits in the outbox.
    state: 'queued',
  };
}
