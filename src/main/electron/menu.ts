/**
 * The application menu. Edit carries the clipboard shortcuts (on macOS they work only through menu roles), Window and
 * Help the usual entries. Reload and DevTools exist only in development: a packaged app has no View menu, and since
 * this menu replaces Electron's default one, their shortcuts (Ctrl+R, Ctrl+Shift+I) are gone with it.
 */
import type { Menu as ElectronMenu, MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/domain.js';

const WORDS = {
  edit: { en: 'Edit', de: 'Bearbeiten' },
  view: { en: 'View', de: 'Ansicht' },
  window: { en: 'Window', de: 'Fenster' },
  help: { en: 'Help', de: 'Hilfe' },
  about: { en: 'About Parley', de: 'Über Parley' },
} satisfies Record<string, Record<Language, string>>;

export interface AppMenuOptions {
  /** app.isPackaged: false in development, where View offers reload and DevTools. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  language: Language;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const word = (key: keyof typeof WORDS) => WORDS[key][options.language];
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push({
    label: word('edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  if (!options.isPackaged) {
    template.push({
      label: word('view'),
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  template.push({
    label: word('window'),
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  template.push({ label: word('help'), role: 'help', submenu: [{ label: word('about'), role: 'about' }] });
  return template;
}

/** Builds and installs the menu; call again when the seller switches the UI language. */
export function installAppMenu(
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate' | 'setApplicationMenu'>,
  options: AppMenuOptions,
): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
