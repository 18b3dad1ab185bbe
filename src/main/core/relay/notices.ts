import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Decision, Language } from '../../../shared/domain.js';
import type { Reason } from '../policy/opt-out.js';
import { RULE_TEXT } from '../../../shared/rules.js';

/** Builds a message with nodemailer's composer; resolves to its raw bytes. */
export function compose(mail: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    new MailComposer(mail).compile().build((err, message) => (err ? reject(err) : resolve(message)));
  });
}

const WORDS = {
  en: {
    blockedSubject: (s: string) => `Undeliverable: ${s}`,
    blockedIntro: (alias: string) => `Your message to the buyer ${alias} was not delivered.`,
    why: 'Why:',
    reason: (r: Reason) => `- ${r.rule}: ${RULE_TEXT[r.rule].en} ${r.message}`,
    urgent:
      'If the matter is urgent and necessary to complete the order (customization, delivery scheduling, a delivery address problem), ' +
      'put [Important] in the subject, or reply within a conversation the buyer started. Misusing [Important] can cost your selling privileges (R11).',
    original: 'Your message is kept in Parley with its delivery state; nothing was sent to the buyer.',
    failedSubject: (s: string) => `Delivery failed: ${s}`,
    failedIntro: (to: string) => `Parley could not deliver a message to ${to} and has given up.`,
    lastError: 'Last error:',
    heldSubject: (s: string) => `Held, please release or change: ${s}`,
    heldIntro: (alias: string) => `Parley has held your message to the buyer ${alias}; it has not been sent yet.`,
    heldWhat:
      'If the message really is needed to complete the order, open the conversation in Parley and choose "Release" ' +
      '(or run `parley message release --id <id>`). Otherwise send it again without the marker. Until then, nothing goes to the buyer.',
  },
  de: {
    blockedSubject: (s: string) => `Unzustellbar: ${s}`,
    blockedIntro: (alias: string) => `Ihre Nachricht an den Käufer ${alias} wurde nicht zugestellt.`,
    why: 'Grund:',
    // The policy writes the reason in the seller's language; the rule's own words only stand in for a missing one.
    reason: (r: Reason) => `- ${r.message || RULE_TEXT[r.rule].de} (${r.rule})`,
    urgent:
      'Wenn die Angelegenheit dringend und zur Abwicklung der Bestellung nötig ist (Anpassung, Lieferterminabsprache, Problem mit der Lieferadresse), ' +
      'setzen Sie [Wichtig] in den Betreff oder antworten Sie in einer vom Käufer begonnenen Unterhaltung. Missbrauch von [Wichtig] kann Ihre Verkaufsberechtigung kosten (R11).',
    original: 'Ihre Nachricht ist in Parley mit ihrem Zustellstatus gespeichert; an den Käufer wurde nichts gesendet.',
    failedSubject: (s: string) => `Zustellung fehlgeschlagen: ${s}`,
    failedIntro: (to: string) => `Parley konnte eine Nachricht an ${to} nicht zustellen und hat aufgegeben.`,
    lastError: 'Letzter Fehler:',
    heldSubject: (s: string) => `Zurückgehalten, bitte freigeben oder ändern: ${s}`,
    heldIntro: (alias: string) =>
      `Parley hat Ihre Nachricht an den Käufer ${alias} zurückgehalten; sie wurde noch nicht gesendet.`,
    heldWhat:
      'Wenn die Nachricht wirklich zur Abwicklung der Bestellung nötig ist, öffnen Sie die Unterhaltung in Parley und wählen Sie „Freigeben“ ' +
      '(oder `parley message release --id <id>`). Sonst senden Sie sie ohne die Markierung erneut. Bis dahin geht nichts an den Käufer.',
  },
} satisfies Record<Language, unknown>;

export interface NoticeTarget {
  language: Language;
  sellerEmail: string;
  shopName: string;
  fromAddress: string;
  domain: string;
  messageId: string;
}

/**
 * R10, R13: tells the seller, and only the seller, which rule blocked the message and what to do.
 * R11: a held message gets its own notice: held (not undeliverable), and how to release it.
 */
export function bounceNotice(
  t: NoticeTarget,
  blocked: { subject: string; alias: string; decision: Decision; inReplyTo: string | null },
): Promise<Buffer> {
  const w = WORDS[t.language];
  const held = blocked.decision.verdict === 'hold';
  const reasons = blocked.decision.reasons.filter((r) => !held || r.rule === 'R11').map((r) => w.reason(r));
  const text = held
    ? [w.heldIntro(blocked.alias), '', w.why, ...reasons, '', w.heldWhat, ''].join('\n')
    : [w.blockedIntro(blocked.alias), '', w.why, ...reasons, '', w.urgent, '', w.original, ''].join('\n');
  return compose({
    from: { name: 'Parley', address: t.fromAddress },
    to: { name: t.shopName, address: t.sellerEmail },
    subject: held ? w.heldSubject(blocked.subject) : w.blockedSubject(blocked.subject),
    text,
    messageId: t.messageId,
    inReplyTo: blocked.inReplyTo ?? undefined,
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Parley-Notice': held ? 'held' : 'blocked' },
  });
}

export function deliveryFailureNotice(
  t: NoticeTarget,
  failed: { subject: string; to: string; error: string },
): Promise<Buffer> {
  const w = WORDS[t.language];
  return compose({
    from: { name: 'Parley', address: t.fromAddress },
    to: { name: t.shopName, address: t.sellerEmail },
    subject: w.failedSubject(failed.subject),
    text: [w.failedIntro(failed.to), '', w.lastError, failed.error, ''].join('\n'),
    messageId: t.messageId,
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Parley-Notice': 'delivery-failed' },
  });
}

const SHIPPING = {
  en: {
    subject: (o: string) => `Your order ${o} has shipped`,
    body: (o: string, shop: string) => `${shop} has shipped your order ${o}.`,
    tracking: (c: string, n: string) => `Carrier: ${c}\nTracking number: ${n}`,
  },
  de: {
    subject: (o: string) => `Ihre Bestellung ${o} wurde versandt`,
    body: (o: string, shop: string) => `${shop} hat Ihre Bestellung ${o} versandt.`,
    tracking: (c: string, n: string) => `Versanddienstleister: ${c}\nSendungsnummer: ${n}`,
  },
} satisfies Record<Language, unknown>;

/** R17: the automatic shipping confirmation, outside the quota (R16). */
export function shippingConfirmation(input: {
  language: Language;
  shopName: string;
  from: string;
  to: string;
  orderId: string;
  carrier: string | null;
  tracking: string | null;
  messageId: string;
}): { subject: string; text: string; build: () => Promise<Buffer> } {
  const w = SHIPPING[input.language];
  const subject = w.subject(input.orderId);
  const lines = [w.body(input.orderId, input.shopName)];
  if (input.tracking) lines.push('', w.tracking(input.carrier ?? '-', input.tracking));
  const text = lines.join('\n') + '\n';
  return {
    subject,
    text,
    build: () =>
      compose({
        from: { name: input.shopName, address: input.from },
        to: input.to,
        subject,
        text,
        messageId: input.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      }),
  };
}
