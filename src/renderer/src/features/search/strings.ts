/** Strings of the search box. */
import { defineStrings } from '../../i18n';

export const searchStrings = defineStrings({
  label: { en: 'Search conversations', de: 'Unterhaltungen durchsuchen' },
  placeholder: {
    en: 'Search alias, order, buyer or text  ( / )',
    de: 'Alias, Bestellung, Käufer oder Text suchen  ( / )',
  },
  clear: { en: 'Clear search', de: 'Suche leeren' },
  results: {
    en: '{count, plural, =0 {No results} one {# result} other {# results}}',
    de: '{count, plural, =0 {Keine Treffer} other {# Treffer}}',
  },
  noResults: { en: 'Nothing found for “{query}”.', de: 'Nichts gefunden für „{query}“.' },
  failed: { en: 'Search failed: {message}', de: 'Suche fehlgeschlagen: {message}' },
});
