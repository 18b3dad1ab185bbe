/** Strings of the mail-client setup block (Settings and the end of first run). */
import { defineStrings } from '../../i18n';

export const clientSetupStrings = defineStrings({
  title: { en: 'Connect your mail program', de: 'Mailprogramm verbinden' },
  intro: {
    en: 'To write to buyers from your own mail program (Thunderbird, Outlook, Apple Mail), add an outgoing server (SMTP) with these details:',
    de: 'Um Käufern aus Ihrem eigenen Mailprogramm (Thunderbird, Outlook, Apple Mail) zu schreiben, legen Sie einen Postausgangsserver (SMTP) mit diesen Angaben an:',
  },
  host: { en: 'Server', de: 'Server' },
  port: { en: 'Port', de: 'Port' },
  security: { en: 'Connection security', de: 'Verbindungssicherheit' },
  'security.starttls': { en: 'STARTTLS', de: 'STARTTLS' },
  'security.tls': { en: 'SSL/TLS', de: 'SSL/TLS' },
  'security.none': {
    en: 'None (only this computer can connect)',
    de: 'Keine (nur dieser Computer kann sich verbinden)',
  },
  user: { en: 'User name', de: 'Benutzername' },
  password: { en: 'Password', de: 'Passwort' },
  passwordHidden: {
    en: 'Not shown: Parley keeps only a fingerprint of it. Forgotten? Reset it.',
    de: 'Nicht angezeigt: Parley bewahrt nur einen Fingerabdruck davon auf. Vergessen? Setzen Sie es zurück.',
  },
  passwordOnce: {
    en: 'Write this password into your mail program now: it is shown only this once.',
    de: 'Tragen Sie dieses Passwort jetzt in Ihr Mailprogramm ein: Es wird nur dieses eine Mal angezeigt.',
  },
  copy: { en: 'Copy', de: 'Kopieren' },
  copied: { en: 'Copied', de: 'Kopiert' },
  copyAll: { en: 'Copy all details', de: 'Alle Angaben kopieren' },
});
