/**
 * The web bridge of `parley serve --http` (DESIGN.md "One contract, two transports"): the built
 * renderer and the whole contract over HTTP + server-sent events, on loopback, behind a random
 * token that travels in the URL fragment (never sent, logged or leaked in a Referer) and then in
 * a header. Node's `http` only. No CORS headers: other origins get nothing they can read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE, type ContractHandlers, type EventSource } from '../../../shared/contract.js';
import { assertCompleteHandlers, INTERNAL_ERROR, type InternalErrorLog } from '../../core/transport/invoke.js';
import { handleCall, MAX_BODY_BYTES, sendError } from './calls.js';
import { eventStreams, HEARTBEAT_MS } from './events.js';
import { allowedHosts, authority, loopbackAddress } from './loopback.js';
import { staticFiles } from './static-files.js';
import { newToken, tokenMatches } from './token.js';

export interface BridgeOptions {
  handlers: ContractHandlers;
  events: EventSource;
  /** A loopback address or 'localhost'; anything else is refused. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer); when it is missing the API still answers. */
  rendererDir: string;
  /**
   * The token, or where to read the current one (`parley serve --http`: the data folder's, which Settings' "New link"
   * replaces while the bridge runs); default 32 random bytes.
   */
  token?: string | (() => string);
  maxBodyBytes?: number;
  heartbeatMs?: number;
  log?: InternalErrorLog;
}

export interface Bridge {
  /** http://127.0.0.1:PORT/#token=… — what the seller opens. */
  url: string;
  port: number;
  token: string;
  /** False when out/renderer is missing ("run npm run build"). */
  rendererBuilt: boolean;
  close(): Promise<void>;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const address = loopbackAddress(opts.host);
  assertCompleteHandlers(opts.handlers);
  const fixed = typeof opts.token === 'string' ? opts.token : opts.token === undefined ? newToken() : null;
  const current = typeof opts.token === 'function' ? opts.token : () => fixed!;
  /** ETOKEN; a token that was given but is not the current one is an old link, said as such. */
  const refuse = (res: http.ServerResponse, given: string | null | undefined) =>
    sendError(
      res,
      given
        ? {
            code: 'ETOKEN',
            message: 'this link is old: open the current one, printed by parley serve (or npm start)',
            key: 'bridge.tokenStale',
            params: {},
          }
        : { code: 'ETOKEN', message: 'missing or wrong token: open the URL parley serve printed' },
    );
  const files = staticFiles(opts.rendererDir);
  const streams = eventStreams(opts.events, opts.handlers, opts.heartbeatMs ?? HEARTBEAT_MS);
  let hosts = new Set<string>();
  let origin = '';
  const callPrefix = BRIDGE.callPath('' as never);

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends Host: evil.example.
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('misdirected request: this bridge answers only to its own loopback address');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
      await files.serve(req, res, url.pathname);
      return;
    }
    // Same-origin requests carry no Origin, or ours; a foreign page never gets this far.
    if (req.headers.origin !== undefined && !hosts.has(req.headers.origin.toLowerCase().replace(/^http:\/\//, ''))) {
      sendError(res, { code: 'EFORBIDDEN', message: 'requests from other origins are refused' });
      return;
    }
    if (url.pathname === BRIDGE.eventsPath) {
      const given = url.searchParams.get(BRIDGE.tokenParam);
      if (!tokenMatches(current(), given)) {
        refuse(res, given);
        return;
      }
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        sendError(res, { code: 'EMETHOD', message: 'the event stream is a GET request' });
        return;
      }
      streams.open(req, res);
      return;
    }
    const header = req.headers[BRIDGE.tokenHeader];
    const given = Array.isArray(header) ? header[0] : header;
    if (!tokenMatches(current(), given)) {
      refuse(res, given);
      return;
    }
    if (!url.pathname.startsWith(callPrefix)) {
      sendError(res, { code: 'ENOCALL', message: 'no such endpoint' });
      return;
    }
    await handleCall(req, res, url.pathname.slice(callPrefix.length), opts.handlers, {
      maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
      log: opts.log,
    });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      console.error('parley: web bridge:', err instanceof Error ? (err.stack ?? err.message) : err);
      if (!res.headersSent) sendError(res, INTERNAL_ERROR);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(address, port);
  origin = `http://${authority(address, port)}`;

  return {
    get url() {
      return `${origin}/#token=${current()}`;
    },
    port,
    get token() {
      return current();
    },
    rendererBuilt: files.built,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
