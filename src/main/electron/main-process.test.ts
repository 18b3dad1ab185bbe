import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, type FilterCounts } from '../../shared/contract.js';

// The whole main process with `electron` and the app service replaced: does index.ts wire the
// contract, the badge, notifications and shutdown to the service it creates?
const h = vi.hoisted(() => ({
  appEvents: new Map<string, Array<(...args: unknown[]) => void>>(),
  ipcChannels: new Map<string, (...args: unknown[]) => unknown>(),
  windows: [] as unknown[],
  notifications: [] as Array<{ options: { title: string; body: string } }>,
  trays: [] as Array<{ tooltip: string }>,
  service: null as null | Record<string, unknown>,
  serviceListeners: [] as Array<(name: string, payload: unknown) => void>,
  createOptions: [] as unknown[],
  csp: [] as unknown[],
  schemes: [] as unknown[],
  menus: [] as unknown[],
}));

const counts = (n: number): FilterCounts => ({
  'response-needed': n,
  all: 12,
  sent: 1,
  undeliverable: 0,
  reported: 0,
  'no-response': 0,
  drafts: 0,
  outbox: 0,
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const on = (event: string, fn: (...args: unknown[]) => void) => {
    h.appEvents.set(event, [...(h.appEvents.get(event) ?? []), fn]);
  };
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(),
    on: vi.fn(on),
    whenReady: vi.fn(async () => undefined),
    getPath: vi.fn(() => '/tmp/parley-user-data'),
    setPath: vi.fn(),
    getVersion: () => '0.1.0',
    getAppPath: () => '/repo',
    getLocale: () => 'en-US',
    setLoginItemSettings: vi.fn(),
    setBadgeCount: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  class BrowserWindow extends Emitter {
    static getAllWindows = () => h.windows;
    webContents = {
      mainFrame: { processId: 1, routingId: 1, url: 'file:///repo/out/renderer/index.html' },
      isDestroyed: () => false,
      send: vi.fn(),
      isLoading: () => false,
      once: vi.fn(),
    };
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    hide = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isFocused = () => false;
    isDestroyed = () => false;
    constructor() {
      super();
      h.windows.push(this);
    }
  }
  class Tray {
    tooltip = '';
    constructor() {
      h.trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    on = vi.fn();
    setContextMenu = vi.fn();
    destroy = vi.fn();
  }
  class Notification {
    static isSupported = () => true;
    constructor(readonly options: { title: string; body: string }) {}
    on = vi.fn();
    show() {
      h.notifications.push(this);
    }
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setSpellCheckerDictionaryDownloadURL: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn((...args: unknown[]) => void h.csp.push(args)) },
    },
  };
  const electron = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    session,
    ipcMain: {
      handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => void h.ipcChannels.set(channel, fn)),
      removeHandler: vi.fn((c: string) => void h.ipcChannels.delete(c)),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn((menu: unknown) => void h.menus.push(menu)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: unknown) => void h.schemes.push(schemes)),
      handle: vi.fn((...args: unknown[]) => void h.csp.push(args)),
    },
    dialog: { showErrorBox: vi.fn() },
    shell: { openPath: vi.fn(async () => ''), openExternal: vi.fn(async () => undefined) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
  };
  return { ...electron, default: electron };
});

vi.mock('../core/app/index.js', async () => {
  const { CALL_NAMES: names } = await import('../../shared/contract.js');
  return {
    createAppService: vi.fn(async (options: unknown) => {
      h.createOptions.push(options);
      const handlers: Record<string, unknown> = {};
      for (const name of names) handlers[name] = vi.fn(async () => ({}));
      const desktop = { notifications: true, startAtLogin: false, closeHintShown: false };
      handlers['app.status'] = vi.fn(async () => ({
        firstRun: false,
        ui: { language: 'de', theme: 'system', ...desktop },
      }));
      handlers['inbox.counts'] = vi.fn(async () => counts(2));
      handlers['settings.update'] = vi.fn(async () => ({
        firstRun: false,
        ui: { language: 'en', theme: 'dark', ...desktop },
      }));
      h.service = {
        handlers,
        onEvent: vi.fn((listener: (name: string, payload: unknown) => void) => {
          h.serviceListeners.push(listener);
          return () => {};
        }),
        start: vi.fn(async () => undefined),
        stop: vi.fn(async () => undefined),
        pauseRelay: vi.fn(async () => undefined),
        resumeRelay: vi.fn(async () => undefined),
      };
      return h.service;
    }),
  };
});

