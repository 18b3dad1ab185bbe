/**
 * The renderer's client for the HTTP bridge of `parley serve --http` (wire format: BRIDGE in
 * contract.ts). The token arrives in the URL fragment, is moved to sessionStorage (so a reload
 * works) and removed from the address bar and history. Every call is one POST, built in a loop
 * over the contract's names; push events come over one shared EventSource that reconnects, listening to every event
 * of the contract's list (contract-names.ts), so a new event reaches the browser as it reaches the Electron window.
 */
import { BRIDGE } from '../../../shared/vocabulary';
import type { CallName, ContractError, ContractEvents, EventName, ParleyApi } from '../../../shared/contract';
import { CALL_NAME_LIST, EVENT_NAME_LIST } from '../../../shared/contract-names';
import { whenIdle } from '../ui/idle';
import { apiError } from './errors';

export const TOKEN_KEY = 'parley.bridge-token';
const KEEPALIVE_MAX_BYTES = 60_000; // browsers allow 64 KB of keepalive bodies in flight
const RECONNECT_MAX_MS = 30_000;

type Where = Pick<Location, 'hash' | 'pathname' | 'search'>;

/** What the client needs from the browser; tests pass fakes. */
export interface BridgeClientDeps {
  fetch: typeof fetch;
  EventSource: new (url: string) => globalThis.EventSource;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState'>;
  /** '' in the browser (same origin); an absolute origin in tests. */
  baseUrl: string;
  /** The first calls' answers, already on the way (public/boot.js). */
  early?: EarlyAnswers;
  /**
   * When to keep a token from the URL and take it out of the address bar. The browser does it when it is next idle:
   * both are synchronous trips to the browser process that the first screen need not wait for. At once by default.
   */
  later?: (run: () => void) => void;
}

/**
 * Reads the token from `#token=…`, or the one kept for reloads. A token from the URL comes with `keep`: it keeps the
 * token for reloads and takes it out of the visible URL (until then a reload still finds it in the URL).
 */
