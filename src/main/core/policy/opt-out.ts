/**
 * R10: a buyer may opt out of unsolicited seller messages; R10a–R10d are the messages that go
 * through anyway. Found here whether or not the buyer opted out, because R11 and the evidence
 * shown to the seller need them either way.
 */
import type {
  Language,
  OrderCategory,
  PolicyContext,
  PolicyMessage,
  ReasonParams,
  RuleId,
} from '../../../shared/domain.js';
import { checkAdditionalInfo, findImportantTags } from './tags.js';
import type { AdditionalInfoCheck } from './tags.js';

export interface Reason {
  rule: RuleId;
  code: string;
  /** Plain words in the shop's language (bounce notices, the CLI, SMTP replies); the app words the code itself. */
  message: string;
  params?: ReasonParams;
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
export function relevantOrders(
  message: Pick<PolicyMessage, 'subject' | 'text'>,
  orders: PolicyContext['orders'],
): { orders: PolicyContext['orders']; mentioned: boolean } {
  const haystack = `${message.subject}\n${message.text}`;
  const mentioned = orders.filter(
    (o) =>
      o.orderId !== '' &&
      new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(o.orderId)}(?![\\p{L}\\p{N}]|-\\p{N})`, 'u').test(haystack),
  );
  return mentioned.length > 0 ? { orders: mentioned, mentioned: true } : { orders, mentioned: false };
}

/**
 * The reasons of R10 and R10a–R10d in plain words, in the seller's marketplace language: they
 * reach the seller in the app, in the composer's check and in the bounce notice.
 */
interface OptOutWords {
  category: Record<OrderCategory, string>;
  reply: string;
  exemptOrder: (which: string, count: number, mentioned: boolean) => string;
  additionalInfo: string;
  importantTag: (tag: string) => string;
  blocked: (tag: string, subject: string) => string;
  viaNote: (subject: string) => string;
}

const OPTED_OUT_EN = 'The buyer opted out of unsolicited seller messages, but';
const OPTED_OUT_DE = 'Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt.';

const WORDS: Record<Language, OptOutWords> = {
  en: {
    category: { standard: 'standard', handmade: 'handmade', wine: 'wine', custom: 'custom-made' },
    reply: `${OPTED_OUT_EN} this is a reply within a conversation the buyer started, so it is delivered.`,
    exemptOrder: (which, _count, mentioned) =>
      `${OPTED_OUT_EN} the message is about order ${which}; buyers cannot opt out of messages about handmade, wine or custom-made products.` +
      (mentioned ? '' : ' No order number is mentioned, so all orders of this buyer count.'),
    additionalInfo: `${OPTED_OUT_EN} it was sent from Parley as "Additional information required", so it is delivered.`,
    importantTag: (tag) => `${OPTED_OUT_EN} the subject contains "${tag}", so it is delivered.`,
    blocked: (tag, subject) =>
      'The buyer opted out of unsolicited seller messages and this message is not a reply to the buyer, so it is not delivered. ' +
      `If it is urgent and needed to complete the order, put ${tag} in the subject ` +
      `(or send it from Parley with the subject "${subject}"), ` +
      'or reply within a conversation the buyer started. Use this only for messages needed to complete the order: ' +
      'misuse can cost your selling privileges.',
    viaNote: (subject) =>
      ` The subject "${subject}" counts only when the message is sent from the Parley app or CLI, not from a mail client.`,
  },
  de: {
    category: { standard: 'Standard', handmade: 'handgefertigt', wine: 'Wein', custom: 'Sonderanfertigung' },
    reply: `${OPTED_OUT_DE} Diese Nachricht ist aber eine Antwort in einer Unterhaltung, die der Käufer begonnen hat, und wird deshalb zugestellt.`,
    exemptOrder: (which, count, mentioned) =>
      `${OPTED_OUT_DE} Diese Nachricht betrifft aber ${count === 1 ? 'die Bestellung' : 'die Bestellungen'} ${which}, und Nachrichten zu ` +
      'handgefertigten Produkten, Wein oder Sonderanfertigungen können Käufer nicht abbestellen. Sie wird deshalb zugestellt.' +
      (mentioned ? '' : ' Die Nachricht nennt keine Bestellnummer, daher zählen alle Bestellungen dieses Käufers.'),
    additionalInfo: `${OPTED_OUT_DE} Diese Nachricht wurde aber aus Parley als „${ADDITIONAL_INFO_SUBJECT.de}“ gesendet und wird deshalb zugestellt.`,
    importantTag: (tag) =>
      `${OPTED_OUT_DE} Der Betreff dieser Nachricht enthält aber „${tag}“, deshalb wird sie zugestellt.`,
    blocked: (tag, subject) =>
      `${OPTED_OUT_DE} Diese Nachricht ist keine Antwort an den Käufer und wird deshalb nicht zugestellt. ` +
      `Wenn sie dringend und zur Abwicklung der Bestellung nötig ist, setzen Sie ${tag} in den Betreff ` +
      `(oder senden Sie sie aus Parley mit dem Betreff „${subject}“) ` +
      'oder antworten Sie in einer Unterhaltung, die der Käufer begonnen hat. Nutzen Sie das nur für Nachrichten, die zur Abwicklung ' +
      'der Bestellung nötig sind: Missbrauch kann Ihre Verkaufsberechtigung kosten.',
    viaNote: (subject) =>
      ` Der Betreff „${subject}“ zählt nur, wenn die Nachricht aus der Parley-App oder mit „parley send“ gesendet wird, nicht aus einem E-Mail-Programm.`,
  },
};

export function findExceptions(message: PolicyMessage, context: PolicyContext): OptOutExceptions {
  const words = WORDS[context.language];
  const applied: Reason[] = [];
  const evidence: string[] = [];

  if (message.repliesToBuyer) {
    evidence.push('replies to buyer message');
    applied.push({ rule: 'R10a', code: 'reply-to-buyer', message: words.reply });
  }

  const relevant = relevantOrders(message, context.orders);
  if (relevant.mentioned) evidence.push(`mentions order ${relevant.orders.map((o) => o.orderId).join(', ')}`);
  const exempt = relevant.orders.filter((o) => EXEMPT_ORDER_CATEGORIES.includes(o.category));
  for (const order of exempt) evidence.push(`order ${order.orderId} is ${WORDS.en.category[order.category]}`);
  if (exempt.length > 0) {
    const which = exempt.map((o) => `${o.orderId} (${words.category[o.category]})`).join(', ');
    applied.push({
      rule: 'R10b',
      code: 'exempt-order-category',
      message: words.exemptOrder(which, exempt.length, relevant.mentioned),
      params: {
        orders: exempt.map((o) => o.orderId).join(', '),
        count: exempt.length,
        mentioned: relevant.mentioned ? 'yes' : 'no',
      },
    });
  }

  const additionalInfo = checkAdditionalInfo(message);
  if (additionalInfo.bySubject)
    evidence.push(`subject "${message.subject.trim()}" is an additional-information request, sent via ${message.via}`);
  if (additionalInfo.byReason) evidence.push(`reason "additional-info" chosen, sent via ${message.via}`);
  if (additionalInfo.ignoredBecauseOfVia)
    evidence.push(`"Additional information required" does not count when sent via ${message.via} (R10c)`);
  if (additionalInfo.applies) {
    applied.push({ rule: 'R10c', code: 'additional-info-required', message: words.additionalInfo });
  }

  const importantTags = findImportantTags(message.subject);
  for (const tag of importantTags) evidence.push(`subject contains "${tag}"`);
  if (importantTags.length > 0) {
    applied.push({
      rule: 'R10d',
      code: 'important-tag',
      message: words.importantTag(importantTags[0]),
      params: { tag: importantTags[0] },
    });
  }

  return { applied, evidence, importantTags, additionalInfo };
}

/**
 * R10: the explanation, with the ways to reach the buyer in an urgent matter, in the seller's language. It is read
 * before sending (`parley check`) and after (the bounce notice), so it says what happens, not what happened.
 */
export function optOutBlockReason(language: Language, additionalInfo: AdditionalInfoCheck): Reason {
  const words = WORDS[language];
  const subject = ADDITIONAL_INFO_SUBJECT[language];
  const viaNote = additionalInfo.ignoredBecauseOfVia ? words.viaNote(subject) : '';
  return {
    rule: 'R10',
    code: 'buyer-opted-out',
    message: words.blocked(URGENT_TAG[language], subject) + viaNote,
    params: { tag: URGENT_TAG[language], viaIgnored: additionalInfo.ignoredBecauseOfVia ? 'yes' : 'no' },
  };
}
