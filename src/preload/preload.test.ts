import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES, type EventName } from '../shared/contract.js';
import { buildParleyApi } from './api.js';

// The sandboxed preload's only imports are 'electron' (absent here) and src/shared.
const { exposed, ipc } = vi.hoisted(() => {
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    exposed: new Map<string, unknown>(),
    ipc: {
      listeners,
      invoke: vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null })),
      on: vi.fn(
        (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
          void listeners.set(channel, listener),
      ),
    },
  };
});
vi.mock('electron', () => {
  const contextBridge = { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) };
  return { contextBridge, ipcRenderer: ipc, default: { contextBridge, ipcRenderer: ipc } };
});

beforeEach(() => {
  ipc.invoke.mockClear();
});

describe('the preload', () => {
  it('exposes window.parley with every contract call, on() and transport "electron" — and nothing else', async () => {
    await import('./index.js');
    const api = exposed.get('parley') as Record<string, unknown>;
    expect([...exposed.keys()]).toEqual(['parley']);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'on', 'transport'].sort());
    for (const name of CALL_NAMES) expect(typeof api[name]).toBe('function');
    expect(api.transport).toBe('electron');
  });

  it('invokes parley:<name> with the input and resolves with the value', async () => {
    const api = buildParleyApi(ipc as never);
    ipc.invoke.mockResolvedValueOnce({ ok: true, value: { total: 1, offset: 0, rows: [] } });
    await expect(api['inbox.list']({ filter: 'all' })).resolves.toEqual({ total: 1, offset: 0, rows: [] });
    expect(ipc.invoke).toHaveBeenCalledWith('parley:inbox.list', { filter: 'all' });
  });

  it('rejects with a plain { code, message } (what survives the context bridge)', async () => {
    const api = buildParleyApi(ipc as never);
    ipc.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'EPOLICY', message: 'Blocked (R10)' } });
    const err = await api['composer.send']({ subject: 's', body: 'b' }).catch((e: unknown) => e);
    expect(err).toEqual({ code: 'EPOLICY', message: 'Blocked (R10)' });
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'parley:app.status'"));
    await expect(api['app.status']({})).rejects.toEqual({
      code: 'ENOTREADY',
      message: expect.stringMatching(/starting/),
    });
  });

  it('passes a failure’s message key and params on, as plain data', async () => {
    const api = buildParleyApi(ipc as never);
    const error = {
      code: 'EEXISTS',
      message: 'cs@x.example is taken',
      key: 'address.taken',
      params: { address: 'cs@x.example', shop: 'x' },
    };
    ipc.invoke.mockResolvedValueOnce({ ok: false, error });
    const err = await api['senders.add']({ email: 'cs@x.example' }).catch((e: unknown) => e);
    expect(err).toEqual(error);
    expect(Object.getPrototypeOf((err as typeof error).params)).toBe(Object.prototype);
  });

  it('hands event handlers the payload only, never the IPC event, and unsubscribes', () => {
    const api = buildParleyApi(ipc as never);
    const handler = vi.fn();
    const off = api.on('message.new', handler);
    const deliver = ipc.listeners.get('parley:event')!;
    const ipcEvent = { sender: { send: () => {} } };
    deliver(ipcEvent, 'message.new', { messageId: 3 });
    deliver(ipcEvent, 'counts.changed', { all: 1 });
    expect(handler).toHaveBeenCalledExactlyOnceWith({ messageId: 3 });
    off();
    deliver(ipcEvent, 'message.new', { messageId: 4 });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('delivers every contract event to its own subscribers, and refuses a name that is no event', () => {
    const api = buildParleyApi(ipc as never);
    const deliver = ipc.listeners.get('parley:event')!;
    const received = new Map<EventName, unknown[]>();
    for (const name of EVENT_NAMES)
      api.on(name, (payload) => received.set(name, [...(received.get(name) ?? []), payload]));
    for (const name of EVENT_NAMES) deliver({}, name, { of: name });
    deliver({}, 'not.an.event', { of: 'nothing' });
    expect(Object.fromEntries(received)).toEqual(Object.fromEntries(EVENT_NAMES.map((n) => [n, [{ of: n }]])));
    expect(EVENT_NAMES).toContain('job.progress');
    expect(() => api.on('not.an.event' as EventName, () => {})).toThrow(TypeError);
  });
});
