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
});
