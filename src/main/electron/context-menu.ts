/**
 * The window's context menu and spell checking. Chromium's spell checker marks misspelled words in German and English
 * (Electron ships the Hunspell dictionaries' use; `spellCheckerLanguages` puts the shop's language first); a right
 * click offers the suggestions, "Add to dictionary", and copy, paste and select all where they make sense. Links in
 * a message's frame get nothing here: the page asks about them itself (features/links).
 */
import type { ContextMenuParams, Menu, MenuItemConstructorOptions, Session, WebContents } from 'electron';
import type { Language } from '../../shared/domain.js';

const WORDS = {
  en: {
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    addToDictionary: 'Add to dictionary',
    noSuggestions: 'No suggestions',
  },
  de: {
    cut: 'Ausschneiden',
    copy: 'Kopieren',
    paste: 'Einfügen',
    selectAll: 'Alles auswählen',
    addToDictionary: 'Zum Wörterbuch hinzufügen',
    noSuggestions: 'Keine Vorschläge',
  },
} satisfies Record<Language, Record<string, string>>;

/** The spell checker's languages: the shop's first, the other one second (a German shop gets English mail too). */
export function spellCheckerLanguages(language: Language): string[] {
  return language === 'de' ? ['de-DE', 'en-US'] : ['en-US', 'de-DE'];
}

/** Sets the languages on the session; a language this Electron has no dictionary for is left out, not fatal. */
export function applySpellCheckerLanguages(
  session: Pick<Session, 'setSpellCheckerLanguages' | 'availableSpellCheckerLanguages'>,
  language: Language,
): string[] {
  const available = new Set(session.availableSpellCheckerLanguages ?? []);
  // On macOS the system checker decides and the list is empty: set nothing there.
  const wanted = spellCheckerLanguages(language).filter((l) => available.size === 0 || available.has(l));
  if (available.size > 0 && wanted.length > 0) session.setSpellCheckerLanguages(wanted);
  return wanted;
}

/**
 * Chromium's own checker (Linux, Windows without the system checker) fetches Hunspell dictionaries from Google's
 * servers by default. Parley downloads nothing: the fetch is pointed at the app's own protocol, which has none to give,
 * and the composer checks with the German and English dictionaries shipped in the renderer (nspell in a worker). macOS
 * uses the system's checker and downloads nothing either.
 */
export const LOCAL_DICTIONARY_URL = 'app://parley/hunspell/';

export function keepDictionariesLocal(session: Pick<Session, 'setSpellCheckerDictionaryDownloadURL'>): void {
  session.setSpellCheckerDictionaryDownloadURL(LOCAL_DICTIONARY_URL);
}

type Contents = Pick<WebContents, 'replaceMisspelling' | 'session'>;

/** The menu for one right click, or an empty list when there is nothing to offer. */
export function contextMenuTemplate(
  params: Pick<
    ContextMenuParams,
    'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'editFlags'
  >,
  contents: Contents,
  language: Language,
): MenuItemConstructorOptions[] {
  const w = WORDS[language];
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 6);
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => contents.replaceMisspelling(suggestion) });
    }
    if (suggestions.length === 0) items.push({ label: w.noSuggestions, enabled: false });
    items.push({
      label: w.addToDictionary,
      click: () => contents.session.addWordToSpellCheckerDictionary(params.misspelledWord),
    });
    items.push({ type: 'separator' });
  }
  const flags = params.editFlags;
  if (params.isEditable) items.push({ role: 'cut', label: w.cut, enabled: flags.canCut });
  if (params.isEditable || params.selectionText.trim())
    items.push({ role: 'copy', label: w.copy, enabled: flags.canCopy });
  if (params.isEditable) items.push({ role: 'paste', label: w.paste, enabled: flags.canPaste });
  if (items.length > 0 && items[items.length - 1].type !== 'separator') items.push({ type: 'separator' });
  items.push({ role: 'selectAll', label: w.selectAll, enabled: flags.canSelectAll });
  return items;
}

export interface ContextMenuDeps {
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Pick<Menu, 'popup'> };
  language: () => Language;
}

/** Shows the context menu on every right click in `contents`. */
export function installContextMenu(contents: WebContents, deps: ContextMenuDeps): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, contents, deps.language());
    if (template.length === 0) return;
    deps.Menu.buildFromTemplate(template).popup();
  });
}
