/** Strings of the composer's spell checking (the browser bridge). */
import { defineStrings } from '../../i18n';

export const spellStrings = defineStrings({
  misspelled: { en: 'Check spelling:', de: 'Rechtschreibung prüfen:' },
  suggestionsFor: { en: 'Suggestions for “{word}”', de: 'Vorschläge für „{word}“' },
  loading: { en: 'Looking up…', de: 'Wird nachgeschlagen…' },
  none: { en: 'No suggestions', de: 'Keine Vorschläge' },
  ignore: { en: 'Ignore', de: 'Ignorieren' },
  failed: {
    en: 'Spell checking is not available: {message}',
    de: 'Die Rechtschreibprüfung ist nicht verfügbar: {message}',
  },
});
