/** The outbox list's words, German and English. */
import { defineStrings } from '../../i18n';

export const outboxStrings = defineStrings({
  title: { en: 'Outbox', de: 'Postausgang' },
  loading: { en: 'Loading the outbox …', de: 'Postausgang wird geladen …' },
  failed: {
    en: 'The outbox could not be read: {message}',
    de: 'Der Postausgang konnte nicht gelesen werden: {message}',
  },
  reload: { en: 'Try again', de: 'Erneut versuchen' },
  empty: { en: 'Nothing waiting: every message has left.', de: 'Nichts wartet: alle Nachrichten sind unterwegs.' },
  to: { en: 'To {to}', de: 'An {to}' },
  attempts: {
    en: '{count, plural, =0 {not tried yet} one {# attempt} other {# attempts}}',
    de: '{count, plural, =0 {noch nicht versucht} one {# Versuch} other {# Versuche}}',
  },
  nextAttempt: { en: 'next attempt {time}', de: 'nächster Versuch {time}' },
  lastError: { en: 'Last error: {error}', de: 'Letzter Fehler: {error}' },
  retry: { en: 'Retry now', de: 'Jetzt erneut senden' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  cancelConfirm: {
    en: 'Cancel this message? It will not be sent.',
    de: 'Diese Nachricht abbrechen? Sie wird nicht gesendet.',
  },
  cancelYes: { en: 'Cancel message', de: 'Nachricht abbrechen' },
  cancelNo: { en: 'Keep it', de: 'Behalten' },
  'kind.forward': { en: 'Message', de: 'Nachricht' },
  'kind.bounce-notice': { en: 'Bounce notice', de: 'Unzustellbarkeitsbenachrichtigung' },
  'kind.shipping-confirmation': { en: 'Shipping confirmation', de: 'Versandbestätigung' },
  'kind.delivery-failure': { en: 'Delivery failure notice', de: 'Zustellfehler-Benachrichtigung' },
  'state.queued': { en: 'Queued', de: 'In der Warteschlange' },
  'state.deferred': { en: 'Deferred', de: 'Zurückgestellt' },
  'state.delivered': { en: 'Delivered', de: 'Zugestellt' },
  'state.failed': { en: 'Failed', de: 'Fehlgeschlagen' },
  'state.bounced': { en: 'Bounced', de: 'Unzustellbar' },
  'state.cancelled': { en: 'Cancelled', de: 'Abgebrochen' },
  // The list's header and the right pane
  intro: {
    en: 'Your messages to buyers that have not left yet: waiting their turn, or a new try after one failed. Delivered ones are in Sent.',
    de: 'Ihre Nachrichten an Käufer, die noch nicht unterwegs sind: sie warten auf den Versand oder auf einen neuen Versuch. Zugestellte stehen unter „Gesendet“.',
  },
  waiting: {
    en: '{count, plural, one {# waiting} other {# waiting}}',
    de: '{count, plural, one {# wartet} other {# warten}}',
  },
  chooseItem: {
    en: 'Choose a message in the Outbox to see where it stands, when it is tried next and what went wrong.',
    de: 'Wählen Sie eine Nachricht im Postausgang, um zu sehen, wo sie steht, wann sie erneut versucht wird und was schiefging.',
  },
  nothingWaiting: {
    en: 'Nothing is waiting to go out. A message stays here only until the buyer’s mail server has it.',
    de: 'Nichts wartet auf den Versand. Eine Nachricht steht hier nur, bis der Mailserver des Käufers sie hat.',
  },
  detailTitle: { en: 'Outbox item', de: 'Eintrag im Postausgang' },
  written: { en: 'Written {time}', de: 'Geschrieben {time}' },
  nextAttemptAt: { en: 'Next attempt: {time}', de: 'Nächster Versuch: {time}' },
  whatWentWrong: { en: 'What went wrong', de: 'Was schiefging' },
  technical: { en: 'In the mail server’s words:', de: 'In den Worten des Mailservers:' },
  openConversation: { en: 'Open the conversation', de: 'Unterhaltung öffnen' },
  'explain.queued': {
    en: 'Waiting its turn: it goes out in a moment.',
    de: 'Wartet auf den Versand: sie geht gleich hinaus.',
  },
  'explain.deferred': {
    en: 'The last try did not get through. Parley tries again by itself; “Retry now” tries at once.',
    de: 'Der letzte Versuch kam nicht durch. Parley versucht es von selbst erneut; „Jetzt erneut senden“ versucht es sofort.',
  },
  'explain.delivered': {
    en: 'Delivered: the buyer’s mail server has it. You find it under Sent.',
    de: 'Zugestellt: der Mailserver des Käufers hat sie. Sie finden sie unter „Gesendet“.',
  },
  'explain.failed': {
    en: 'Not delivered, for good: the mail server refused it. The conversation shows as Undeliverable.',
    de: 'Endgültig nicht zugestellt: der Mailserver hat sie abgelehnt. Die Unterhaltung steht unter „Unzustellbar“.',
  },
  'explain.bounced': {
    en: 'The buyer’s mail server sent it back. The conversation shows as Undeliverable.',
    de: 'Der Mailserver des Käufers hat sie zurückgeschickt. Die Unterhaltung steht unter „Unzustellbar“.',
  },
  'explain.cancelled': { en: 'Cancelled: it will not be sent.', de: 'Abgebrochen: sie wird nicht gesendet.' },
  'problem.unreachable': {
    en: 'The mail server that sends your mail (the smarthost) could not be reached.',
    de: 'Der Mailserver, über den Ihre Post hinausgeht (der Smarthost), war nicht erreichbar.',
  },
  'problem.tls': {
    en: 'The connection to the mail server was not secure enough: its certificate or encryption was not accepted.',
    de: 'Die Verbindung zum Mailserver war nicht sicher genug: sein Zertifikat oder seine Verschlüsselung wurde nicht akzeptiert.',
  },
  'problem.auth': {
    en: 'The mail server did not accept the login: check the smarthost’s user and password in Settings.',
    de: 'Der Mailserver hat die Anmeldung nicht angenommen: prüfen Sie Benutzer und Passwort des Smarthosts in den Einstellungen.',
  },
  'problem.temporary': {
    en: 'The mail server asked to try again later.',
    de: 'Der Mailserver bat darum, es später erneut zu versuchen.',
  },
  'problem.refused': { en: 'The mail server refused the message.', de: 'Der Mailserver hat die Nachricht abgelehnt.' },
  'problem.other': { en: 'The delivery did not work.', de: 'Die Zustellung hat nicht geklappt.' },
});
