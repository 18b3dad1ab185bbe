/** Strings of attachments and their viewer. */
import { defineStrings } from '../../i18n';

export const attStrings = defineStrings({
  list: { en: 'Attachments', de: 'Anhänge' },
  open: { en: 'Open', de: 'Öffnen' },
  openNamed: { en: 'Open {name}', de: '{name} öffnen' },
  save: { en: 'Save', de: 'Speichern' },
  saveNamed: { en: 'Save {name}', de: '{name} speichern' },
  removed: { en: 'Removed by the relay: {why}', de: 'Vom Nachrichtensystem entfernt: {why}' },
  removedNoWhy: { en: 'Removed by the relay', de: 'Vom Nachrichtensystem entfernt' },
  addressInsideBuyer: {
    en: "This file contains the buyer's own e-mail address. Parley replaces it in texts and file names, but not inside files: the file reached you unchanged.",
    de: 'Diese Datei enthält die eigene E-Mail-Adresse des Käufers. Parley ersetzt sie in Texten und Dateinamen, aber nicht innerhalb von Dateien: Die Datei hat Sie unverändert erreicht.',
  },
  addressInsideOwn: {
    en: 'This file contains your e-mail address. Parley replaces it in texts and file names, but not inside files: the buyer can see it.',
    de: 'Diese Datei enthält Ihre E-Mail-Adresse. Parley ersetzt sie in Texten und Dateinamen, aber nicht innerhalb von Dateien: Der Käufer kann sie sehen.',
  },
  loading: { en: 'Loading preview…', de: 'Vorschau wird geladen…' },
  failed: { en: 'No preview: {message}', de: 'Keine Vorschau: {message}' },
  noPreview: {
    en: 'No preview for this file type. Save it to open it with another program.',
    de: 'Für diesen Dateityp gibt es keine Vorschau. Speichern Sie die Datei, um sie mit einem anderen Programm zu öffnen.',
  },
  docCard: {
    en: 'Word 97–2003 document: no preview. Save it to open it in your word processor.',
    de: 'Word-97–2003-Dokument: keine Vorschau. Speichern Sie es, um es in Ihrer Textverarbeitung zu öffnen.',
  },
  page: { en: 'Page {n} of {total}', de: 'Seite {n} von {total}' },
  morePages: {
    en: 'Showing the first {shown} of {total} pages.',
    de: 'Die ersten {shown} von {total} Seiten werden angezeigt.',
  },
  truncated: { en: 'Showing the beginning of the file.', de: 'Der Anfang der Datei wird angezeigt.' },
  docxTitle: { en: 'Document {name}', de: 'Dokument {name}' },
  zoomIn: { en: 'Zoom in', de: 'Vergrößern' },
  zoomOut: { en: 'Zoom out', de: 'Verkleinern' },
});
