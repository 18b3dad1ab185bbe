/**
 * R11 in the seller's words and language: what was used, what the message looks like (with the
 * phrases that made Parley think so), why it matters, and what to do now.
 */
import type { Classification, Language, MessageCategory } from '../../../shared/domain.js';
import type { OptOutExceptions } from './opt-out.js';
import { ADDITIONAL_INFO_SUBJECT } from './opt-out.js';

const CATEGORY_WORDS: Record<Language, Record<MessageCategory, string>> = {
  en: {
    customization: 'a customization question',
    'delivery-scheduling': 'a delivery scheduling question',
    'address-problem': 'an address problem',
    'review-request': 'a review or feedback request',
    confirmation: 'an order, shipping or refund confirmation',
    'proactive-service': 'proactive customer service (manual, tips, FAQ)',
    'stock-delay': 'an out-of-stock or delay notice',
    other: 'a message that is not needed to complete the order',
  },
  de: {
    customization: 'eine Frage zur Anpassung des Artikels',
    'delivery-scheduling': 'eine Absprache des Liefertermins',
    'address-problem': 'ein Problem mit der Lieferadresse',
    'review-request': 'eine Bitte um Bewertung oder Feedback',
    confirmation: 'eine Bestell-, Versand- oder Erstattungsbestätigung',
    'proactive-service': 'unaufgeforderter Kundenservice (Anleitung, Tipps, FAQ)',
    'stock-delay': 'ein Hinweis auf fehlenden Bestand oder eine Verzögerung',
    other: 'eine Nachricht, die für die Abwicklung der Bestellung nicht nötig ist',
  },
};

function quoted(phrases: string[], language: Language): string {
  const [open, close] = language === 'de' ? ['„', '“'] : ['"', '"'];
  return phrases
    .slice(0, 2)
    .map((p) => `${open}${p}${close}`)
    .join(', ');
}

export interface UrgentWords {
  /** The tag or subject used, as the words name it. */
  used: string;
  warning: string;
  blocked: string;
  confirm: string;
  heldFromClient: string;
}

export function urgentMisuse(language: Language, exceptions: OptOutExceptions, c: Classification): UrgentWords {
  const used = exceptions.importantTags.length > 0 ? exceptions.importantTags[0] : ADDITIONAL_INFO_SUBJECT[language];
  const phrases = c.phrases.length > 0 ? ` (${quoted(c.phrases, language)})` : '';
  if (language === 'de') {
    const looksLike = c.unsure
      ? 'Parley ist nicht sicher, ob diese Nachricht für die Abwicklung der Bestellung nötig ist'
      : `Diese Nachricht sieht aus wie ${CATEGORY_WORDS.de[c.category]}${phrases}`;
    const warning =
      `„${used}“ ist nur für Nachrichten gedacht, die zur Abwicklung einer Bestellung nötig sind: Fragen zur Anpassung, ` +
      `Absprache des Liefertermins und Probleme mit der Lieferadresse. ${looksLike}. Missbrauch kann Ihre Verkaufsberechtigung kosten.`;
    return {
      used,
      warning,
      blocked: `${warning} Der strenge Modus ist an, daher wurde die Nachricht nicht gesendet. Entfernen Sie „${used}“ oder formulieren Sie die Nachricht um.`,
      confirm: `${warning} Wenn sie wirklich nötig ist, bestätigen Sie mit „Trotzdem senden“; sonst entfernen Sie „${used}“.`,
      heldFromClient:
        `${warning} Parley hat die Nachricht deshalb zurückgehalten. Wenn sie wirklich nötig ist, geben Sie sie in Parley frei ` +
        `(Unterhaltung → „Freigeben“); sonst senden Sie sie ohne „${used}“ erneut. ` +
        'Unter Einstellungen → Richtlinie können Sie die Prüfung auf „Nur warnen“ stellen.',
    };
  }
  const looksLike = c.unsure
    ? 'Parley is not sure that this message is needed to complete the order'
    : `This message looks like ${CATEGORY_WORDS.en[c.category]}${phrases}`;
  const warning =
    `"${used}" is only for messages needed to complete an order: customization questions, delivery ` +
    `scheduling and address problems. ${looksLike}. Misusing it can cost your selling privileges.`;
  return {
    used,
    warning,
    blocked: `${warning} Strict mode is on, so the message was not sent. Remove "${used}" or rewrite the message.`,
    confirm: `${warning} If it really is needed, confirm with "Send anyway"; otherwise remove "${used}".`,
    heldFromClient:
      `${warning} Parley held the message. If it really is needed, release it in Parley (the conversation → "Release"); ` +
      `otherwise send it again without "${used}". In Settings → Policy the check can be set to "Warn only".`,
  };
}

/**
 * R11/R12 for a saved reply, as the CLI says it: what it looks like and why it must not go out as a necessary message
 * (the UI words the warning's category and phrases itself).
 */
export function templateMisuse(c: Pick<Classification, 'category' | 'phrases'>): Record<Language, string> {
  return {
    de:
      `Diese Vorlage sieht aus wie ${CATEGORY_WORDS.de[c.category]}${c.phrases.length > 0 ? ` (${quoted(c.phrases, 'de')})` : ''}. ` +
      'Das ist für die Abwicklung einer Bestellung nicht nötig (R12): mit „[Wichtig]“ oder „Zusätzliche Informationen ' +
      'erforderlich“ gesendet, kann sie Ihre Verkaufsberechtigung kosten (R11).',
    en:
      `This template looks like ${CATEGORY_WORDS.en[c.category]}${c.phrases.length > 0 ? ` (${quoted(c.phrases, 'en')})` : ''}. ` +
      'That is not needed to complete an order (R12): sent with "[Important]" or "Additional information required", ' +
      'it can cost your selling privileges (R11).',
  };
}
