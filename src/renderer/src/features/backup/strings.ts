/** The screen after a failed integrity check at start, and the read-only banner: the words, German and English. */
import { defineStrings } from '../../i18n';

export const storeCheckStrings = defineStrings({
  checkTitle: {
    en: 'Your message store failed its check at start',
    de: 'Ihr Nachrichtenspeicher hat die Prüfung beim Start nicht bestanden',
  },
  checkDatabase: {
    en: 'The database file is damaged (for example by a disk error or a copy made while Parley was writing).',
    de: 'Die Datenbankdatei ist beschädigt (zum Beispiel durch einen Datenträgerfehler oder eine Kopie während eines Schreibvorgangs).',
  },
  checkChain: {
    en: 'A recorded message or one of its files was changed or removed: the hash chain that proves the record is complete no longer holds.',
    de: 'Eine gespeicherte Nachricht oder eine ihrer Dateien wurde verändert oder entfernt: Die Hash-Kette, die die Vollständigkeit belegt, ist unterbrochen.',
  },
  checkStopped: {
    en: 'Parley is not receiving or sending mail until you choose one of these ways out:',
    de: 'Parley empfängt und sendet keine E-Mails, bis Sie einen dieser Wege wählen:',
  },
  restore: { en: 'Restore the last backup', de: 'Letzte Sicherung wiederherstellen' },
  restoreHelp: {
    en: 'From {time} ({messages, plural, one {# message} other {# messages}}). The damaged store is kept aside, not deleted.',
    de: 'Vom {time} ({messages, plural, one {# Nachricht} other {# Nachrichten}}). Der beschädigte Speicher wird beiseitegelegt, nicht gelöscht.',
  },
  restoreNone: {
    en: 'No backup was made from this app. With a backup folder elsewhere, run: parley restore --from FOLDER',
    de: 'In dieser App wurde keine Sicherung angelegt. Liegt eine Sicherung woanders, führen Sie aus: parley restore --from ORDNER',
  },
  restoring: { en: 'Restoring…', de: 'Wird wiederhergestellt…' },
  export: { en: 'Export what verifies', de: 'Prüfbares exportieren' },
  exportHelp: {
    en: 'Continue read-only, then export each conversation from its record view: every exported file is checked. In a terminal: parley verify names the first damaged message.',
    de: 'Arbeiten Sie nur lesend weiter und exportieren Sie jede Unterhaltung aus ihrer Nachweis-Ansicht: Jede exportierte Datei wird geprüft. Im Terminal nennt parley verify die erste beschädigte Nachricht.',
  },
  readOnly: { en: 'Continue read-only', de: 'Nur lesend fortfahren' },
  readOnlyHelp: {
    en: 'Read your messages; no mail is received or sent.',
    de: 'Nachrichten lesen; es werden keine E-Mails empfangen oder gesendet.',
  },
  readOnlyBanner: {
    en: 'Read-only: the message store failed its check at start, so no mail is received or sent.',
    de: 'Nur lesend: Der Nachrichtenspeicher hat die Prüfung beim Start nicht bestanden, daher werden keine E-Mails empfangen oder gesendet.',
  },
  details: { en: 'Details', de: 'Details' },
});
