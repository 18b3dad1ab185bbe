/**
 * The policy engine: one pure, deterministic function from a message and what is known about
 * its sender and buyer to a Decision. The relay calls it on every message; the composer calls
 * it as a dry run while the seller types, so it must not do I/O or read the clock.
 */
import type {
  AttachmentAction,
  Classification,
  Decision,
  Language,
  PolicyContext,
  PolicyMessage,
  QuotaReport,
  RuleId,
  Verdict,
  Warning,
} from '../../../shared/domain.js';
import { attachmentsRemovedReason, checkAttachments } from './attachments.js';
import { classify } from './classifier.js';
import { findExceptions, optOutBlockReason, relevantOrders } from './opt-out.js';
import type { OptOutExceptions, Reason } from './opt-out.js';
import { quotaRefusal, quotaReport } from './quota.js';
import { urgentMisuse } from './urgent-words.js';

interface Draft {
  verdict: Verdict;
  rules: RuleId[];
  reasons: Reason[];
  evidence: string[];
  warnings: Warning[];
}

/** R11 holds (or, in strict mode, blocks) only at or above this confidence that a message is not necessary. */
const CONFIDENT = 0.8;

function decide(draft: Draft, verdict: Verdict, reason: Reason): void {
  draft.verdict = verdict;
  draft.rules.push(reason.rule);
  draft.reasons.push(reason);
}

function describeClassification(c: Classification): string {
  const necessity = c.necessary === true ? 'necessary' : c.necessary === false ? 'not necessary' : 'unclear';
  const sure = c.unsure ? `not sure${c.guess ? `, best guess ${c.guess}` : ''}, ` : '';
  const phrases = c.phrases.length > 0 ? `: ${c.phrases.map((p) => `"${p}"`).join(', ')}` : '';
  const against =
    c.runnerUp && (c.against ?? []).length > 0
      ? `; for ${c.runnerUp}: ${c.against!.map((p) => `"${p}"`).join(', ')}`
      : '';
  const context = (c.context ?? []).length > 0 ? `; ${c.context!.join(', ')}` : '';
  return `classified as ${c.category} (${sure}${necessity}, confidence ${c.confidence})${phrases}${against}${context}`;
}

function rejectSender(message: PolicyMessage, context: PolicyContext, quota: QuotaReport, draft: Draft): boolean {
  // R9 before R7: another seller's address is never going to be authorized, so telling them
  // how to authorize it would be misleading.
  if (context.senderIsOtherSeller) {
    decide(draft, 'reject', {
      rule: 'R9',
      code: 'other-seller',
      message:
        "The sender is another seller's registered address. Sellers do not contact other sellers through the messaging system, so the message was rejected.",
    });
    return true;
  }
  if (!context.senderAuthorized) {
    decide(draft, 'reject', {
      rule: 'R7',
      code: 'sender-not-authorized',
      message:
        'This sender address is not authorized to write to buyers for this seller, so the message was rejected. ' +
        'Authorize it with `parley seller authorize --id <seller> --email <address>` or in Settings → Authorized senders, ' +
        'then send the same message again.',
    });
    return true;
  }
  const refusal = quotaRefusal(quota);
  if (refusal) {
    decide(draft, 'reject', refusal);
    return true;
  }
  return false;
}

function decideSellerMessage(
  message: PolicyMessage,
  context: PolicyContext,
  category: Classification,
  quota: QuotaReport,
  draft: Draft,
): void {
  if (message.automatic) {
    draft.evidence.push(`automatic message (${message.automatic}): outside the daily limit and the buyer opt-out`);
  }
  if (rejectSender(message, context, quota, draft)) return;

  const exceptions = findExceptions(message, context);
  draft.evidence.push(...exceptions.evidence, describeClassification(category));

  if (context.buyerOptedOut) {
    if (message.automatic) {
      // The shipping confirmation is the marketplace's own message (R17), not the seller's
      // unsolicited one; bounce and failure notices go to the seller, not to the buyer.
      if (message.automatic === 'shipping-confirmation') {
        decide(draft, 'deliver', {
          rule: 'R17',
          code: 'automatic-shipping-confirmation',
          message:
            'The buyer opted out of unsolicited seller messages, but the shipping confirmation is sent by the marketplace itself, so it is delivered.',
        });
      }
    } else if (exceptions.applied.length > 0) {
      for (const reason of exceptions.applied) decide(draft, 'deliver', reason);
    } else {
      decide(draft, 'block', optOutBlockReason(context.language, exceptions.additionalInfo));
    }
  }

  // R11: every use of the tag or the additional-information subject is checked, opted out or
  // not, because misuse is what costs selling privileges. An R10c subject sent from a mail
  // client is not a use of R10c (it grants nothing), so it is not warned about.
  const usesUrgentMarker = exceptions.importantTags.length > 0 || exceptions.additionalInfo.applies;
  if (usesUrgentMarker && category.necessary !== true) checkUrgentUse(message, context, category, exceptions, draft);
}

