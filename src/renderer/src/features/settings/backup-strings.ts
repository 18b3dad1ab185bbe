/** Settings → Backup: the words, German and English. */
import { defineStrings } from '../../i18n';

export const backupStrings = defineStrings({
  title: { en: 'Backup', de: 'Sicherung' },
  intro: {
    en: 'Your messages are your legal record. A backup copies the store and every file into a new folder inside the one you choose, while the relay keeps running.',
    de: 'Ihre Nachrichten sind Ihr rechtlicher Nachweis. Eine Sicherung kopiert den Speicher und alle Dateien in einen neuen Ordner im gewählten Ordner, während das Relay weiterläuft.',
  },
  folder: { en: 'Backup folder', de: 'Sicherungsordner' },
  folderHelp: {
    en: 'A full path, ideally on another disk or a network drive.',
    de: 'Ein vollständiger Pfad, am besten auf einem anderen Laufwerk oder Netzlaufwerk.',
  },
  choose: { en: 'Choose folder…', de: 'Ordner wählen…' },
  saveFolder: { en: 'Save folder', de: 'Ordner speichern' },
  schedule: { en: 'Automatic backup', de: 'Automatische Sicherung' },
  off: { en: 'Off', de: 'Aus' },
  daily: { en: 'Daily at', de: 'Täglich um' },
  time: { en: 'Time', de: 'Uhrzeit' },
  now: { en: 'Back up now', de: 'Jetzt sichern' },
  running: { en: 'Backing up…', de: 'Sicherung läuft…' },
  never: { en: 'No backup yet.', de: 'Noch keine Sicherung.' },
  lastOk: {
    en: 'Last backup: {time}, {messages, plural, one {# message} other {# messages}}, in {dir}',
    de: 'Letzte Sicherung: {time}, {messages, plural, one {# Nachricht} other {# Nachrichten}}, in {dir}',
  },
  lastFailed: {
    en: 'Last backup failed ({time}): {message}',
    de: 'Letzte Sicherung fehlgeschlagen ({time}): {message}',
  },
  saved: { en: 'Saved.', de: 'Gespeichert.' },
});
