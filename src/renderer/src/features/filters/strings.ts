/** Names of the inbox filters (R20 default first). */
import { defineStrings } from '../../i18n';

export const filterStrings = defineStrings({
  pane: { en: 'Filters', de: 'Filter' },
  'response-needed': { en: 'Response needed', de: 'Antwort erforderlich' },
  all: { en: 'All', de: 'Alle' },
  sent: { en: 'Sent', de: 'Gesendet' },
  undeliverable: { en: 'Undeliverable', de: 'Unzustellbar' },
  reported: { en: 'Reported', de: 'Gemeldet' },
  'no-response': { en: 'No response needed', de: 'Keine Antwort erforderlich' },
  drafts: { en: 'Drafts', de: 'Entwürfe' },
  outbox: { en: 'Outbox', de: 'Postausgang' },
  sentIntro: {
    en: 'Conversations you have written in. A message that has not left yet waits in the Outbox.',
    de: 'Unterhaltungen, in denen Sie geschrieben haben. Eine Nachricht, die noch nicht unterwegs ist, wartet im Postausgang.',
  },
  orders: { en: 'Orders', de: 'Bestellungen' },
  performance: { en: 'Performance', de: 'Leistung' },
  countLabel: {
    en: '{count, plural, one {# conversation} other {# conversations}}',
    de: '{count, plural, one {# Unterhaltung} other {# Unterhaltungen}}',
  },
  countLabelItems: {
    en: '{count, plural, one {# item} other {# items}}',
    de: '{count, plural, one {# Eintrag} other {# Einträge}}',
  },
});
