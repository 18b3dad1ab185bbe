import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ShellTray, trayMenu, type TrayActions } from './tray.js';

function actions() {
  const act = { open: vi.fn(), pauseRelay: vi.fn(), resumeRelay: vi.fn(), quit: vi.fn() };
  return act satisfies TrayActions;
}
const labels = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.label).map((i) => i.label);
const click = (items: MenuItemConstructorOptions[], label: string) =>
  (items.find((i) => i.label === label)?.click as (() => void) | undefined)?.();

describe('the tray menu', () => {
  it('shows the count needing a response, open, pause and quit, in the seller’s language', () => {
    const menu = trayMenu({ language: 'de', needResponse: 3, paused: false }, actions());
    expect(labels(menu)).toEqual([
      'Parley: 3 Nachrichten warten auf Antwort',
      'Parley öffnen',
      'Relay anhalten',
      'Parley beenden',
    ]);
    expect(menu[0].enabled).toBe(false);
  });

  it('offers to resume a paused relay, and each item does what it says', () => {
    const act = actions();
    const paused = trayMenu({ language: 'en', needResponse: 0, paused: true }, act);
    expect(labels(paused)).toEqual([
      'Parley: no message needs a response',
      'Open Parley',
      'Resume relay',
      'Quit Parley',
    ]);
    click(paused, 'Resume relay');
    click(paused, 'Open Parley');
    click(paused, 'Quit Parley');
    click(trayMenu({ language: 'en', needResponse: 0, paused: false }, act), 'Pause relay');
    expect(act.resumeRelay).toHaveBeenCalledOnce();
    expect(act.open).toHaveBeenCalledOnce();
    expect(act.quit).toHaveBeenCalledOnce();
    expect(act.pauseRelay).toHaveBeenCalledOnce();
  });

  it('leaves Quit out of the macOS dock menu (the dock has its own)', () => {
    expect(labels(trayMenu({ language: 'en', needResponse: 1, paused: false }, actions(), { quit: false }))).toEqual([
      'Parley: 1 message needs a response',
      'Open Parley',
      'Pause relay',
    ]);
  });
});

describe('ShellTray', () => {
  function setup(withDock = false) {
    const built: MenuItemConstructorOptions[][] = [];
    const Menu = { buildFromTemplate: vi.fn((t: MenuItemConstructorOptions[]) => (built.push(t), t) as never) };
    const tray = { setContextMenu: vi.fn(), setToolTip: vi.fn() };
    const dock = withDock ? { setMenu: vi.fn() } : null;
    const shell = new ShellTray({ Menu, tray: withDock ? null : tray, dock, actions: actions() }, { language: 'en' });
    return { built, tray, dock, shell };
  }

  it('follows the count and the pause in the menu and the tooltip', () => {
    const { built, tray, shell } = setup();
    shell.update({ needResponse: 2 });
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Parley: 2 messages need a response');
    expect(labels(built.at(-1)!)[0]).toBe('Parley: 2 messages need a response');
    shell.update({ paused: true });
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Parley: 2 messages need a response\nParley: relay paused');
    expect(labels(built.at(-1)!)).toContain('Resume relay');
    shell.update({ language: 'de', paused: false });
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Parley: 2 Nachrichten warten auf Antwort');
  });

  it('does not rebuild the menu when nothing changed', () => {
    const { built, shell } = setup();
    const before = built.length;
    shell.update({ needResponse: 0, paused: false, language: 'en' });
    expect(built).toHaveLength(before);
  });

  it('sets the dock menu on macOS, where there is no tray icon', () => {
    const { dock, shell } = setup(true);
    shell.update({ needResponse: 4 });
    expect(dock?.setMenu).toHaveBeenCalledTimes(2);
  });
});
