/** Settings → Log: the words, German and English. */
import { defineStrings } from '../../i18n';

export const logsStrings = defineStrings({
  logs: { en: 'Log', de: 'Protokoll' },
  logsHelp: {
    en: 'Parley writes what the relay, the outbox and the mailbox intake do, and any internal error, into a log on this computer. It never holds a buyer’s address or a password, so you can send it to support.',
    de: 'Parley schreibt, was Relay, Postausgang und Postfach-Abruf tun, und jeden internen Fehler in ein Protokoll auf diesem Computer. Es enthält nie die Adresse eines Käufers oder ein Passwort – Sie können es an den Support schicken.',
  },
  openLogs: { en: 'Open logs folder', de: 'Protokollordner öffnen' },
  opened: { en: 'Opened in your file manager: {folder}', de: 'Im Dateimanager geöffnet: {folder}' },
  copyPath: {
    en: 'The browser cannot open folders. The log is in this folder:',
    de: 'Der Browser kann keine Ordner öffnen. Das Protokoll liegt in diesem Ordner:',
  },
});
