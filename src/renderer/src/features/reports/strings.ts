/** Strings of the reports list above the Reported filter (R18). */
import { defineStrings } from '../../i18n';

export const reportsStrings = defineStrings({
  title: { en: 'Reports', de: 'Meldungen' },
  loading: { en: 'Loading the reports…', de: 'Meldungen werden geladen…' },
  failed: {
    en: 'The reports could not be loaded: {message}',
    de: 'Die Meldungen konnten nicht geladen werden: {message}',
  },
  retry: { en: 'Try again', de: 'Erneut versuchen' },
  none: { en: 'No message has been reported.', de: 'Es wurde keine Nachricht gemeldet.' },
  topTitle: { en: 'Reported most', de: 'Am häufigsten gemeldet' },
  topLine: { en: '{count}× · last {date}', de: '{count}× · zuletzt {date}' },
  withdrawn: { en: 'Withdrawn {date}', de: 'Zurückgezogen am {date}' },
  active: { en: 'Active', de: 'Aktiv' },
  withdraw: { en: 'Withdraw', de: 'Zurückziehen' },
  withdrawTitle: { en: 'Withdraw this report?', de: 'Diese Meldung zurückziehen?' },
  withdrawText: {
    en: 'The report of “{subject}” ({reason}) is withdrawn. The message and the record of the report stay stored.',
    de: 'Die Meldung zu „{subject}“ ({reason}) wird zurückgezogen. Die Nachricht und der Vermerk der Meldung bleiben gespeichert.',
  },
  confirm: { en: 'Withdraw report', de: 'Meldung zurückziehen' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  withdrawFailed: {
    en: 'The report could not be withdrawn: {message}',
    de: 'Die Meldung konnte nicht zurückgezogen werden: {message}',
  },
  open: { en: 'Open the conversation', de: 'Unterhaltung öffnen' },
  note: { en: 'Note: {note}', de: 'Notiz: {note}' },
  spam: { en: 'Spam or advertising', de: 'Spam oder Werbung' },
  phishing: { en: 'Phishing or fraud', de: 'Phishing oder Betrug' },
  abusive: { en: 'Abusive or threatening', de: 'Beleidigend oder bedrohlich' },
  'off-platform': { en: 'Asks to deal outside the marketplace', de: 'Fordert Geschäfte außerhalb des Marktplatzes' },
  other: { en: 'Something else', de: 'Etwas anderes' },
});
