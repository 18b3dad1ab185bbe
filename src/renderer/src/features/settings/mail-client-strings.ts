/** Strings of Settings → Mail program and → Link to this inbox. */
import { defineStrings } from '../../i18n';

export const mailClientStrings = defineStrings({
  title: { en: 'Mail program', de: 'Mailprogramm' },
  reset: { en: 'Reset password', de: 'Passwort zurücksetzen' },
  resetConfirm: {
    en: 'A new password replaces the current one: a mail program still using the old one can no longer send. Reset?',
    de: 'Ein neues Passwort ersetzt das bisherige: Ein Mailprogramm mit dem alten kann dann nicht mehr senden. Zurücksetzen?',
  },
  resetYes: { en: 'Reset now', de: 'Jetzt zurücksetzen' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  resetFailed: {
    en: 'The password could not be reset: {message}',
    de: 'Das Passwort konnte nicht zurückgesetzt werden: {message}',
  },
  linkTitle: { en: 'Link to this inbox', de: 'Link zu diesem Posteingang' },
  linkText: {
    en: 'This page is opened with a link that contains a secret. It stays valid when Parley restarts. If someone else may have seen it, make a new one: the old link stops working at once.',
    de: 'Diese Seite wird über einen Link mit einem Geheimnis geöffnet. Er bleibt gültig, wenn Parley neu startet. Falls jemand anderes ihn gesehen haben könnte, erzeugen Sie einen neuen: Der alte Link funktioniert dann sofort nicht mehr.',
  },
  newLink: { en: 'New link', de: 'Neuer Link' },
  newLinkDone: {
    en: 'The new link (bookmark it; the terminal of parley serve prints it after a restart too):',
    de: 'Der neue Link (setzen Sie ein Lesezeichen; das Terminal von parley serve zeigt ihn auch nach einem Neustart):',
  },
  copy: { en: 'Copy link', de: 'Link kopieren' },
  copied: { en: 'Copied', de: 'Kopiert' },
  linkFailed: {
    en: 'No new link could be made: {message}',
    de: 'Es konnte kein neuer Link erzeugt werden: {message}',
  },
});
