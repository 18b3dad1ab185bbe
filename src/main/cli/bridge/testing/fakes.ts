/** Fakes and a raw HTTP client for the bridge's tests (a raw client can send any Host header). */
import http from 'node:http';
import { vi } from 'vitest';
import {
  CALL_NAMES,
  type ContractEvents,
  type ContractHandlers,
  type EventName,
  type EventSource,
} from '../../../../shared/contract.js';

export type Listener = <E extends EventName>(event: E, payload: ContractEvents[E]) => void;

/** An EventSource the test drives by hand; `listeners` shows who is subscribed. */
export function fakeEvents() {
  const listeners = new Set<Listener>();
  const source: EventSource & { listeners: Set<Listener>; emit: Listener } = {
    listeners,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners) l(event, payload);
    },
  };
  return source;
}

/** Every call answers `{ echo: name, input }` unless overridden. */
export function fakeHandlers(overrides: Partial<Record<string, (input: never) => unknown>> = {}): ContractHandlers {
  const all: Record<string, unknown> = {};
  for (const name of CALL_NAMES) all[name] = vi.fn(async (input: unknown) => ({ echo: name, input }));
  return { ...all, ...overrides } as unknown as ContractHandlers;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
        timeout: 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
