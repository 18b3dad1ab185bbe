/**
 * The policy's reasons in the seller's words, German and English: every code of REASON_CODES, the verdicts and the
 * message categories of R12. The consequence comes first, with the buyer's name; a reason read before sending says what
 * would happen (`tense` "before"), one read on a message already decided says what happened ("after"). Rule ids stay
 * out of these words: they sit behind "Why?" with the rule's own text (RULE_TEXT).
 */
import { defineStrings } from '../i18n';

export const policyStrings = defineStrings({
  'buyer.subject': { en: 'The buyer', de: 'Der Käufer' },
  'buyer.object': { en: 'the buyer', de: 'den Käufer' },

  deliverPlain: {
    en: 'This message will be delivered to {buyerObject}.',
    de: 'Diese Nachricht wird an {buyerObject} zugestellt.',
  },

  'category.customization': { en: 'a customization question', de: 'eine Frage zur Personalisierung' },
  'category.delivery-scheduling': { en: 'delivery scheduling', de: 'eine Lieferterminabsprache' },
  'category.address-problem': { en: 'an address problem', de: 'ein Adressproblem' },
  'category.review-request': { en: 'a review or feedback request', de: 'eine Bewertungsanfrage' },
  'category.confirmation': {
    en: 'an order, shipping or refund confirmation',
    de: 'eine Bestell-, Versand- oder Erstattungsbestätigung',
  },
  'category.proactive-service': { en: 'proactive customer service', de: 'proaktiver Kundenservice' },
  'category.stock-delay': { en: 'an out-of-stock or delay notice', de: 'eine Bestands- oder Verzögerungsmeldung' },
  'category.other': { en: 'something else', de: 'etwas anderes' },

  'looks.category': { en: 'this one looks like {category}', de: 'diese sieht aus wie {category}' },
  'looks.unsure': {
    en: 'Parley is not sure this one is needed for that',
    de: 'Parley ist nicht sicher, ob diese dafür nötig ist',
  },

  'reason.R10.buyer-opted-out': {
    en: '{buyer} opted out of seller messages. This message is not a reply to {buyerObject}, so it {tense, select, before {would be blocked} other {was blocked}}.',
    de: '{buyer} hat Verkäufernachrichten abbestellt. Diese Nachricht ist keine Antwort an {buyerObject}, deshalb {tense, select, before {würde sie blockiert} other {wurde sie blockiert}}.',
  },
  'reason.R10.viaNote': {
    en: 'The subject “Additional information required” counts only when the message is sent from Parley, not from a mail program.',
    de: 'Der Betreff „Zusätzliche Informationen erforderlich“ zählt nur, wenn die Nachricht aus Parley gesendet wird, nicht aus einem E-Mail-Programm.',
  },
  'reason.R10a.reply-to-buyer': {
    en: '{buyer} opted out of seller messages, but this message is a reply to {buyerObject}, so it goes through.',
    de: '{buyer} hat Verkäufernachrichten abbestellt, aber diese Nachricht ist eine Antwort an {buyerObject}, deshalb wird sie zugestellt.',
  },
  'reason.R10b.exempt-order-category': {
    en: '{buyer} opted out of seller messages, but this message is about {count, plural, one {order} other {orders}} {orders} (handmade, wine or custom-made), which buyers cannot opt out of, so it goes through.',
    de: '{buyer} hat Verkäufernachrichten abbestellt, aber diese Nachricht betrifft {count, plural, one {die Bestellung} other {die Bestellungen}} {orders} (handgefertigt, Wein oder Sonderanfertigung), und solche Nachrichten können Käufer nicht abbestellen; deshalb wird sie zugestellt.',
  },
  'reason.R10b.noOrders': {
    en: '{buyer} opted out of seller messages, but this message is about a handmade, wine or custom-made order, which buyers cannot opt out of, so it goes through.',
    de: '{buyer} hat Verkäufernachrichten abbestellt, aber diese Nachricht betrifft eine handgefertigte Bestellung, Wein oder eine Sonderanfertigung, und solche Nachrichten können Käufer nicht abbestellen; deshalb wird sie zugestellt.',
  },
  'reason.R10c.additional-info-required': {
    en: '{buyer} opted out of seller messages, but this message is sent from Parley as “Additional information required”, so it goes through.',
    de: '{buyer} hat Verkäufernachrichten abbestellt, aber diese Nachricht wird aus Parley als „Zusätzliche Informationen erforderlich“ gesendet, deshalb wird sie zugestellt.',
  },
  'reason.R10d.important-tag': {
    en: '{buyer} opted out of seller messages, but the subject carries {tag}, so it goes through.',
    de: '{buyer} hat Verkäufernachrichten abbestellt, aber der Betreff enthält {tag}, deshalb wird sie zugestellt.',
  },
  'reason.R17.automatic-shipping-confirmation': {
    en: '{buyer} opted out of seller messages, but the shipping confirmation comes from the marketplace itself, so it goes through.',
    de: '{buyer} hat Verkäufernachrichten abbestellt, aber die Versandbestätigung kommt vom Marktplatz selbst, deshalb wird sie zugestellt.',
  },
  'reason.R11.important-needs-confirmation': {
    en: '{used} is only for messages needed to complete an order, and {looks}. {tense, select, before {Send asks you first: if it really is needed, confirm with “Send anyway”; otherwise remove {used}.} other {So Parley held it: if it really is needed, release it; otherwise send it again without {used}.}}',
    de: '{used} ist nur für Nachrichten gedacht, die zur Abwicklung einer Bestellung nötig sind, und {looks}. {tense, select, before {Vor dem Senden fragt Parley nach: Ist sie wirklich nötig, bestätigen Sie mit „Trotzdem senden“, sonst entfernen Sie {used}.} other {Deshalb hat Parley sie zurückgehalten: Ist sie wirklich nötig, geben Sie sie frei, sonst senden Sie sie ohne {used} erneut.}}',
  },
  'reason.R11.important-not-necessary': {
    en: '{used} is only for messages needed to complete an order, and {looks}. Strict mode is on, so it {tense, select, before {would be blocked} other {was blocked}}: remove {used} or rewrite the message.',
    de: '{used} ist nur für Nachrichten gedacht, die zur Abwicklung einer Bestellung nötig sind, und {looks}. Der strenge Modus ist an, deshalb {tense, select, before {würde sie blockiert} other {wurde sie blockiert}}: Entfernen Sie {used} oder formulieren Sie die Nachricht um.',
  },
  'warning.R11.important-not-necessary': {
    en: '{used} is only for messages needed to complete an order, and {looks}. Misusing it can cost your selling privileges.',
    de: '{used} ist nur für Nachrichten gedacht, die zur Abwicklung einer Bestellung nötig sind, und {looks}. Missbrauch kann Ihre Verkaufsberechtigung kosten.',
  },
  'reason.R15.attachment-removed': {
    en: '{count, plural, one {One attachment} other {# attachments}} ({names}) {tense, select, before {would be removed} other {{count, plural, one {was} other {were}} removed}}; the message itself still goes.',
    de: '{count, plural, one {Ein Anhang} other {# Anhänge}} ({names}) {tense, select, before {{count, plural, one {würde} other {würden}} entfernt} other {{count, plural, one {wurde} other {wurden}} entfernt}}; die Nachricht selbst wird trotzdem zugestellt.',
  },
  'reason.R16.daily-limit-reached': {
    en: 'Today’s limit of {limit} messages is reached ({sent} sent), so it {tense, select, before {would be refused} other {was refused}}. Automatic messages do not count; the count starts again at midnight (UTC).',
    de: 'Das Tageslimit von {limit} Nachrichten ist erreicht ({sent} gesendet), deshalb {tense, select, before {würde sie abgelehnt} other {wurde sie abgelehnt}}. Automatische Nachrichten zählen nicht; die Zählung beginnt um Mitternacht (UTC) neu.',
  },
  'reason.R7.sender-not-authorized': {
    en: 'This sender address may not write to buyers for your shop, so the message was refused. Authorize it in Settings → Authorized senders, then send it again.',
    de: 'Diese Absenderadresse darf für Ihren Shop nicht an Käufer schreiben, deshalb wurde die Nachricht abgelehnt. Autorisieren Sie sie unter Einstellungen → Autorisierte Absender und senden Sie sie erneut.',
  },
  'reason.R7.sender-not-verified': {
    en: 'The sender address could not be verified (neither SPF nor DKIM passed), so the message was refused. Send from a server that passes SPF or DKIM for that domain.',
    de: 'Die Absenderadresse konnte nicht bestätigt werden (weder SPF noch DKIM bestanden), deshalb wurde die Nachricht abgelehnt. Senden Sie über einen Server, der SPF oder DKIM für diese Domain besteht.',
  },
  'reason.R9.other-seller': {
    en: 'The sender is another seller’s address. Sellers do not write to each other through the marketplace, so the message was refused.',
    de: 'Der Absender ist die Adresse eines anderen Verkäufers. Verkäufer schreiben einander nicht über den Marktplatz, deshalb wurde die Nachricht abgelehnt.',
  },

  'attachment.type-not-allowed': {
    en: '{name}: files of this type are not allowed, so it {tense, select, before {would be removed} other {was removed}}.',
    de: '{name}: Dateien dieser Art sind nicht erlaubt, deshalb {tense, select, before {würde sie entfernt} other {wurde sie entfernt}}.',
  },
  'attachment.content-mismatch': {
    en: '{name}: the content does not match the name, so it {tense, select, before {would be removed} other {was removed}}.',
    de: '{name}: Der Inhalt passt nicht zum Namen, deshalb {tense, select, before {würde sie entfernt} other {wurde sie entfernt}}.',
  },
  'attachment.too-large': {
    en: '{name}: larger than the 10 MB allowed, so it {tense, select, before {would be removed} other {was removed}}.',
    de: '{name}: größer als die erlaubten 10 MB, deshalb {tense, select, before {würde sie entfernt} other {wurde sie entfernt}}.',
  },
  'attachment.kept': { en: '{name} goes with the message.', de: '{name} wird mitgesendet.' },

  'template.misuse': {
    en: 'This saved reply looks like {category}{hasPhrases, select, yes { (“{phrases}”)} other {}}. That is not needed to complete an order: sent with {tag} or as “Additional information required”, it can cost your selling privileges.',
    de: 'Diese gespeicherte Antwort sieht aus wie {category}{hasPhrases, select, yes { („{phrases}“)} other {}}. Das ist für die Abwicklung einer Bestellung nicht nötig: Mit {tag} oder als „Zusätzliche Informationen erforderlich“ gesendet, kann sie Ihre Verkaufsberechtigung kosten.',
  },
});