/**
 * R11: a marker on a message that does not look necessary. A warning always; when the engine
 * is confident (at least CONFIDENT), strict mode blocks it and the default check holds it until
 * the seller confirms ("Send anyway") or releases it. A lower-confidence call only ever warns.
 */
function checkUrgentUse(
  message: PolicyMessage,
  context: PolicyContext,
  category: Classification,
  exceptions: OptOutExceptions,
  draft: Draft,
): void {
  const words = urgentMisuse(context.language, exceptions, category);
  const params = { used: words.used };
  draft.warnings.push({ rule: 'R11', code: 'important-not-necessary', message: words.warning, params });
  // Holding or blocking a seller's message takes a confident call; anything less only warns.
  if (category.unsure || category.confidence < CONFIDENT) return;
  if (context.strict) {
    decide(draft, 'block', { rule: 'R11', code: 'important-not-necessary', message: words.blocked, params });
    return;
  }
  if (message.confirmed) {
    draft.evidence.push('the seller confirmed sending despite the R11 warning');
    return;
  }
  if ((context.urgentCheck ?? 'confirm') === 'confirm' && draft.verdict !== 'block') {
    const fromClient = message.via === 'mail-client';
    // Held, so nothing is delivered yet: an opt-out exception's "so it is delivered" would
    // contradict the verdict. It stays in the evidence; the reason shown is R11's alone.
    const exception = (rule: RuleId) => rule === 'R10a' || rule === 'R10b' || rule === 'R10c' || rule === 'R10d';
    draft.rules = draft.rules.filter((rule) => !exception(rule));
    draft.reasons = draft.reasons.filter((reason) => !exception(reason.rule));
    decide(draft, 'hold', {
      rule: 'R11',
      code: 'important-needs-confirmation',
      message: fromClient ? words.heldFromClient : words.confirm,
      params,
    });
  }
}

/** R15 shapes the message but never its verdict: removed attachments leave a note behind. */
function noteAttachments(attachments: AttachmentAction[], language: Language, draft: Draft): void {
  const removed = attachments.filter((a) => a.action === 'remove');
  if (removed.length === 0) return;
  draft.rules.push('R15');
  draft.reasons.push(attachmentsRemovedReason(removed, language));
  for (const a of removed) draft.evidence.push(`attachment ${a.filename} sniffed as ${a.sniffedType}`);
}

/**
 * Decides what happens to one message. Seller messages pass, in order: R9, R7, R16 (each a
 * reject), the buyer opt-out R10 with its exceptions R10a–R10d (block), R11 (warning, or block
 * in strict mode), then R15 on the attachments. Buyer messages are always delivered (R5) and
 * only have their attachments checked.
 */
export function evaluate(message: PolicyMessage, context: PolicyContext): Decision {
  const sellerMessage = message.direction === 'seller-to-buyer';
  // R12 judges what sellers send; a buyer's message is delivered whatever its type, so the
  // relay does not spend the classifier on it.
  const category: Classification = sellerMessage
    ? classify(message.subject, message.text, context.language, {
        orderCategories: relevantOrders(message, context.orders).orders.map((o) => o.category),
        topic: message.topic,
        repliesToBuyer: message.repliesToBuyer,
      })
    : { category: 'other', necessary: null, confidence: 0, phrases: [], language: context.language };
  const attachments = checkAttachments(message.attachments, context.language);
  const quota = quotaReport(context.quota, sellerMessage && !message.automatic);
  const draft: Draft = { verdict: 'deliver', rules: [], reasons: [], evidence: [], warnings: [] };

  if (sellerMessage) decideSellerMessage(message, context, category, quota, draft);
  noteAttachments(attachments, context.language, draft);

  return { ...draft, category, attachments, quota };
}
