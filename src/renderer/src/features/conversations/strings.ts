/** Strings of the conversation list. */
import { defineStrings } from '../../i18n';

export const listStrings = defineStrings({
  pane: { en: 'Conversations', de: 'Unterhaltungen' },
  loading: { en: 'Loading…', de: 'Wird geladen…' },
  attachments: { en: 'Has attachments', de: 'Mit Anhängen' },
  hoursLeft: { en: '{n} h left', de: 'noch {n} Std.' },
  minutesLeft: { en: '{n} min left', de: 'noch {n} Min.' },
  daysLeft: { en: '{n} d left', de: 'noch {n} Tg.' },
  daysOverdue: { en: 'overdue {n} d', de: '{n} Tg. überfällig' },
  hoursOverdue: { en: 'overdue {n} h', de: '{n} Std. überfällig' },
  minutesOverdue: { en: 'overdue {n} min', de: '{n} Min. überfällig' },
  timerTitle: {
    en: 'Answer within 24 hours of the buyer’s message',
    de: 'Antwort innerhalb von 24 Stunden nach der Käufernachricht',
  },
  noBuyerName: { en: 'Buyer {alias}', de: 'Käufer {alias}' },
  orders: { en: 'Orders', de: 'Bestellungen' },
  'badge-reported': { en: 'Reported', de: 'Gemeldet' },
  'badge-no-response': { en: 'No response needed', de: 'Keine Antwort nötig' },
  'badge-undeliverable': { en: 'Undeliverable', de: 'Unzustellbar' },
  'badge-outbox': { en: 'In outbox', de: 'Im Postausgang' },
  'badge-held': { en: 'Held', de: 'Zurückgehalten' },
  'badge-opted-out': { en: 'Opted out', de: 'Abgemeldet' },
  'badge-draft': { en: 'Draft', de: 'Entwurf' },
  youWrote: { en: 'You:', de: 'Sie:' },
});
