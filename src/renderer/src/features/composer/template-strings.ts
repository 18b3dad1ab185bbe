/** The composer's saved replies: the words, German and English. */
import { defineStrings } from '../../i18n';

export const templateStrings = defineStrings({
  pickerTitle: { en: 'Insert a saved reply', de: 'Gespeicherte Antwort einfügen' },
  pickerButton: { en: 'Saved replies', de: 'Gespeicherte Antworten' },
  pickerHint: { en: 'Ctrl+Shift+E', de: 'Strg+Umschalt+E' },
  filter: { en: 'Filter saved replies', de: 'Gespeicherte Antworten filtern' },
  filterPlaceholder: { en: 'Type to filter, Enter inserts', de: 'Tippen zum Filtern, Enter fügt ein' },
  none: {
    en: 'No saved replies yet. Add them in Settings → Saved replies and signatures.',
    de: 'Noch keine gespeicherten Antworten. Legen Sie sie unter Einstellungen → Gespeicherte Antworten und Signaturen an.',
  },
  noMatch: { en: 'No saved reply matches.', de: 'Keine gespeicherte Antwort passt.' },
  loading: { en: 'Loading …', de: 'Wird geladen …' },
  failed: { en: 'Could not load the saved replies: {message}', de: 'Gespeicherte Antworten nicht geladen: {message}' },
  fillFailed: { en: 'Could not insert it: {message}', de: 'Nicht eingefügt: {message}' },
  flagged: { en: 'Policy warning', de: 'Richtlinien-Warnung' },
  gaps: {
    en: 'Not filled in, nothing is known for this buyer: {names}. Replace them before sending.',
    de: 'Nicht ausgefüllt, für diesen Käufer ist nichts bekannt: {names}. Bitte vor dem Senden ersetzen.',
  },
  dismiss: { en: 'Dismiss', de: 'Schließen' },
});