afterAll(() => vi.resetModules());

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
const emit = (name: string, payload: unknown) => h.serviceListeners.forEach((l) => l(name, payload));

describe('the Electron main process', async () => {
  const electron = await import('electron');
  await import('./index.js');
  await settle();
  const window = h.windows[0] as EventEmitter & { webContents: { send: ReturnType<typeof vi.fn> } };

  it('creates the app service in the user-data folder with the safeStorage secrets', () => {
    expect(h.createOptions).toHaveLength(1);
    expect(h.createOptions[0]).toMatchObject({
      dataDir: '/tmp/parley-user-data',
      version: '0.1.0',
      secrets: expect.objectContaining({ file: expect.stringContaining('secrets.safe.json') }),
    });
    expect(h.service?.start).toHaveBeenCalledOnce();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('opens the logs folder with the system’s file manager (Settings → Log)', async () => {
    const { openFolder } = h.createOptions[0] as { openFolder: (folder: string) => Promise<string> };
    expect(await openFolder('/tmp/parley-user-data/logs')).toBe('');
    expect(electron.shell.openPath).toHaveBeenCalledWith('/tmp/parley-user-data/logs');
  });

  it('binds every contract call to IPC before the window opens', () => {
    expect([...h.ipcChannels.keys()].sort()).toEqual(CALL_NAMES.map((n) => `parley:${n}`).sort());
    expect(h.windows).toHaveLength(1);
  });

  it('serves the renderer on app:// (privileged before ready) and loads it from there', () => {
    expect(h.schemes).toEqual([[expect.objectContaining({ scheme: 'app' })]]);
    expect(h.csp).toEqual([['app', expect.any(Function)]]);
    expect((h.windows[0] as { loadURL: ReturnType<typeof vi.fn> }).loadURL).toHaveBeenCalledWith(
      'app://parley/index.html',
    );
  });

  it('sets the installer’s AppUserModelId and a menu without DevTools only in development', () => {
    expect(electron.app.setAppUserModelId).toHaveBeenCalledWith('app.parley.desktop');
    expect(h.menus.length).toBeGreaterThan(0);
    const last = JSON.stringify(h.menus.at(-1));
    expect(last).toContain('toggleDevTools'); // app.isPackaged is false here
  });

  it('shows the response-needed count at start and follows counts.changed, in the seller’s language', () => {
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(2);
    emit('counts.changed', counts(5));
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(5);
    expect(h.trays[0].tooltip).toBe('Parley: 5 Nachrichten warten auf Antwort');
    expect(window.webContents.send).toHaveBeenCalledWith('parley:event', 'counts.changed', counts(5));
  });

  it('switches the shell’s language when the seller changes it', async () => {
    const frame = (window as unknown as { webContents: { mainFrame: { url: string } } }).webContents.mainFrame;
    frame.url = 'app://parley/index.html';
    const answer = await h.ipcChannels.get('parley:settings.update')!(
      { senderFrame: frame, sender: window.webContents },
      { ui: { language: 'en' } },
    );
    expect(answer).toMatchObject({ ok: true, value: { ui: { language: 'en' } } });
    emit('counts.changed', counts(1));
    expect(h.trays[0].tooltip).toBe('Parley: 1 message needs a response');
  });

  it('notifies a new buyer message', () => {
    emit('message.new', {
      conversationId: 1,
      messageId: 2,
      direction: 'buyer-to-seller',
      fromLabel: 'James Carter',
      subject: 'Delivery note',
    });
    expect(h.notifications.map((n) => n.options)).toEqual([
      { title: 'New message from James Carter', body: 'Delivery note' },
    ]);
  });

  const trayItems = () => {
    const calls = (h.trays[0] as unknown as { setContextMenu: ReturnType<typeof vi.fn> }).setContextMenu.mock.calls;
    return (calls.at(-1)![0] as { template: Array<{ label?: string; click?: () => void }> }).template;
  };
  const trayClick = (label: string) => trayItems().find((i) => i.label === label)!.click!();
  const trusted = () => {
    const contents = (window as unknown as { webContents: { mainFrame: { url: string } } }).webContents;
    return { senderFrame: contents.mainFrame, sender: contents };
  };

  it('keeps the relay running when the window is closed: it hides, with a one-time hint', async () => {
    const shown = h.notifications.length;
    const win = window as unknown as EventEmitter & { hide: ReturnType<typeof vi.fn> };
    const close = vi.fn();
    win.emit('close', { preventDefault: close });
    expect(close).toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalledOnce();
    expect(h.service?.stop).not.toHaveBeenCalled();
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(h.ipcChannels.size).toBeGreaterThan(0);
    expect(h.notifications.slice(shown).map((n) => n.options.title)).toEqual(['Parley keeps running']);
    expect((h.service!.handlers as Record<string, ReturnType<typeof vi.fn>>)['settings.update']).toHaveBeenCalledWith({
      ui: { closeHintShown: true },
    });
    win.emit('close', { preventDefault: vi.fn() });
    expect(h.notifications.length).toBe(shown + 1); // the hint comes once
    // No window-all-closed quit either: the process stays for the relay.
    for (const listener of h.appEvents.get('window-all-closed') ?? []) listener();
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('opens the conversation of a clicked notification', () => {
    const before = h.notifications.length;
    emit('message.new', {
      conversationId: 4,
      messageId: 8,
      direction: 'buyer-to-seller',
      fromLabel: 'Anna Schmidt',
      subject: 'Rechnung',
    });
    const notification = h.notifications[before] as unknown as { on: ReturnType<typeof vi.fn> };
    const onClick = notification.on.mock.calls.find((c) => c[0] === 'click')![1] as () => void;
    onClick();
    const win = window as unknown as { show: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn> };
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenLastCalledWith('parley:event', 'conversation.open', {
      conversationId: 4,
    });
  });

  it('shows no notification once the seller turned them off', async () => {
    const update = (h.service!.handlers as Record<string, ReturnType<typeof vi.fn>>)['settings.update'];
    const off = { language: 'en', theme: 'dark', notifications: false, startAtLogin: false, closeHintShown: true };
    update.mockResolvedValueOnce({ firstRun: false, ui: off });
    await h.ipcChannels.get('parley:settings.update')!(trusted(), { ui: { notifications: false } });
    const before = h.notifications.length;
    emit('message.new', {
      conversationId: 5,
      messageId: 9,
      direction: 'buyer-to-seller',
      fromLabel: 'B',
      subject: 'x',
    });
    expect(h.notifications).toHaveLength(before);
  });

  it('turns start at login on through the setting', async () => {
    const update = (h.service!.handlers as Record<string, ReturnType<typeof vi.fn>>)['settings.update'];
    const on = { language: 'en', theme: 'dark', notifications: true, startAtLogin: true, closeHintShown: true };
    update.mockResolvedValueOnce({ firstRun: false, ui: on });
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' }); // no XDG autostart file written from here
    try {
      await h.ipcChannels.get('parley:settings.update')!(trusted(), { ui: { startAtLogin: true } });
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(electron.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('pauses and resumes the relay from the tray', async () => {
    trayClick('Pause relay');
    await settle();
    expect(h.service?.pauseRelay).toHaveBeenCalledOnce();
    trayClick('Resume relay');
    await settle();
    expect(h.service?.resumeRelay).toHaveBeenCalledOnce();
    expect(trayItems().map((i) => i.label)).toContain('Pause relay');
  });

  it('quits from the tray', () => {
    trayClick('Quit Parley');
    expect(electron.app.quit).toHaveBeenCalledOnce();
  });

  it('stops the service on quit before letting the app go', async () => {
    const preventDefault = vi.fn();
    for (const listener of h.appEvents.get('before-quit') ?? []) listener({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(h.service?.stop).toHaveBeenCalledOnce();
    expect(h.ipcChannels.size).toBe(0);
    await settle();
    expect(electron.app.quit).toHaveBeenCalled();
    // The second before-quit (from that app.quit()) lets the process end.
    const again = vi.fn();
    for (const listener of h.appEvents.get('before-quit') ?? []) listener({ preventDefault: again });
    expect(again).not.toHaveBeenCalled();
    // Once quitting, closing the window is not turned into a hide.
    const close = vi.fn();
    window.emit('close', { preventDefault: close });
    expect(close).not.toHaveBeenCalled();
  });
});
