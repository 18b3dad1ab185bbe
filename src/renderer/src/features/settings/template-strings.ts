/** Settings → Saved replies and signatures: the words, German and English. */
import { defineStrings } from '../../i18n';

export const templateStrings = defineStrings({
  flagged: { en: 'Policy warning', de: 'Richtlinien-Warnung' },
  why: { en: 'Why?', de: 'Warum?' },
  title: { en: 'Saved replies and signatures', de: 'Gespeicherte Antworten und Signaturen' },
  intro: {
    en: 'Variables filled in from the conversation: {vars}. In the composer, Ctrl+Shift+E inserts a saved reply.',
    de: 'Variablen, die aus der Unterhaltung ausgefüllt werden: {vars}. Im Editor fügt Strg+Umschalt+E eine gespeicherte Antwort ein.',
  },
  add: { en: 'New saved reply', de: 'Neue gespeicherte Antwort' },
  edit: { en: 'Edit', de: 'Bearbeiten' },
  remove: { en: 'Remove', de: 'Entfernen' },
  name: { en: 'Name', de: 'Name' },
  language: { en: 'Language', de: 'Sprache' },
  german: { en: 'German', de: 'Deutsch' },
  english: { en: 'English', de: 'Englisch' },
  subject: { en: 'Subject (optional)', de: 'Betreff (optional)' },
  body: { en: 'Text', de: 'Text' },
  save: { en: 'Save', de: 'Speichern' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  saved: { en: 'Saved.', de: 'Gespeichert.' },
  savedFlagged: {
    en: 'Saved, with a warning: this reply must not go out as [Important] or "Additional information required".',
    de: 'Gespeichert, mit Warnung: Diese Antwort darf nicht als [Wichtig] oder „Zusätzliche Informationen erforderlich“ gesendet werden.',
  },
  needName: { en: 'Give it a name.', de: 'Bitte einen Namen angeben.' },
  needBody: { en: 'The text is empty.', de: 'Der Text ist leer.' },
  saveFailed: { en: 'Not saved: {message}', de: 'Nicht gespeichert: {message}' },
  signatures: { en: 'Signatures', de: 'Signaturen' },
  signatureDe: { en: 'Signature for German messages', de: 'Signatur für deutsche Nachrichten' },
  signatureEn: { en: 'Signature for English messages', de: 'Signatur für englische Nachrichten' },
  signatureHelp: {
    en: "Added below new messages in the shop's language.",
    de: 'Wird unter neue Nachrichten in der Sprache des Shops gesetzt.',
  },
  saveSignatures: { en: 'Save signatures', de: 'Signaturen speichern' },
});
