/** The dry-run panel's words, German and English. */
import { defineStrings } from '../../i18n';

export const dryRunStrings = defineStrings({
  title: { en: 'Policy check', de: 'Richtlinienprüfung' },
  checking: { en: 'Checking …', de: 'Wird geprüft …' },
  notYet: { en: 'Checked while you type.', de: 'Wird beim Schreiben geprüft.' },
  failed: { en: 'The check failed: {message}', de: 'Die Prüfung ist fehlgeschlagen: {message}' },
  'verdict.deliver': { en: 'Will be delivered', de: 'Wird zugestellt' },
  'verdict.block': {
    en: 'Would be blocked: the buyer would not get it',
    de: 'Würde blockiert: der Käufer würde sie nicht erhalten',
  },
  'verdict.reject': { en: 'Would be refused', de: 'Würde abgelehnt' },
  'verdict.hold': {
    en: 'Asks first: Send needs your confirmation',
    de: 'Fragt zuerst: Senden braucht Ihre Bestätigung',
  },
  holdHint: {
    en: 'If you send it anyway, the use is logged as “sent anyway” (under Performance).',
    de: 'Senden Sie trotzdem, wird die Verwendung als „trotzdem gesendet“ protokolliert (unter Leistung).',
  },
  fixImportant: { en: 'Mark as {tag}', de: 'Als {tag} markieren' },
  fixImportantHint: {
    en: 'If it is needed to complete the order (a customization question, the delivery date, the address), mark it as {tag}: then it goes through.',
    de: 'Ist sie zur Abwicklung der Bestellung nötig (Personalisierung, Liefertermin, Adresse), markieren Sie sie als {tag}: Dann wird sie zugestellt.',
  },
  fixNotNecessary: {
    en: '{tag} would not help: it is only for messages needed to complete an order, and this one looks like {category}. A reply to a message from the buyer always goes through.',
    de: '{tag} hilft hier nicht: Es ist nur für Nachrichten gedacht, die zur Abwicklung einer Bestellung nötig sind, und diese sieht aus wie {category}. Eine Antwort auf eine Nachricht des Käufers wird immer zugestellt.',
  },
  fixReason: { en: 'Send as “{reason}”', de: 'Als „{reason}“ senden' },
  fixUnimportant: { en: 'Remove {tag}', de: '{tag} entfernen' },
  fixRemoveAttachment: { en: 'Remove {name}', de: '{name} entfernen' },
  phrasesMore: { en: '+{count} more', de: '+{count} weitere' },
  category: { en: 'Looks like', de: 'Sieht aus wie' },
  confidence: { en: '{percent} % sure', de: 'zu {percent} % sicher' },
  necessary: { en: 'needed to complete the order', de: 'zur Abwicklung nötig' },
  notNecessary: { en: 'not needed to complete the order', de: 'zur Abwicklung nicht nötig' },
  unclear: { en: 'not clearly needed', de: 'nicht eindeutig nötig' },
  phrases: { en: 'Because of', de: 'Wegen' },
  notSure: { en: 'not sure', de: 'nicht sicher' },
  guess: { en: 'best guess: {category}, {percent} %', de: 'am ehesten: {category}, {percent} %' },
  against: { en: 'Speaking for {category} instead', de: 'Spricht eher für {category}' },
  againstAny: { en: 'Speaking against it', de: 'Spricht dagegen' },
  why: { en: 'Why?', de: 'Warum?' },
  whyRules: { en: 'Rules applied', de: 'Angewandte Regeln' },
  whyContext: { en: 'Also taken into account', de: 'Außerdem berücksichtigt' },
  'context.topic': { en: 'the reason you chose: {topic}', de: 'der gewählte Anlass: {topic}' },
  'context.order': { en: 'the order is {kind}', de: 'die Bestellung ist {kind}' },
  'order.handmade': { en: 'handmade', de: 'handgefertigt' },
  'order.custom': { en: 'custom-made', de: 'eine Sonderanfertigung' },
  r11Title: {
    en: 'Careful: misuse can cost your selling privileges',
    de: 'Vorsicht: Missbrauch kann die Verkaufsberechtigung kosten',
  },
  attachmentChecks: { en: 'Attachments', de: 'Anhänge' },
  quota: { en: 'Messages left today: {remaining} of {limit}', de: 'Heute noch {remaining} von {limit} Nachrichten' },
  quotaFormula: {
    en: 'Daily limit: 5 × average orders a day (last {days} days) + 600. Today: {formula}',
    de: 'Tageslimit: 5 × durchschnittliche Bestellungen pro Tag (letzte {days} Tage) + 600. Heute: {formula}',
  },
  quotaNotCounted: {
    en: 'This message does not count against the limit.',
    de: 'Diese Nachricht zählt nicht zum Limit.',
  },
});