export function takeToken(
  where: Where,
  deps: Pick<BridgeClientDeps, 'storage' | 'history'>,
): { token: string | null; keep?: () => void } {
  const fragment = new URLSearchParams(where.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (!fromUrl) return { token: deps.storage.getItem(TOKEN_KEY) };
  fragment.delete('token');
  const rest = fragment.toString();
  return {
    token: fromUrl,
    keep() {
      deps.storage.setItem(TOKEN_KEY, fromUrl);
      deps.history.replaceState(null, '', `${where.pathname}${where.search}${rest ? `#${rest}` : ''}`);
    },
  };
}

/** Answers public/boot.js asked for before the bundle ran, by `<name> <body>`. */
export type EarlyAnswers = Record<string, Promise<Response> | undefined>;
declare global {
  interface Window {
    __parleyEarly?: EarlyAnswers;
  }
}

function browserDeps(): BridgeClientDeps {
  return {
    fetch: globalThis.fetch.bind(globalThis),
    EventSource: globalThis.EventSource,
    // Touched only when used: the first touch of sessionStorage is itself a trip to the browser process.
    storage: {
      getItem: (key) => sessionStorage.getItem(key),
      setItem: (key, value) => sessionStorage.setItem(key, value),
    },
    history,
    baseUrl: '',
    later: (run) => void whenIdle(run, 1000, 100),
    // Left empty when boot.js has not run yet: then it does nothing when it does (the app asked itself).
    early: (window.__parleyEarly ??= {}),
  };
}

/**
 * The early answer to exactly this call, once. The app makes its first calls together at start, so the first call
 * without one ends the start: the rest are dropped, never to answer a later call with old data.
 */
function takeEarly(early: EarlyAnswers | undefined, name: string, body: string): Promise<Response> | undefined {
  if (!early) return undefined;
  const key = `${name} ${body}`;
  const answer = early[key];
  if (answer) delete early[key];
  else for (const k of Object.keys(early)) delete early[k];
  return answer;
}

export function createBridgeClient(where: Where, deps: BridgeClientDeps = browserDeps()): ParleyApi {
  const taken = takeToken(where, deps);
  let token = taken.token;
  const { keep } = taken;
  // Not after Settings' "New link" (renewed): that kept the new token already.
  if (keep) (deps.later ?? ((run) => run()))(() => token === taken.token && keep());

  async function post(name: CallName, input: unknown): Promise<unknown> {
    if (!token) throw apiError({ code: 'ETOKEN', message: 'no token' });
    const body = JSON.stringify(input ?? {});
    const init: RequestInit = {
      method: 'POST',
      body,
      cache: 'no-store',
      headers: { 'content-type': 'application/json', [BRIDGE.tokenHeader]: token },
    };
    let response: Response;
    try {
      // A draft saved while the tab closes must still arrive (offline drafting).
      const keepalive = name === 'drafts.save' && body.length < KEEPALIVE_MAX_BYTES;
      const early = takeEarly(deps.early, name, body);
      response = early
        ? await early.catch(() => deps.fetch(`${deps.baseUrl}${BRIDGE.callPath(name)}`, init))
        : await deps.fetch(`${deps.baseUrl}${BRIDGE.callPath(name)}`, { ...init, keepalive }).catch((err: unknown) => {
            if (!keepalive) throw err;
            return deps.fetch(`${deps.baseUrl}${BRIDGE.callPath(name)}`, init); // the keepalive budget was full
          });
    } catch {
      throw apiError({ code: 'ENETWORK', message: 'not reachable' });
    }
    let envelope: { ok?: boolean; value?: unknown; error?: Partial<ContractError> };
    try {
      envelope = await response.json();
    } catch {
      throw apiError({
        code: response.ok ? 'EINTERNAL' : `EHTTP${response.status}`,
        message: `HTTP ${response.status}`,
      });
    }
    if (response.ok && envelope.ok) {
      if (name === 'bridge.newLink') renewed((envelope.value as { token: string }).token);
      return envelope.value;
    }
    // The whole ContractError: its key and params are what the UI words (failure() checks what they hold).
    const { code = 'EINTERNAL', message = `HTTP ${response.status}`, key, params } = envelope.error ?? {};
    throw apiError({ code, message, key, params });
  }

  const handlers = new Map<string, Set<(payload: never) => void>>(EVENT_NAME_LIST.map((name) => [name, new Set()]));
  let source: globalThis.EventSource | null = null;
  let retryMs = 1_000;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function listening(): number {
    let n = 0;
    for (const set of handlers.values()) n += set.size;
    return n;
  }

  function connect(): void {
    if (!token || source) return;
    const es = new deps.EventSource(
      `${deps.baseUrl}${BRIDGE.eventsPath}?${BRIDGE.tokenParam}=${encodeURIComponent(token)}`,
    );
    source = es;
    es.onopen = () => {
      retryMs = 1_000;
    };
    // EventSource retries a dropped connection itself, but gives up for good on an HTTP error
    // (the server restarting, a 503 on the way up): then we open a new one, backing off.
    es.onerror = () => {
      if (es.readyState !== 2 /* CLOSED */) return;
      es.close();
      if (source === es) source = null;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (listening() > 0) connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    };
    for (const event of EVENT_NAME_LIST) {
      es.addEventListener(event, (e) => {
        let payload: unknown;
        try {
          payload = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const handler of [...(handlers.get(event) ?? [])]) (handler as (p: unknown) => void)(payload);
      });
    }
  }

  /** Settings' "New link": this tab goes on with the new token (the old one is refused from now on). */
  function renewed(next: string): void {
    token = next;
    deps.storage.setItem(TOKEN_KEY, next);
    source?.close();
    source = null;
    if (listening() > 0) connect();
  }

  function disconnectIfIdle(): void {
    if (listening() > 0) return;
    source?.close();
    source = null;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  const api: Record<string, unknown> = {
    transport: 'http',
    on<E extends EventName>(event: E, handler: (payload: ContractEvents[E]) => void): () => void {
      const set = handlers.get(event);
      if (!set) throw new TypeError(`no such Parley event: ${String(event)}`);
      set.add(handler as (payload: never) => void);
      connect();
      return () => {
        set.delete(handler as (payload: never) => void);
        disconnectIfIdle();
      };
    },
  };
  for (const name of CALL_NAME_LIST) api[name] = (input: unknown) => post(name, input);
  return api as unknown as ParleyApi;
}
