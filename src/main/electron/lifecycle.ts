/**
 * How the desktop app lives beside the seller's day: closing the window hides it and the relay and the intake keep
 * running (told once, in a notification or a small dialog); only Quit (the tray, the menu, Cmd+Q) ends the process.
 * Also: starting with the system (a setting, off by default) and a notification click that opens its conversation.
 */
import type { App, Dialog, NotificationConstructorOptions, WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { IPC_CHANNELS } from '../../shared/contract-names.js';
import type { Language } from '../../shared/domain.js';
import { shellText } from './shell-strings.js';

/** The argument a start at login passes: the app starts in the tray, without a window in front. */
export const HIDDEN_ARG = '--hidden';

type CloseEvent = { preventDefault(): void };

export interface CloseToTrayDeps {
  /** The one-time hint; called on a hide while the setting says it was not shown yet. */
  hintShown(): boolean;
  showHint(): void;
}

/** Closing the window hides it unless the app is quitting; the relay is never stopped here. */
export class CloseToTray {
  private quitting = false;

  constructor(private readonly deps: CloseToTrayDeps) {}

  /** From 'before-quit': a close that follows is the end, not a hide. */
  quitRequested(): void {
    this.quitting = true;
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  watch(window: {
    on(event: 'close', listener: (event: CloseEvent) => void): unknown;
    on(event: 'session-end', listener: () => void): unknown;
    hide(): void;
  }): void {
    // Windows logging off or shutting down: a prevented close would hold the session up.
    window.on('session-end', () => this.quitRequested());
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
      if (!this.deps.hintShown()) this.deps.showHint();
    });
  }
}

export interface CloseHintDeps {
  Notification: {
    new (options: NotificationConstructorOptions): { show(): void };
    isSupported(): boolean;
  };
  dialog: Pick<Dialog, 'showMessageBox'>;
  language: () => Language;
  notificationsOn: () => boolean;
  /** Stores that the hint was shown (the setting `closeHintShown`). */
  remember: () => void;
}

/** The hint: a notification where the seller allows them, else a dialog without a parent window. */
export function showCloseHint(deps: CloseHintDeps): void {
  deps.remember();
  const language = deps.language();
  const title = shellText(language, 'closeHintTitle');
  const body = shellText(language, 'closeHintBody');
  if (deps.notificationsOn() && deps.Notification.isSupported()) {
    new deps.Notification({ title, body }).show();
    return;
  }
  void deps.dialog.showMessageBox({ type: 'info', title, message: title, detail: body, buttons: ['OK'] });
}

/**
 * The notification click's way to a conversation: the window comes forward and the renderer is told over the push
 * event path (a window still loading gets it once its page is there).
 */
export function conversationOpener(
  getContents: () => Pick<WebContents, 'send' | 'isLoading' | 'once' | 'isDestroyed'> | null | undefined,
  focusWindow: () => void,
): (conversationId: number) => void {
  return (conversationId) => {
    focusWindow();
    const contents = getContents();
    if (!contents || contents.isDestroyed()) return;
    const send = () => contents.send(IPC_CHANNELS.event, 'conversation.open', { conversationId });
    if (contents.isLoading()) contents.once('did-finish-load', send);
    else send();
  };
}

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getPath'>;
  platform: NodeJS.Platform;
  /** What the system starts: the AppImage where the app runs from one, else the executable. */
  executable: string;
  fs?: Pick<typeof fs, 'mkdirSync' | 'writeFileSync' | 'rmSync'>;
}

/**
 * Start at login on or off. Windows and macOS keep the login item; Linux desktops read an XDG autostart entry, which
 * Electron does not write, so it is written (or removed) here.
 */
export function applyStartAtLogin(deps: LoginItemDeps, enabled: boolean): void {
  deps.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
  if (deps.platform !== 'linux') return;
  const files = deps.fs ?? fs;
  const dir = path.join(deps.app.getPath('appData'), 'autostart');
  const file = path.join(dir, 'parley.desktop');
  if (!enabled) {
    files.rmSync(file, { force: true });
    return;
  }
  files.mkdirSync(dir, { recursive: true });
  const exec = `"${deps.executable.replace(/(["\\`$])/g, '\\$1')}" ${HIDDEN_ARG}`;
  files.writeFileSync(
    file,
    `[Desktop Entry]\nType=Application\nName=Parley\nExec=${exec}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n`,
  );
}

/** True when the system started the app at login: then it stays in the tray. */
export function startedAtLogin(
  argv: readonly string[],
  app: Partial<Pick<App, 'getLoginItemSettings'>>,
  platform: NodeJS.Platform,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && (app.getLoginItemSettings?.().wasOpenedAtLogin ?? false);
}
