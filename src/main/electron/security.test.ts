import { EventEmitter } from 'node:events';
import type { Session, WebContents, WebPreferences } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN, RENDERER_URL } from './protocol.js';
import { denyPermissions, hardenWebContents, isSameDocument, originOf, secureWebPreferences } from './security.js';
import { createMainWindow, PRELOAD_PATH } from './window.js';

// Electron's binary is absent on build machines and `import 'electron'` throws under plain
// Node, so the module is replaced wholesale; window.ts only needs a BrowserWindow constructor.
const { constructed } = vi.hoisted(() => ({ constructed: [] as Array<{ webPreferences: WebPreferences }> }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    constructor(options: { webPreferences: WebPreferences }) {
      super();
      constructed.push(options);
    }
  }
  return { BrowserWindow, default: { BrowserWindow } };
});

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeWebContents extends EventEmitter {
  url = 'file:///app/out/renderer/index.html';
  windowOpenHandler: WindowOpenHandler | undefined;
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Emits like Electron does and reports whether a listener called preventDefault(). */
  attempt(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(
      event,
      {
        preventDefault: () => {
          prevented = true;
        },
      },
      ...args,
    );
    return prevented;
  }
}

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

describe('hardenWebContents', () => {
  it('denies window.open for every URL', () => {
    const contents = hardened();
    for (const url of ['https://example.com/', 'file:///etc/passwd', contents.url, 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each([
    ['another origin', 'https://evil.example/phish'],
    ['another file', 'file:///etc/passwd'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['not a URL', '::nonsense'],
  ])('prevents navigation to %s', (_label, url) => {
    expect(hardened().attempt('will-navigate', url)).toBe(true);
  });

  it('lets the window reload its own page', () => {
    const contents = hardened();
    expect(contents.attempt('will-navigate', contents.url)).toBe(false);
    expect(contents.attempt('will-navigate', `${contents.url}#conversation-7`)).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    expect(hardened().attempt('will-attach-webview', {}, {})).toBe(true);
  });
});

describe('denyPermissions', () => {
  type RequestHandler = (
    wc: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details?: { requestingUrl?: string },
  ) => void;
  type CheckHandler = (wc: unknown, permission: string, requestingOrigin: string) => boolean;
  function install(ownOrigins?: string[]) {
    let request: RequestHandler | undefined;
    let check: CheckHandler | undefined;
    const session = {
      setPermissionRequestHandler: vi.fn((h: RequestHandler) => {
        request = h;
      }),
      setPermissionCheckHandler: vi.fn((h: CheckHandler) => {
        check = h;
      }),
    };
    denyPermissions(session as unknown as Session, ownOrigins);
    const asks = (permission: string, url: string) => {
      const callback = vi.fn();
      request?.(null, permission, callback, { requestingUrl: url });
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0][0] as boolean;
    };
    const checks = (permission: string, origin: string) => check?.(null, permission, origin);
    return { asks, checks };
  }

  it('answers every other permission request and check with no, our own page included', () => {
    const { asks, checks } = install([APP_ORIGIN]);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(asks(permission, RENDERER_URL)).toBe(false);
      expect(checks(permission, APP_ORIGIN)).toBe(false);
    }
  });

  it('lets our own page write to the clipboard, so "Copy alias" works', () => {
    const { asks, checks } = install([APP_ORIGIN]);
    for (const permission of ['clipboard-sanitized-write', 'clipboard-write']) {
      expect(asks(permission, `${RENDERER_URL}#/conversation/4`)).toBe(true);
      expect(checks(permission, APP_ORIGIN)).toBe(true);
      expect(checks(permission, `${APP_ORIGIN}/`)).toBe(true);
    }
  });

  it.each([
    ['another web origin', 'https://evil.example/x'],
    ['another app:// host', 'app://other/index.html'],
    ['our index.html over file://', 'file:///app/out/renderer/index.html'],
    ["a mail's srcdoc iframe", 'about:srcdoc'],
    ['an opaque origin', 'null'],
    ['no URL at all', ''],
  ])('refuses clipboard writes to %s', (_label, url) => {
    const { asks, checks } = install([APP_ORIGIN]);
    expect(asks('clipboard-sanitized-write', url)).toBe(false);
    expect(checks('clipboard-sanitized-write', url)).toBe(false);
  });

  it('grants nothing when given no origin of its own', () => {
    const { asks } = install();
    expect(asks('clipboard-sanitized-write', RENDERER_URL)).toBe(false);
  });

  it('knows the dev server as ours only when told', () => {
    const { asks } = install([APP_ORIGIN, 'http://localhost:5173/']);
    expect(asks('clipboard-sanitized-write', 'http://localhost:5173/index.html')).toBe(true);
    expect(asks('clipboard-sanitized-write', 'http://localhost:5174/index.html')).toBe(false);
  });

  it('spells out origins of custom schemes (Node says "null" for them)', () => {
    expect(originOf('app://parley/index.html#x')).toBe('app://parley');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('::nonsense')).toBeNull();
  });
});

describe('web preferences', () => {
  const secure = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
  };

  it('isolate and sandbox the renderer', () => {
    expect(secureWebPreferences('/x/preload.cjs')).toMatchObject({ ...secure, preload: '/x/preload.cjs' });
  });

  beforeEach(() => {
    constructed.length = 0;
  });

  it('are the ones the main window is created with, with the CommonJS preload', () => {
    const window = createMainWindow();
    expect(constructed).toHaveLength(1);
    expect(constructed[0].webPreferences).toMatchObject({ ...secure, preload: PRELOAD_PATH });
    expect(PRELOAD_PATH).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith(RENDERER_URL);
    expect(RENDERER_URL).toBe('app://parley/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('load the dev server only when given one', () => {
    const window = createMainWindow({ devServerUrl: 'http://localhost:5173/' });
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/');
  });
});

describe('isSameDocument', () => {
  it('ignores the fragment only', () => {
    expect(isSameDocument('file:///a/index.html#x', 'file:///a/index.html')).toBe(true);
    expect(isSameDocument('file:///a/other.html', 'file:///a/index.html')).toBe(false);
    expect(isSameDocument('http://localhost:5173/', 'http://localhost:5174/')).toBe(false);
  });
});
