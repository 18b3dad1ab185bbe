import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyStartAtLogin,
  CloseToTray,
  conversationOpener,
  HIDDEN_ARG,
  showCloseHint,
  startedAtLogin,
} from './lifecycle.js';

class FakeWindow extends EventEmitter {
  hide = vi.fn();
  /** What the OS does on the close button: emit 'close'; the window goes unless a listener prevents it. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

describe('closing the window', () => {
  it('hides it, shows the hint once, and lets it go only when the app quits', () => {
    let shown = false;
    const showHint = vi.fn(() => (shown = true));
    const closing = new CloseToTray({ hintShown: () => shown, showHint });
    const window = new FakeWindow();
    closing.watch(window);
    expect(window.close()).toBe(false);
    expect(window.hide).toHaveBeenCalledOnce();
    expect(window.close()).toBe(false);
    expect(showHint).toHaveBeenCalledOnce();
    closing.quitRequested();
    expect(window.close()).toBe(true);
    expect(window.hide).toHaveBeenCalledTimes(2);
  });

  it('lets the window go when Windows ends the session', () => {
    const closing = new CloseToTray({ hintShown: () => true, showHint: vi.fn() });
    const window = new FakeWindow();
    closing.watch(window);
    window.emit('session-end');
    expect(window.close()).toBe(true);
    expect(window.hide).not.toHaveBeenCalled();
  });
});

describe('the one-time hint', () => {
  function deps(notificationsOn: boolean, supported = true) {
    const shown: Array<{ title?: string; body?: string }> = [];
    class FakeNotification {
      static isSupported = () => supported;
      constructor(readonly options: { title?: string; body?: string }) {}
      show() {
        shown.push(this.options);
      }
    }
    const dialog = { showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) };
    const remember = vi.fn();
    return {
      shown,
      dialog,
      remember,
      hint: {
        Notification: FakeNotification,
        dialog,
        language: () => 'de' as const,
        notificationsOn: () => notificationsOn,
        remember,
      },
    };
  }

  it('is a notification where they are on, and is remembered', () => {
    const d = deps(true);
    showCloseHint(d.hint);
    expect(d.shown).toEqual([{ title: 'Parley läuft weiter', body: expect.stringContaining('Käufer-Mails') }]);
    expect(d.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(d.remember).toHaveBeenCalledOnce();
  });

  it('is a dialog when the seller turned notifications off', () => {
    const d = deps(false);
    showCloseHint(d.hint);
    expect(d.shown).toHaveLength(0);
    expect(d.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ title: 'Parley läuft weiter' }));
    expect(d.remember).toHaveBeenCalledOnce();
  });
});

describe('a notification click', () => {
  function contents(loading: boolean) {
    const emitter = new EventEmitter();
    return Object.assign(emitter, {
      send: vi.fn(),
      isLoading: () => loading,
      isDestroyed: () => false,
    });
  }

  it('focuses the window and tells the page to open that conversation', () => {
    const page = contents(false);
    const focus = vi.fn();
    conversationOpener(() => page as never, focus)(7);
    expect(focus).toHaveBeenCalledOnce();
    expect(page.send).toHaveBeenCalledWith('parley:event', 'conversation.open', { conversationId: 7 });
  });

  it('waits for a page still loading (a window opened by the click)', () => {
    const page = contents(true);
    conversationOpener(() => page as never, vi.fn())(3);
    expect(page.send).not.toHaveBeenCalled();
    page.emit('did-finish-load');
    expect(page.send).toHaveBeenCalledWith('parley:event', 'conversation.open', { conversationId: 3 });
  });
});

describe('start at login', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets the login item, hidden in the tray (Windows, macOS)', () => {
    const app = { setLoginItemSettings: vi.fn(), getPath: vi.fn() };
    applyStartAtLogin({ app, platform: 'win32', executable: 'C:\\Parley\\Parley.exe' }, true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: [HIDDEN_ARG] });
    applyStartAtLogin({ app, platform: 'darwin', executable: '/Applications/Parley.app' }, false);
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: [HIDDEN_ARG] });
    expect(app.getPath).not.toHaveBeenCalled();
  });

  it('writes and removes the XDG autostart entry on Linux', () => {
    const appData = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-autostart-'));
    dirs.push(appData);
    const app = { setLoginItemSettings: vi.fn(), getPath: vi.fn(() => appData) };
    const entry = path.join(appData, 'autostart', 'parley.desktop');
    applyStartAtLogin({ app, platform: 'linux', executable: '/opt/Parley/parley' }, true);
    expect(fs.readFileSync(entry, 'utf8')).toContain(`Exec="/opt/Parley/parley" ${HIDDEN_ARG}\n`);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: [HIDDEN_ARG] });
    applyStartAtLogin({ app, platform: 'linux', executable: '/opt/Parley/parley' }, false);
    expect(fs.existsSync(entry)).toBe(false);
  });

  it('knows a start at login: the argument, or macOS saying so', () => {
    expect(startedAtLogin(['parley', HIDDEN_ARG], {}, 'win32')).toBe(true);
    expect(startedAtLogin(['parley'], {}, 'linux')).toBe(false);
    const mac = { getLoginItemSettings: () => ({ wasOpenedAtLogin: true }) as never };
    expect(startedAtLogin(['Parley'], mac, 'darwin')).toBe(true);
  });
});
