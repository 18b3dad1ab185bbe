import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
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
    enableSandbox: vi.fn(),
    on: vi.fn(on),
    whenReady: vi.fn(async () => undefined),
    getPath: vi.fn(() => '/tmp/parley-user-data'),
    setPath: vi.fn(),
    getVersion: () => '0.1.0',
    getAppPath: () => '/repo',
    getLocale: () => 'en-US',
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
    };
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
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
    Menu: { buildFromTemplate: vi.fn(() => ({})) },
    dialog: { showErrorBox: vi.fn() },
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
      handlers['app.status'] = vi.fn(async () => ({ firstRun: false, ui: { language: 'de', theme: 'system' } }));
      handlers['inbox.counts'] = vi.fn(async () => counts(2));
      handlers['settings.update'] = vi.fn(async () => ({ firstRun: false, ui: { language: 'en', theme: 'dark' } }));
      h.service = {
        handlers,
        onEvent: vi.fn((listener: (name: string, payload: unknown) => void) => {
          h.serviceListeners.push(listener);
          return () => {};
        }),
        start: vi.fn(async () => undefined),
        stop: vi.fn(async () => undefined),
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

  it('binds every contract call to IPC before the window opens', () => {
    expect([...h.ipcChannels.keys()].sort()).toEqual(CALL_NAMES.map((n) => `parley:${n}`).sort());
    expect(h.windows).toHaveLength(1);
  });

  it('sets the CSP header for the renderer files', () => {
    expect(h.csp).toHaveLength(1);
  });

  it('shows the response-needed count at start and follows counts.changed, in the seller’s language', () => {
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(2);
    emit('counts.changed', counts(5));
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(5);
    expect(h.trays[0].tooltip).toBe('Parley: 5 Nachrichten warten auf Antwort');
    expect(window.webContents.send).toHaveBeenCalledWith('parley:event', 'counts.changed', counts(5));
  });

  it('switches the shell’s language when the seller changes it', async () => {
    const { RENDERER_FILE } = await import('./window.js');
    const frame = (window as unknown as { webContents: { mainFrame: { url: string } } }).webContents.mainFrame;
    frame.url = pathToFileURL(RENDERER_FILE).href;
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
  });
});
