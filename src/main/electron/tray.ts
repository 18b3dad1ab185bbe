/**
 * The tray icon's menu (Windows, Linux) and the dock's menu (macOS): the count needing a response, open, pause or
 * resume the relay, quit. The relay keeps running while the window is closed, so this menu is how the seller reaches
 * Parley then; quitting from here is what stops the relay.
 */
import type { Menu as ElectronMenu, MenuItemConstructorOptions, Tray } from 'electron';
import type { Language } from '../../shared/domain.js';
import { shellText } from './shell-strings.js';

export interface TrayState {
  language: Language;
  /** Messages needing a response (R20). */
  needResponse: number;
  /** The seller paused the relay from this menu (and it has not started again since). */
  paused: boolean;
}

export interface TrayActions {
  open(): void;
  pauseRelay(): void;
  resumeRelay(): void;
  quit(): void;
}

/** "Parley: 3 messages need a response", the line the tooltip and the menu's first (disabled) item show. */
export function countLine(language: Language, n: number): string {
  const key = n === 0 ? 'trayNone' : n === 1 ? 'trayOne' : 'trayMany';
  return shellText(language, key, { n });
}

/** The menu; the dock's leaves out Quit (macOS puts its own there). */
export function trayMenu(state: TrayState, actions: TrayActions, { quit = true } = {}): MenuItemConstructorOptions[] {
  const { language } = state;
  const items: MenuItemConstructorOptions[] = [
    { label: countLine(language, state.needResponse), enabled: false },
    { type: 'separator' },
    { label: shellText(language, 'trayOpen'), click: () => actions.open() },
    state.paused
      ? { label: shellText(language, 'trayResume'), click: () => actions.resumeRelay() }
      : { label: shellText(language, 'trayPause'), click: () => actions.pauseRelay() },
  ];
  if (quit) items.push({ type: 'separator' }, { label: shellText(language, 'trayQuit'), click: () => actions.quit() });
  return items;
}

export interface ShellTrayDeps {
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu };
  /** The tray icon, where the desktop has one; null on macOS (the dock) or where creating it failed. */
  tray: Pick<Tray, 'setContextMenu' | 'setToolTip'> | null;
  /** macOS: app.dock. */
  dock?: { setMenu(menu: ElectronMenu): void } | null;
  actions: TrayActions;
}

/** Keeps the tray's menu and tooltip (and the dock's menu) in step with the count, the relay and the language. */
export class ShellTray {
  private state: TrayState;

  constructor(
    private readonly deps: ShellTrayDeps,
    initial: Partial<TrayState> = {},
  ) {
    this.state = { language: 'en', needResponse: 0, paused: false, ...initial };
    this.render();
  }

  get current(): TrayState {
    return { ...this.state };
  }

  update(change: Partial<TrayState>): void {
    const next = { ...this.state, ...change };
    if (
      next.language === this.state.language &&
      next.needResponse === this.state.needResponse &&
      next.paused === this.state.paused
    )
      return;
    this.state = next;
    this.render();
  }

  private render(): void {
    const { tray, dock, Menu } = this.deps;
    const count = countLine(this.state.language, this.state.needResponse);
    if (tray) {
      tray.setContextMenu(Menu.buildFromTemplate(trayMenu(this.state, this.deps.actions)));
      tray.setToolTip(this.state.paused ? `${count}\n${shellText(this.state.language, 'trayPaused')}` : count);
    }
    dock?.setMenu(Menu.buildFromTemplate(trayMenu(this.state, this.deps.actions, { quit: false })));
  }
}
