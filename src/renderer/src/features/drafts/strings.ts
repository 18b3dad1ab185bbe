/** The drafts list's words, German and English. */
import { defineStrings } from '../../i18n';

export const draftsStrings = defineStrings({
  title: { en: 'Drafts', de: 'Entwürfe' },
  loading: { en: 'Loading drafts …', de: 'Entwürfe werden geladen …' },
  failed: { en: 'The drafts could not be read: {message}', de: 'Die Entwürfe konnten nicht gelesen werden: {message}' },
  reload: { en: 'Try again', de: 'Erneut versuchen' },
  empty: {
    en: 'No drafts. Whatever you start writing is kept here until it is sent.',
    de: 'Keine Entwürfe. Was Sie zu schreiben beginnen, bleibt hier, bis es gesendet ist.',
  },
  noSubject: { en: '(no subject)', de: '(kein Betreff)' },
  reply: { en: 'Reply', de: 'Antwort' },
  newMessage: { en: 'New message', de: 'Neue Nachricht' },
  buyerUnnamed: { en: 'Buyer (name unknown)', de: 'Käufer (Name unbekannt)' },
  noBuyer: { en: 'No buyer chosen yet', de: 'Noch kein Käufer gewählt' },
  order: { en: 'order {order}', de: 'Bestellung {order}' },
  files: {
    en: '{count, plural, one {# attachment} other {# attachments}}',
    de: '{count, plural, one {# Anhang} other {# Anhänge}}',
  },
  saved: { en: 'saved {time}', de: 'gespeichert {time}' },
  open: { en: 'Open draft to {buyer}: {subject}', de: 'Entwurf an {buyer} öffnen: {subject}' },
  delete: { en: 'Delete', de: 'Löschen' },
  deleteConfirm: { en: 'Delete this draft for good?', de: 'Diesen Entwurf endgültig löschen?' },
  deleteYes: { en: 'Delete draft', de: 'Entwurf löschen' },
  deleteNo: { en: 'Keep', de: 'Behalten' },
});
