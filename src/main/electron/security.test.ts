import { EventEmitter } from 'node:events';
import type { Session, WebContents, WebPreferences } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
  applyRendererCsp,
  denyPermissions,
  hardenWebContents,
  isSameDocument,
  secureWebPreferences,
} from './security.js';
import { createMainWindow, PRELOAD_PATH, RENDERER_FILE } from './window.js';

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
  it('answers every permission request and check with no', () => {
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((wc: unknown, permission: string) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: vi.fn((h: typeof requestHandler) => {
        requestHandler = h;
      }),
      setPermissionCheckHandler: vi.fn((h: typeof checkHandler) => {
        checkHandler = h;
      }),
    };
    denyPermissions(session as unknown as Session);

    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      requestHandler?.(null, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(checkHandler?.(null, permission)).toBe(false);
    }
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
    expect(window.loadFile).toHaveBeenCalledWith(RENDERER_FILE);
    expect(window.loadURL).not.toHaveBeenCalled();
  });

  it('load the dev server only when given one', () => {
    const window = createMainWindow({ devServerUrl: 'http://localhost:5173/' });
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(window.loadFile).not.toHaveBeenCalled();
  });
});

describe('isSameDocument', () => {
  it('ignores the fragment only', () => {
    expect(isSameDocument('file:///a/index.html#x', 'file:///a/index.html')).toBe(true);
    expect(isSameDocument('file:///a/other.html', 'file:///a/index.html')).toBe(false);
    expect(isSameDocument('http://localhost:5173/', 'http://localhost:5174/')).toBe(false);
  });
});

describe('applyRendererCsp', () => {
  type Listener = (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    callback: (response: object) => void,
  ) => void;
  function install() {
    let filter: { urls: string[] } | undefined;
    let listener: Listener | undefined;
    const session = {
      webRequest: {
        onHeadersReceived: (f: { urls: string[] }, l: Listener) => {
          filter = f;
          listener = l;
        },
      },
    };
    applyRendererCsp(
      session as unknown as Session,
      'file:///app/out/renderer',
      "default-src 'self'; frame-ancestors 'none'",
    );
    const answer = (url: string) => {
      let response: object | undefined;
      listener?.({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => {
        response = r;
      });
      return response;
    };
    return { filter, answer };
  }

  it('adds the policy as a header to the renderer files only', () => {
    const { filter, answer } = install();
    expect(filter).toEqual({ urls: ['file://*/*'] });
    expect(answer('file:///app/out/renderer/index.html')).toEqual({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': ["default-src 'self'; frame-ancestors 'none'"],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
    expect(answer('file:///app/out/renderer-other/x.html')).toEqual({});
    expect(answer('file:///etc/passwd')).toEqual({});
  });
});
