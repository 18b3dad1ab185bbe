// @vitest-environment jsdom
/**
 * public/boot.js asks the inbox's first calls before the bundle runs; the bridge client answers the stores' first
 * calls from those requests. Checked here against the stores' real first calls, so a change on either side shows.
 */
import { describe, expect, it, vi } from 'vitest';
import bootSource from '../../public/boot.js?raw';
import { createBridgeClient, type BridgeClientDeps } from '../api/bridge-client';
import { useInbox } from './inbox-store';
import { PAGE_SIZE } from './list-pages';

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const where = (hash: string) => ({ hash, pathname: '/', search: '' });
function deps(fetchImpl: BridgeClientDeps['fetch'], early: BridgeClientDeps['early']) {
  return {
    fetch: vi.fn(fetchImpl),
    EventSource: class {} as unknown as BridgeClientDeps['EventSource'],
    storage: { getItem: () => null, setItem: () => {} },
    history: { replaceState: () => {} },
    baseUrl: '',
    early,
  };
}

describe('public/boot.js: the first calls on the wire before the bundle runs', () => {
  /** Runs boot.js as index.html does, in a window of its own; returns what it left and what it fetched. */
  function boot(hash: string, win: Record<string, unknown> = {}) {
    const fetched = vi.fn<typeof fetch>(json(200, { ok: true, value: 'early' }));
    const storage = { getItem: () => null };
    new Function('window', 'location', 'sessionStorage', 'fetch', 'URLSearchParams', bootSource)(
      win,
      { hash },
      storage,
      fetched,
      URLSearchParams,
    );
    return { early: win.__parleyEarly as BridgeClientDeps['early'], fetched };
  }

  it("answers the app's first status, counts and list window from the early requests, once each", async () => {
    const { early, fetched } = boot('#token=t');
    expect(fetched).toHaveBeenCalledTimes(3);
    const d = deps(json(200, { ok: true, value: 'late' }), early);
    const api = createBridgeClient(where('#token=t'), d);
    // The calls exactly as the stores make them at start (status-store, inbox-store's first window).
    const firstWindow = { filter: useInbox.getState().filter, offset: 0, limit: PAGE_SIZE };
    expect(await api['app.status']({})).toBe('early');
    expect(await api['inbox.counts']({})).toBe('early');
    expect(await api['inbox.list'](firstWindow)).toBe('early');
    expect(d.fetch).not.toHaveBeenCalled();
    // Each early request looked like the client's own: same path, method, body and token.
    for (const [url, init] of fetched.mock.calls) {
      expect(String(url)).toMatch(/^\/api\/call\/(app\.status|inbox\.counts|inbox\.list)$/);
      expect(init).toMatchObject({ method: 'POST', headers: { 'x-parley-token': 't' } });
    }
    // Later calls (a refresh, another window) go to the server again.
    expect(await api['inbox.list'](firstWindow)).toBe('late');
    expect(await api['inbox.list']({ ...firstWindow, filter: 'all' })).toBe('late');
    expect(d.fetch).toHaveBeenCalledTimes(2);
  });

  it('drops the early answers at the first call that has none, so a later call never gets old data', async () => {
    const { early } = boot('#token=t');
    const d = deps(json(200, { ok: true, value: 'late' }), early);
    const api = createBridgeClient(where('#token=t'), d);
    expect(await api['app.status']({})).toBe('early');
    // The app opened on another filter (a link to the Outbox): its first window is another call.
    expect(await api['inbox.list']({ filter: 'outbox', offset: 0, limit: PAGE_SIZE })).toBe('late');
    expect(await api['inbox.list']({ filter: useInbox.getState().filter, offset: 0, limit: PAGE_SIZE })).toBe('late');
    expect(await api['inbox.counts']({})).toBe('late');
  });

  it('asks again when an early request failed, and stays out of the way in Electron and without a token', async () => {
    const early = { 'app.status {}': Promise.reject(new TypeError('network')) };
    const d = deps(json(200, { ok: true, value: 'again' }), early);
    expect(await createBridgeClient(where('#token=t'), d)['app.status']({})).toBe('again');
    expect(boot('#token=t', { parley: {} }).fetched).not.toHaveBeenCalled();
    expect(boot('').fetched).not.toHaveBeenCalled();
    // Late, after the app asked itself: nothing more.
    expect(boot('#token=t', { __parleyEarly: {} }).fetched).not.toHaveBeenCalled();
  });
});
