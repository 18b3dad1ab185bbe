/** Strings of the mail history import: the button, the dialog, its progress and its result. */
import { defineStrings } from '../../i18n';

export const mailImportStrings = defineStrings({
  open: { en: 'Import old mail', de: 'Alte E-Mails importieren' },
  title: { en: 'Import old mail', de: 'Alte E-Mails importieren' },
  intro: {
    en: 'Bring your past conversations with buyers into Parley: save the mail folder from your mail program as an mbox file and drop it here. Nothing is sent and no buyer is told: the messages go into your record as they were, each buyer under the alias Parley gives them. Newsletters and auto-replies are left out. The same file again adds nothing.',
    de: 'Holen Sie Ihre früheren Unterhaltungen mit Käufern in Parley: Speichern Sie den E-Mail-Ordner in Ihrem E-Mail-Programm als mbox-Datei und ziehen Sie sie hierher. Es wird nichts gesendet und kein Käufer benachrichtigt: Die Nachrichten kommen unverändert in Ihr Protokoll, jeder Käufer unter dem Alias, den Parley ihm gibt. Newsletter und automatische Antworten bleiben draußen. Dieselbe Datei noch einmal fügt nichts hinzu.',
  },
  dropHint: { en: 'Drop an .mbox file here', de: '.mbox-Datei hierher ziehen' },
  dropNow: { en: 'Drop to import {name}', de: 'Loslassen, um {name} zu importieren' },
  choose: { en: 'Choose mbox file', de: 'mbox-Datei auswählen' },
  wrongType: {
    en: '{name} is not an mbox file. In your mail program, save or export the folder as mbox (for example Thunderbird with ImportExportTools, or Apple Mail: Mailbox → Export Mailbox).',
    de: '{name} ist keine mbox-Datei. Speichern oder exportieren Sie den Ordner in Ihrem E-Mail-Programm als mbox (zum Beispiel Thunderbird mit ImportExportTools oder Apple Mail: Postfach → Postfach exportieren).',
  },
  uploading: { en: 'Reading {name} …', de: '{name} wird gelesen …' },
  importing: { en: 'Importing {name} …', de: '{name} wird importiert …' },
  uploaded: { en: '{sent} of {size} MB', de: '{sent} von {size} MB' },
  progress: {
    en: '{done} of {total, plural, one {# message} other {# messages}} · {rate} per second',
    de: '{done} von {total, plural, one {# Nachricht} other {# Nachrichten}} · {rate} pro Sekunde',
  },
  resultTitle: {
    en: '{name}: {imported, plural, =0 {nothing new} one {# message new} other {# messages new}} in {seconds} s',
    de: '{name}: {imported, plural, =0 {nichts Neues} one {# Nachricht neu} other {# Nachrichten neu}} in {seconds} s',
  },
  resumed: {
    en: 'The import had stopped part-way before; it went on where it stopped.',
    de: 'Der Import war vorher unterbrochen worden; er hat dort weitergemacht, wo er aufgehört hatte.',
  },
  imported: { en: 'New', de: 'Neu' },
  duplicates: { en: 'Already in Parley', de: 'Schon in Parley' },
  skipped: { en: 'Left out', de: 'Ausgelassen' },
  refused: { en: 'Could not be read', de: 'Nicht lesbar' },
  skippedWhy: {
    en: 'Left out: newsletters and mailing lists, bulk mail, auto-replies, and mail with no single buyer.',
    de: 'Ausgelassen: Newsletter und Mailinglisten, Massen-E-Mails, automatische Antworten und E-Mails ohne einzelnen Käufer.',
  },
  refusedRows: { en: 'Messages that could not be imported:', de: 'Nachrichten, die nicht importiert werden konnten:' },
  moreRefused: {
    en: '{count, plural, one {# more message} other {# more messages}}',
    de: '{count, plural, one {# weitere Nachricht} other {# weitere Nachrichten}}',
  },
  failed: { en: 'The import stopped: {message}', de: 'Der Import wurde abgebrochen: {message}' },
  another: { en: 'Import another file', de: 'Weitere Datei importieren' },
  close: { en: 'Close', de: 'Schließen' },
});
