import type { BrowserWindow, IpcMainInvokeEvent, WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES, type ContractHandlers } from '../../shared/contract.js';
import { ParleyError } from '../core/errors.js';
import { bindContract, FOREIGN_SENDER, forwardEvents, isRendererUrl, trustedSender } from './ipc.js';

const RENDERER_FILE = path.resolve('/app/out/renderer/index.html');
const RENDERER_URL = 'app://parley/index.html';

function fakeHandlers(overrides: Partial<Record<string, (input: never) => unknown>> = {}): ContractHandlers {
  const all: Record<string, unknown> = {};
  for (const name of CALL_NAMES) all[name] = vi.fn(async (input: unknown) => ({ echo: name, input }));
  return { ...all, ...overrides } as unknown as ContractHandlers;
}

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const channels = new Map<string, Handler>();
  return {
    channels,
    handle: vi.fn((channel: string, handler: Handler) => {
      if (channels.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      channels.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => void channels.delete(channel)),
  };
}

/** A main window whose main frame shows `url`, and an event from that frame (or another). */
function fakeWindow(url = RENDERER_URL) {
  const mainFrame = { processId: 4, routingId: 1, url };
  const webContents = { mainFrame, isDestroyed: () => false, send: vi.fn() };
  const window = { webContents, isDestroyed: () => false } as unknown as BrowserWindow;
  const eventFrom = (frame: object | null, sender: object = webContents) =>
    ({ senderFrame: frame, sender }) as unknown as IpcMainInvokeEvent;
  return { window, mainFrame, webContents, eventFrom };
}

function bound(handlers = fakeHandlers(), win = fakeWindow()) {
  const ipcMain = fakeIpcMain();
  const unbind = bindContract({
    ipcMain,
    handlers,
    isTrustedSender: trustedSender(() => win.window, { rendererUrl: RENDERER_URL }),
  });
  const invoke = (name: string, input: unknown, event = win.eventFrom(win.mainFrame)) =>
    ipcMain.channels.get(`parley:${name}`)!(event, input);
  return { ipcMain, unbind, invoke, handlers, win };
}

let stderr: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => stderr.mockRestore());

