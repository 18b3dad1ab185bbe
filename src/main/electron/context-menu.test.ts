import { EventEmitter } from 'node:events';
import type { ContextMenuParams, MenuItemConstructorOptions, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  applySpellCheckerLanguages,
  contextMenuTemplate,
  keepDictionariesLocal,
  installContextMenu,
  spellCheckerLanguages,
} from './context-menu.js';

const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canUndo: false, canRedo: false };

function params(over: Partial<ContextMenuParams>): ContextMenuParams {
  return {
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: false,
    selectionText: '',
    editFlags: { ...flags, canDelete: true, canEditRichly: false },
    ...over,
  } as ContextMenuParams;
}

function fakeContents() {
  const emitter = new EventEmitter();
  const contents = Object.assign(emitter, {
    replaceMisspelling: vi.fn(),
    session: { addWordToSpellCheckerDictionary: vi.fn(() => true) },
  });
  return contents;
}

function fakeMenu() {
  const shown: MenuItemConstructorOptions[][] = [];
  return {
    shown,
    Menu: {
      buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => {
        shown.push(template);
        return { popup: vi.fn() };
      }),
    },
  };
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.type);

describe('the context menu', () => {
  it('offers the spelling suggestions for a misspelled word; a click replaces it, or adds it to the dictionary', () => {
    const contents = fakeContents();
    const { Menu, shown } = fakeMenu();
    installContextMenu(contents as unknown as WebContents, { Menu, language: () => 'de' });
    contents.emit(
      'context-menu',
      {},
      params({ isEditable: true, misspelledWord: 'Lieferrung', dictionarySuggestions: ['Lieferung', 'Lieferungen'] }),
    );
    expect(shown).toHaveLength(1);
    const menu = shown[0];
    expect(labels(menu)).toEqual([
      'Lieferung',
      'Lieferungen',
      'Zum Wörterbuch hinzufügen',
      'separator',
      'Ausschneiden',
      'Kopieren',
      'Einfügen',
      'separator',
      'Alles auswählen',
    ]);
    menu[0].click!({} as never, undefined, {} as never);
    expect(contents.replaceMisspelling).toHaveBeenCalledWith('Lieferung');
    menu[2].click!({} as never, undefined, {} as never);
    expect(contents.session.addWordToSpellCheckerDictionary).toHaveBeenCalledWith('Lieferrung');
  });

  it('says when there is no suggestion, in English too', () => {
    const menu = contextMenuTemplate(
      params({ isEditable: true, misspelledWord: 'qwrtzp' }),
      fakeContents() as never,
      'en',
    );
    expect(labels(menu).slice(0, 2)).toEqual(['No suggestions', 'Add to dictionary']);
    expect(menu[0].enabled).toBe(false);
  });

  it('offers copy and select all on selected message text, and no paste where nothing can be typed', () => {
    const menu = contextMenuTemplate(params({ selectionText: 'Order 1234' }), fakeContents() as never, 'en');
    expect(labels(menu)).toEqual(['Copy', 'separator', 'Select all']);
    expect(menu.map((i) => i.role).filter(Boolean)).toEqual(['copy', 'selectAll']);
  });

  it('offers select all alone where nothing is selected or editable', () => {
    expect(labels(contextMenuTemplate(params({}), fakeContents() as never, 'en'))).toEqual(['Select all']);
  });
});

describe('the spell checker languages', () => {
  it("put the shop's language first and keep the other one", () => {
    expect(spellCheckerLanguages('de')).toEqual(['de-DE', 'en-US']);
    expect(spellCheckerLanguages('en')).toEqual(['en-US', 'de-DE']);
  });

  it('are set on the session, leaving out one this Electron has no dictionary for', () => {
    const session = { setSpellCheckerLanguages: vi.fn(), availableSpellCheckerLanguages: ['de-DE', 'en-GB', 'en-US'] };
    expect(applySpellCheckerLanguages(session, 'de')).toEqual(['de-DE', 'en-US']);
    expect(session.setSpellCheckerLanguages).toHaveBeenCalledWith(['de-DE', 'en-US']);
    const partial = { setSpellCheckerLanguages: vi.fn(), availableSpellCheckerLanguages: ['de-DE'] };
    applySpellCheckerLanguages(partial, 'en');
    expect(partial.setSpellCheckerLanguages).toHaveBeenCalledWith(['de-DE']);
  });

  it('are never downloaded from the network: the download URL is the app’s own protocol', () => {
    const session = { setSpellCheckerDictionaryDownloadURL: vi.fn() };
    keepDictionariesLocal(session);
    const url = new URL(session.setSpellCheckerDictionaryDownloadURL.mock.calls[0][0] as string);
    expect(url.protocol).toBe('app:');
  });

  it('are left to the system on macOS (no list of its own)', () => {
    const session = { setSpellCheckerLanguages: vi.fn(), availableSpellCheckerLanguages: [] };
    applySpellCheckerLanguages(session, 'de');
    expect(session.setSpellCheckerLanguages).not.toHaveBeenCalled();
  });
});
