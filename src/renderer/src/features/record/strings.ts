/** Strings of the dispute record export (R21). */
import { defineStrings } from '../../i18n';

export const recordStrings = defineStrings({
  export: { en: 'Export record', de: 'Nachweis exportieren' },
  exportTitle: {
    en: 'Save every original message, its attachments, a PDF transcript and a hash manifest as one zip (R21)',
    de: 'Alle Originalnachrichten, Anhänge, ein PDF-Protokoll und ein Hash-Manifest als eine ZIP-Datei speichern (R21)',
  },
  exporting: { en: 'Exporting…', de: 'Wird exportiert…' },
  done: {
    en: 'Exported {messages} messages, {files} files to {file} — verify with',
    de: '{messages} Nachrichten, {files} Dateien nach {file} exportiert — prüfen mit',
  },
  head: { en: 'Head hash', de: 'Kopf-Hash' },
  failed: {
    en: 'The record could not be exported: {message}',
    de: 'Der Nachweis konnte nicht exportiert werden: {message}',
  },
  dismiss: { en: 'Dismiss', de: 'Schließen' },
});