describe('bindContract', () => {
  it('binds every contract call once, as parley:<name>, and unbinds them all', () => {
    const { ipcMain, unbind } = bound();
    expect([...ipcMain.channels.keys()].sort()).toEqual(CALL_NAMES.map((n) => `parley:${n}`).sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(CALL_NAMES.length);
    unbind();
    expect(ipcMain.channels.size).toBe(0);
  });

  it('answers the main frame of our window with { ok: true, value }, input parsed (defaults applied)', async () => {
    const { invoke } = bound();
    expect(await invoke('inbox.search', { query: '  holz ' })).toEqual({
      ok: true,
      value: { echo: 'inbox.search', input: { query: 'holz', limit: 50 } },
    });
  });

  it.each([
    [
      'an iframe of the window (a mail preview)',
      (w: ReturnType<typeof fakeWindow>) => w.eventFrom({ processId: 4, routingId: 9, url: RENDERER_URL }),
    ],
    ['a frame that is gone', (w: ReturnType<typeof fakeWindow>) => w.eventFrom(null)],
    ['another WebContents', (w: ReturnType<typeof fakeWindow>) => w.eventFrom(w.mainFrame, { other: true })],
    [
      'the main frame navigated elsewhere',
      (w: ReturnType<typeof fakeWindow>) => w.eventFrom({ processId: 4, routingId: 1, url: 'https://evil.example/' }),
    ],
    [
      'another local file',
      (w: ReturnType<typeof fakeWindow>) => w.eventFrom({ processId: 4, routingId: 1, url: 'file:///tmp/evil.html' }),
    ],
  ])('refuses %s without calling the handler', async (_label, event) => {
    const { invoke, handlers, win } = bound();
    const answer = await invoke('conversation.get', { id: 1 }, event(win));
    expect(answer).toEqual({ ok: false, error: FOREIGN_SENDER });
    expect(handlers['conversation.get']).not.toHaveBeenCalled();
    expect(stderr).toHaveBeenCalledWith(
      expect.stringMatching(/^parley: refused conversation\.get from a foreign frame/),
    );
  });

  it('refuses every call when the window is closed', async () => {
    const handlers = fakeHandlers();
    const ipcMain = fakeIpcMain();
    const win = fakeWindow();
    bindContract({ ipcMain, handlers, isTrustedSender: trustedSender(() => null, { rendererUrl: RENDERER_URL }) });
    expect(await ipcMain.channels.get('parley:app.status')!(win.eventFrom(win.mainFrame), {})).toEqual({
      ok: false,
      error: FOREIGN_SENDER,
    });
  });

  it('rejects invalid input with EBADINPUT without calling the handler', async () => {
    const { invoke, handlers } = bound();
    const answer = (await invoke('senders.add', { email: 'not an address' })) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('EBADINPUT');
    expect(answer.error.message).toMatch(/^email: /);
    expect(handlers['senders.add']).not.toHaveBeenCalled();
  });

  it('maps a ParleyError to its { code, message, key, params } and a bug to "internal error"', async () => {
    const { invoke } = bound(
      fakeHandlers({
        'message.report': () => {
          throw new ParleyError('ENOTFOUND', 'No message 12', {
            detail: { key: 'message.notFound', params: { id: 12 } },
          });
        },
        'outbox.retry': () => {
          throw new RangeError('index 7 out of range in /src/outbox.ts');
        },
      }),
    );
    expect(await invoke('message.report', { messageId: 12, reason: 'spam' })).toEqual({
      ok: false,
      error: { code: 'ENOTFOUND', message: 'No message 12', key: 'message.notFound', params: { id: 12 } },
    });
    expect(await invoke('outbox.retry', { id: 7 })).toEqual({
      ok: false,
      error: { code: 'EINTERNAL', message: 'internal error' },
    });
    expect(stderr).toHaveBeenCalledWith(
      'parley: internal error in outbox.retry:',
      expect.stringContaining('RangeError'),
    );
  });
});

describe('isRendererUrl', () => {
  it('accepts our index.html with any fragment, and the dev server only when given', () => {
    expect(isRendererUrl(`${RENDERER_URL}#/conversation/3`, { rendererUrl: RENDERER_URL })).toBe(true);
    expect(isRendererUrl('http://localhost:5173/', { rendererUrl: RENDERER_URL })).toBe(false);
    expect(
      isRendererUrl('http://localhost:5173/index.html', {
        rendererUrl: RENDERER_URL,
        devServerUrl: 'http://localhost:5173/',
      }),
    ).toBe(true);
    expect(
      isRendererUrl('http://localhost:5174/', { rendererUrl: RENDERER_URL, devServerUrl: 'http://localhost:5173/' }),
    ).toBe(false);
    expect(isRendererUrl('not a url', { rendererUrl: RENDERER_URL })).toBe(false);
  });

  it('no longer trusts the same index.html over file://, nor another app:// host or page', () => {
    const where = { rendererUrl: RENDERER_URL };
    expect(isRendererUrl(pathToFileURL(RENDERER_FILE).href, where)).toBe(false);
    expect(isRendererUrl('app://other/index.html', where)).toBe(false);
    expect(isRendererUrl('app://parley/other.html', where)).toBe(false);
  });
});

describe('forwardEvents', () => {
  it('sends every event to the window as (parley:event, name, payload), and stops when unsubscribed', () => {
    let listener: ((name: string, payload: unknown) => void) | undefined;
    const events = {
      onEvent: vi.fn((l) => {
        listener = l;
        return () => {
          listener = undefined;
        };
      }),
    };
    const win = fakeWindow();
    const stop = forwardEvents(events, () => win.webContents as unknown as WebContents);
    listener?.('counts.changed', { 'response-needed': 4 });
    expect(win.webContents.send).toHaveBeenCalledWith('parley:event', 'counts.changed', { 'response-needed': 4 });
    stop();
    expect(listener).toBeUndefined();
  });

  it('forwards every event of the contract, each with its own payload', () => {
    let listener: ((name: string, payload: unknown) => void) | undefined;
    const win = fakeWindow();
    forwardEvents(
      {
        onEvent: (l) => {
          listener = l as never;
          return () => {};
        },
      },
      () => win.webContents as unknown as WebContents,
    );
    for (const name of EVENT_NAMES) listener?.(name, { of: name });
    expect(win.webContents.send.mock.calls).toEqual(EVENT_NAMES.map((name) => ['parley:event', name, { of: name }]));
  });

  it('drops events while there is no window', () => {
    let listener: ((name: string, payload: unknown) => void) | undefined;
    forwardEvents(
      {
        onEvent: (l) => {
          listener = l as never;
          return () => {};
        },
      },
      () => null,
    );
    expect(() => listener?.('relay.status', {})).not.toThrow();
  });
});
