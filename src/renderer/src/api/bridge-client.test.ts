// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES, type EventName } from '../../../shared/contract';
import { createBridgeClient, TOKEN_KEY, type BridgeClientDeps } from './bridge-client';
import { useLanguage } from '../i18n';
import { ApiError, failure, toApiError, withApiErrors } from './errors';

/** Just enough of EventSource: the client's listeners, and a way to play the server. */
class FakeEventSource {
  static all: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  listeners = new Map<string, (e: { data: string }) => void>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(name: string, listener: (e: { data: string }) => void) {
    this.listeners.set(name, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  push(name: string, payload: unknown) {
    this.listeners.get(name)?.({ data: JSON.stringify(payload) });
  }
}

function deps(fetchImpl: BridgeClientDeps['fetch'], stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  return {
    fetch: vi.fn(fetchImpl),
    EventSource: FakeEventSource as unknown as BridgeClientDeps['EventSource'],
    storage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    },
    history: { replaceState: vi.fn() },
    baseUrl: '',
    stored: storage,
  };
}

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const where = (hash: string) => ({ hash, pathname: '/', search: '' });

afterEach(() => {
  FakeEventSource.all = [];
  vi.useRealTimers();
});

describe('createBridgeClient', () => {
  it('moves the token from the fragment to sessionStorage and out of the address bar', () => {
    const d = deps(json(200, { ok: true }));
    createBridgeClient({ hash: '#token=abc-DEF_123&view=outbox', pathname: '/', search: '?x=1' }, d);
    expect(d.stored.get(TOKEN_KEY)).toBe('abc-DEF_123');
    expect(d.history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1#view=outbox');
  });

  it('reuses the stored token after a reload, and a new URL replaces it (serve restarted)', async () => {
    const d = deps(json(200, { ok: true, value: 1 }), { [TOKEN_KEY]: 'old' });
    await createBridgeClient(where(''), d)['inbox.counts']({});
    expect(d.fetch.mock.calls[0][1]?.headers).toMatchObject({ 'x-parley-token': 'old' });
    expect(d.history.replaceState).not.toHaveBeenCalled();
    await createBridgeClient(where('#token=new'), d)['inbox.counts']({});
    expect(d.fetch.mock.calls[1][1]?.headers).toMatchObject({ 'x-parley-token': 'new' });
  });

  it("goes on with the new token after Settings' New link: the next calls, the stored token and the event stream", async () => {
    const d = deps(async (url) =>
      String(url).endsWith('bridge.newLink')
        ? new Response(JSON.stringify({ ok: true, value: { token: 'renewed' } }))
        : new Response(JSON.stringify({ ok: true, value: 1 })),
    );
    const api = createBridgeClient(where('#token=first'), d);
    const off = api.on('message.new', () => {});
    expect(FakeEventSource.all[0].url).toContain('token=first');
    expect(await api['bridge.newLink']({})).toEqual({ token: 'renewed' });
    await api['inbox.counts']({});
    expect(d.fetch.mock.calls[1][1]?.headers).toMatchObject({ 'x-parley-token': 'renewed' });
    expect(d.stored.get(TOKEN_KEY)).toBe('renewed');
    expect(FakeEventSource.all[0].closed).toBe(true);
    expect(FakeEventSource.all[1].url).toContain('token=renewed');
    off();
  });

  it('keeps the token and cleans the address bar later (deps.later), and a New link in between is not undone', async () => {
    const waiting: (() => void)[] = [];
    const d = {
      ...deps(async (url) =>
        String(url).endsWith('bridge.newLink')
          ? new Response(JSON.stringify({ ok: true, value: { token: 'renewed' } }))
          : new Response(JSON.stringify({ ok: true, value: 1 })),
      ),
      later: (run: () => void) => void waiting.push(run),
    };
    const api = createBridgeClient(where('#token=first&view=outbox'), d);
    await api['inbox.counts']({});
    expect(d.fetch.mock.calls[0][1]?.headers).toMatchObject({ 'x-parley-token': 'first' }); // usable at once
    expect(d.stored.has(TOKEN_KEY)).toBe(false);
    expect(d.history.replaceState).not.toHaveBeenCalled();
    expect(waiting).toHaveLength(1);
    waiting[0]();
    expect(d.stored.get(TOKEN_KEY)).toBe('first');
    expect(d.history.replaceState).toHaveBeenCalledWith(null, '', '/#view=outbox');

    const again = { ...d, later: (run: () => void) => void waiting.push(run) };
    const api2 = createBridgeClient(where('#token=second'), again);
    await api2['bridge.newLink']({});
    waiting[1](); // the URL's token comes due after the new link: it must not replace it
    expect(d.stored.get(TOKEN_KEY)).toBe('renewed');
  });

  it('has every contract call, each one POST to its own path with the JSON input', async () => {
    const d = deps(json(200, { ok: true, value: { total: 0, offset: 0, rows: [] } }));
    const api = createBridgeClient(where('#token=t'), d);
    expect(api.transport).toBe('http');
    for (const name of CALL_NAMES) expect(typeof api[name]).toBe('function');
    const value = await api['inbox.list']({ filter: 'all', offset: 100 });
    expect(value).toEqual({ total: 0, offset: 0, rows: [] });
    const [url, init] = d.fetch.mock.calls[0];
    expect(url).toBe('/api/call/inbox.list');
    expect(init).toMatchObject({ method: 'POST', body: '{"filter":"all","offset":100}' });
  });

  it('rejects with an ApiError carrying the server code, message key and params, worded in the UI language', async () => {
    // The body the bridge answers an R9 refusal of senders.add with (cli/bridge/bridge-api.test.ts).
    const error = {
      code: 'EEXISTS',
      message: 'cs@x.example is already the address of the shop "x"',
      key: 'address.taken',
      params: { address: 'cs@x.example', shop: 'x' },
    };
    const api = createBridgeClient(where('#token=t'), deps(json(409, { ok: false, error })));
    useLanguage.getState().setLanguage('de');
    try {
      const err = await api['senders.add']({ email: 'cs@x.example' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({
        code: 'EEXISTS',
        key: 'address.taken',
        params: { address: 'cs@x.example', shop: 'x' },
        message: 'cs@x.example ist bereits die Adresse des Shops „x“.',
      });
      expect(failure(err).message).toBe('cs@x.example ist bereits die Adresse des Shops „x“.');
      useLanguage.getState().setLanguage('en');
      expect(failure(err).message).toBe('cs@x.example is already the address of the shop "x".');
    } finally {
      useLanguage.getState().setLanguage('en');
    }
  });

  it("keeps the backend's words for a code the renderer does not know (a newer backend)", async () => {
    const api = createBridgeClient(
      where('#token=t'),
      deps(json(422, { ok: false, error: { code: 'ENEWCODE', message: 'Something only a newer Parley says' } })),
    );
    const err = await api['composer.send']({ subject: 'Hi', body: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENEWCODE', message: 'Something only a newer Parley says.' });
  });

  it('says so plainly when serve is gone, when the answer is not JSON, and when there is no token', async () => {
    const down = createBridgeClient(
      where('#token=t'),
      deps(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(down['app.status']({})).rejects.toMatchObject({ code: 'ENETWORK', message: /not reachable/ });
    const proxy = createBridgeClient(
      where('#token=t'),
      deps(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    await expect(proxy['app.status']({})).rejects.toMatchObject({
      code: 'EHTTP502',
      message: 'Unexpected answer from Parley (HTTP 502).',
    });
    const bare = deps(json(200, { ok: true }));
    await expect(createBridgeClient(where(''), bare)['app.status']({})).rejects.toMatchObject({
      code: 'ETOKEN',
      message: /#token=/,
    });
    expect(bare.fetch).not.toHaveBeenCalled();
  });

  it('sends drafts.save with keepalive so a closing tab still saves it, and retries without when the budget is full', async () => {
    let first = true;
    const d = deps(async (_url, init) => {
      if (init?.keepalive && first) {
        first = false;
        throw new TypeError('keepalive quota');
      }
      return new Response(JSON.stringify({ ok: true, value: { id: 1 } }));
    });
    const api = createBridgeClient(where('#token=t'), d);
    await expect(api['drafts.save']({ subject: 's', body: 'b' })).resolves.toEqual({ id: 1 });
    expect(d.fetch.mock.calls.map(([, init]) => Boolean(init?.keepalive))).toEqual([true, false]);
    await api['inbox.counts']({});
    expect(d.fetch.mock.calls[2][1]?.keepalive).toBe(false);
  });

  it('shares one EventSource between subscribers and closes it after the last one leaves', () => {
    const api = createBridgeClient(where('#token=a/b'), deps(json(200, { ok: true })));
    const counts = vi.fn();
    const messages = vi.fn();
    const offCounts = api.on('counts.changed', counts);
    const offMessages = api.on('message.new', messages);
    expect(FakeEventSource.all).toHaveLength(1);
    const es = FakeEventSource.all[0];
    expect(es.url).toBe('/api/events?token=a%2Fb');
    es.push('counts.changed', { 'response-needed': 2 });
    es.push('message.new', { messageId: 5 });
    expect(counts).toHaveBeenCalledWith({ 'response-needed': 2 });
    expect(messages).toHaveBeenCalledWith({ messageId: 5 });
    offCounts();
    expect(es.closed).toBe(false);
    offMessages();
    expect(es.closed).toBe(true);
  });

  it('receives every contract event over the stream, the order import progress too, and refuses a name that is no event', () => {
    const api = createBridgeClient(where('#token=t'), deps(json(200, { ok: true })));
    const received = new Map<EventName, unknown[]>();
    for (const name of EVENT_NAMES)
      api.on(name, (payload) => received.set(name, [...(received.get(name) ?? []), payload]));
    const es = FakeEventSource.all[0];
    for (const name of EVENT_NAMES) es.push(name, { of: name });
    expect(Object.fromEntries(received)).toEqual(Object.fromEntries(EVENT_NAMES.map((n) => [n, [{ of: n }]])));
    expect(received.get('job.progress')).toEqual([{ of: 'job.progress' }]);
    expect(() => api.on('not.an.event' as EventName, () => {})).toThrow(TypeError);
  });

  it('reconnects after the server refused the stream, backing off', () => {
    vi.useFakeTimers();
    const api = createBridgeClient(where('#token=t'), deps(json(200, { ok: true })));
    const handler = vi.fn();
    api.on('delivery.changed', handler);
    const first = FakeEventSource.all[0];
    first.readyState = 2; // an HTTP error ends an EventSource for good
    first.onerror?.();
    expect(FakeEventSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(FakeEventSource.all).toHaveLength(2);
    FakeEventSource.all[1].push('delivery.changed', { outboxId: 1, state: 'delivered' });
    expect(handler).toHaveBeenCalledOnce();
    // A dropped connection that EventSource retries itself is left alone.
    FakeEventSource.all[1].readyState = 0;
    FakeEventSource.all[1].onerror?.();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.all).toHaveLength(2);
  });
});

describe('withApiErrors (the Electron preload API)', () => {
  it('turns the plain ContractError a context bridge rejection carries into an ApiError, key and params too', async () => {
    const raw: Record<string, unknown> = { transport: 'electron', on: vi.fn(() => () => {}) };
    for (const name of CALL_NAMES)
      raw[name] = vi.fn(async () => {
        throw { code: 'ENOTFOUND', message: 'no conversation 1', key: 'conversation.notFound', params: { id: 1 } };
      });
    const api = withApiErrors(raw as never);
    expect(api.transport).toBe('electron');
    const err = await api['conversation.get']({ id: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'ENOTFOUND',
      key: 'conversation.notFound',
      params: { id: 1 },
      message: 'This conversation does not exist (any more).',
    });
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'EINTERNAL', message: /went wrong inside Parley/ });
  });

  it('words the transports’ own failures and the policy’s refusals in the UI language', () => {
    useLanguage.getState().setLanguage('de');
    try {
      expect(toApiError({ code: 'ENOTREADY', message: 'Parley is still starting' }).message).toBe(
        'Parley startet noch; bitte gleich noch einmal versuchen.',
      );
      const refused = {
        code: 'EPOLICY',
        message: 'Not sent: R10: …',
        key: 'send.refused',
        params: { reasons: 'R10: …' },
      };
      expect(toApiError(refused).message).toBe('Nicht gesendet: R10: …');
    } finally {
      useLanguage.getState().setLanguage('en');
    }
  });
});
