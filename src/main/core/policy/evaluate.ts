/**
 * The policy engine: one pure, deterministic function from a message and what is known about
 * its sender and buyer to a Decision. The relay calls it on every message; the composer calls
 * it as a dry run while the seller types, so it must not do I/O or read the clock.
 */
import type {
  AttachmentAction, Classification, Decision, PolicyContext, PolicyMessage, QuotaReport, RuleId, Verdict, Warning,
} from '../../../shared/domain.js';
import { checkAttachments } from './attachments.js';
import { classify } from './classifier.js';
import { findExceptions, optOutBlockReason } from './opt-out.js';
import type { OptOutExceptions, Reason } from './opt-out.js';
import { quotaRefusal, quotaReport } from './quota.js';

interface Draft {
  verdict: Verdict;
  rules: RuleId[];
  reasons: Reason[];
  evidence: string[];
  warnings: Warning[];
}

function decide(draft: Draft, verdict: Verdict, reason: Reason): void {
  draft.verdict = verdict;
  draft.rules.push(reason.rule);
  draft.reasons.push(reason);
}

const CATEGORY_WORDS: Record<Classification['category'], string> = {
  customization: 'a customization question',
  'delivery-scheduling': 'a delivery scheduling question',
  'address-problem': 'an address problem',
  'review-request': 'a review or feedback request',
  confirmation: 'an order, shipping or refund confirmation',
  'proactive-service': 'proactive customer service (manual, tips, FAQ)',
  'stock-delay': 'an out-of-stock or delay notice',
  other: 'not recognizably needed to complete the order',
};

function describeClassification(c: Classification): string {
  const necessity = c.necessary === true ? 'necessary' : c.necessary === false ? 'not necessary' : 'unclear';
  const phrases = c.phrases.length > 0 ? `: ${c.phrases.map((p) => `"${p}"`).join(', ')}` : '';
  return `classified as ${c.category} (${necessity}, confidence ${c.confidence})${phrases}`;
}

function usedMarker(exceptions: OptOutExceptions): string {
  return exceptions.importantTags.length > 0 ? `"${exceptions.importantTags[0]}"` : '"Additional information required"';
}

/** R11: the words of the warning, naming what was used and what the message looks like. */
function misuseMessage(exceptions: OptOutExceptions, category: Classification): string {
  const used = usedMarker(exceptions);
  const looksLike = category.category === 'other'
    ? 'Parley cannot tell that this message is needed to complete the order'
    : `This message looks like ${CATEGORY_WORDS[category.category]}` +
      (category.phrases.length > 0 ? ` ("${category.phrases[0]}")` : '');
  return `${used} is only for messages needed to complete an order: customization questions, delivery ` +
    `scheduling and address problems. ${looksLike}. Misusing it can cost your selling privileges.`;
}

function rejectSender(message: PolicyMessage, context: PolicyContext, quota: QuotaReport, draft: Draft): boolean {
  // R9 before R7: another seller's address is never going to be authorized, so telling them
  // how to authorize it would be misleading.
  if (context.senderIsOtherSeller) {
    decide(draft, 'reject', {
      rule: 'R9',
      code: 'other-seller',
      message: "The sender is another seller's registered address. Sellers do not contact other sellers through the messaging system, so the message was rejected.",
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

function decideSellerMessage(message: PolicyMessage, context: PolicyContext, category: Classification, quota: QuotaReport, draft: Draft): void {
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
          message: 'The buyer opted out of unsolicited seller messages, but the shipping confirmation is sent by the marketplace itself, so it is delivered.',
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
  if (usesUrgentMarker && category.necessary !== true) {
    const warning: Warning = { rule: 'R11', code: 'important-not-necessary', message: misuseMessage(exceptions, category) };
    draft.warnings.push(warning);
    if (context.strict) {
      decide(draft, 'block', {
        ...warning,
        message: `${warning.message} Strict mode is on, so the message was not sent. Remove ${usedMarker(exceptions)} or rewrite the message.`,
      });
    }
  }
}

/** R15 shapes the message but never its verdict: removed attachments leave a note behind. */
function noteAttachments(attachments: AttachmentAction[], draft: Draft): void {
  const removed = attachments.filter((a) => a.action === 'remove');
  if (removed.length === 0) return;
  draft.rules.push('R15');
  const list = removed.map((a) => `${a.filename} (${a.problem})`).join(', ');
  draft.reasons.push({
    rule: 'R15',
    code: 'attachment-removed',
    message: `${removed.length === 1 ? 'One attachment is' : `${removed.length} attachments are`} removed: ${list}. The message itself still goes, with a note that ${removed.length === 1 ? 'it was' : 'they were'} removed.`,
  });
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
    ? classify(message.subject, message.text, context.language)
    : { category: 'other', necessary: null, confidence: 0, phrases: [], language: context.language };
  const attachments = checkAttachments(message.attachments);
  const quota = quotaReport(context.quota, sellerMessage && !message.automatic);
  const draft: Draft = { verdict: 'deliver', rules: [], reasons: [], evidence: [], warnings: [] };

  if (sellerMessage) decideSellerMessage(message, context, category, quota, draft);
  noteAttachments(attachments, draft);

  return { ...draft, category, attachments, quota };
}
