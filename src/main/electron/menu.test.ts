import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, installAppMenu } from './menu.js';

/** Every role and label in the menu, depth first. */
function entries(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? entries(item.submenu) : []),
  ]);
}

describe('the application menu', () => {
  it('has no DevTools nor reload in the packaged app', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const all = entries(appMenuTemplate({ isPackaged: true, platform, language: 'en' }));
      expect(all).not.toContain('toggleDevTools');
      expect(all).not.toContain('reload');
      expect(all).not.toContain('forceReload');
      expect(all).not.toContain('View');
    }
  });

  it('offers reload and DevTools in development', () => {
    const all = entries(appMenuTemplate({ isPackaged: false, platform: 'linux', language: 'en' }));
    expect(all).toEqual(expect.arrayContaining(['View', 'reload', 'toggleDevTools']));
  });

  it('has Edit with the clipboard roles, Window and Help, in the seller’s language', () => {
    const en = appMenuTemplate({ isPackaged: true, platform: 'win32', language: 'en' });
    expect(en.map((m) => m.label)).toEqual(['Edit', 'Window', 'Help']);
    expect(entries([en[0]])).toEqual(['Edit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    const de = appMenuTemplate({ isPackaged: true, platform: 'win32', language: 'de' });
    expect(de.map((m) => m.label)).toEqual(['Bearbeiten', 'Fenster', 'Hilfe']);
    expect(entries(de)).toContain('Über Parley');
  });

  it('starts with the app menu on macOS', () => {
    expect(appMenuTemplate({ isPackaged: true, platform: 'darwin', language: 'en' })[0]).toEqual({ role: 'appMenu' });
  });

  it('is installed as the application menu', () => {
    const built = { items: [] };
    const Menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() };
    installAppMenu(Menu as never, { isPackaged: true, platform: 'linux', language: 'de' });
    expect(Menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(built);
    const template = Menu.buildFromTemplate.mock.calls[0] as unknown as [MenuItemConstructorOptions[]];
    expect(entries(template[0])).not.toContain('toggleDevTools');
  });
});
