/**
 * R10: a buyer may opt out of unsolicited seller messages; R10a–R10d are the messages that go
 * through anyway. Found here whether or not the buyer opted out, because R11 and the evidence
 * shown to the seller need them either way.
 */
import type { Language, OrderCategory, PolicyContext, PolicyMessage, RuleId } from '../../../shared/domain.js';
import { checkAdditionalInfo, findImportantTags } from './tags.js';
import type { AdditionalInfoCheck } from './tags.js';

export interface Reason {
  rule: RuleId;
  code: string;
  message: string;
}

export interface OptOutExceptions {
  /** The exceptions that hold, in rule order, each with its plain-words reason. */
  applied: Reason[];
  evidence: string[];
  /** R10d tags as written in the subject. */
  importantTags: string[];
  additionalInfo: AdditionalInfoCheck;
}

/** R10b: buyers cannot opt out of messages about these. */
const EXEMPT_ORDER_CATEGORIES: readonly OrderCategory[] = ['handmade', 'wine', 'custom'];

const CATEGORY_WORDS: Record<OrderCategory, string> = {
  standard: 'standard',
  handmade: 'handmade',
  wine: 'wine',
  custom: 'custom-made',
};

/** The tag and R10c subject a seller on this marketplace is told to use. */
export const URGENT_TAG: Record<Language, string> = { en: '[Important]', de: '[Wichtig]' };
export const ADDITIONAL_INFO_SUBJECT: Record<Language, string> = {
  en: 'Additional information required',
  de: 'Zusätzliche Informationen erforderlich',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * The orders a message is about: those it names by number, or all of the pair's orders when it
 * names none (a seller writing "your order" to a buyer with one order means that one). An
 * order number counts only as a whole token, so "302-123" is not found inside "302-1234".
 */
export function relevantOrders(message: Pick<PolicyMessage, 'subject' | 'text'>, orders: PolicyContext['orders']): { orders: PolicyContext['orders']; mentioned: boolean } {
  const haystack = `${message.subject}\n${message.text}`;
  const mentioned = orders.filter((o) =>
    o.orderId !== '' && new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(o.orderId)}(?![\\p{L}\\p{N}]|-\\p{N})`, 'u').test(haystack));
  return mentioned.length > 0 ? { orders: mentioned, mentioned: true } : { orders, mentioned: false };
}

const OPTED_OUT = 'The buyer opted out of unsolicited seller messages, but';

export function findExceptions(message: PolicyMessage, context: PolicyContext): OptOutExceptions {
  const applied: Reason[] = [];
  const evidence: string[] = [];

  if (message.repliesToBuyer) {
    evidence.push('replies to buyer message');
    applied.push({ rule: 'R10a', code: 'reply-to-buyer', message: `${OPTED_OUT} this is a reply within a conversation the buyer started, so it is delivered.` });
  }

  const relevant = relevantOrders(message, context.orders);
  if (relevant.mentioned) evidence.push(`mentions order ${relevant.orders.map((o) => o.orderId).join(', ')}`);
  const exempt = relevant.orders.filter((o) => EXEMPT_ORDER_CATEGORIES.includes(o.category));
  for (const order of exempt) evidence.push(`order ${order.orderId} is ${CATEGORY_WORDS[order.category]}`);
  if (exempt.length > 0) {
    const which = exempt.map((o) => `${o.orderId} (${CATEGORY_WORDS[o.category]})`).join(', ');
    const scope = relevant.mentioned ? '' : ' No order number is mentioned, so all orders of this buyer count.';
    applied.push({ rule: 'R10b', code: 'exempt-order-category', message: `${OPTED_OUT} the message is about order ${which}; buyers cannot opt out of messages about handmade, wine or custom-made products.${scope}` });
  }

  const additionalInfo = checkAdditionalInfo(message);
  if (additionalInfo.bySubject) evidence.push(`subject "${message.subject.trim()}" is an additional-information request, sent via ${message.via}`);
  if (additionalInfo.byReason) evidence.push(`reason "additional-info" chosen, sent via ${message.via}`);
  if (additionalInfo.ignoredBecauseOfVia) evidence.push(`"Additional information required" does not count when sent via ${message.via} (R10c)`);
  if (additionalInfo.applies) {
    applied.push({ rule: 'R10c', code: 'additional-info-required', message: `${OPTED_OUT} it was sent from Parley as "Additional information required", so it is delivered.` });
  }

  const importantTags = findImportantTags(message.subject);
  for (const tag of importantTags) evidence.push(`subject contains "${tag}"`);
  if (importantTags.length > 0) {
    applied.push({ rule: 'R10d', code: 'important-tag', message: `${OPTED_OUT} the subject contains "${importantTags[0]}", so it is delivered.` });
  }

  return { applied, evidence, importantTags, additionalInfo };
}

/** R10: the bounce notice's explanation, with the ways to reach the buyer in an urgent matter. */
export function optOutBlockReason(language: Language, additionalInfo: AdditionalInfoCheck): Reason {
  const viaNote = additionalInfo.ignoredBecauseOfVia
    ? ` The subject "${ADDITIONAL_INFO_SUBJECT[language]}" counts only when the message is sent from the Parley app or CLI, not from a mail client.`
    : '';
  return {
    rule: 'R10',
    code: 'buyer-opted-out',
    message:
      'The buyer opted out of unsolicited seller messages, so this message was not delivered. ' +
      `If it is urgent and needed to complete the order, put ${URGENT_TAG[language]} in the subject ` +
      `(or send it from Parley with the subject "${ADDITIONAL_INFO_SUBJECT[language]}"), ` +
      'or reply within a conversation the buyer started. Use this only for messages needed to complete the order: ' +
      `misuse can cost your selling privileges.${viaNote}`,
  };
}
