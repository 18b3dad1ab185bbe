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
  /** Fixed token (tests); default 32 random bytes. */
  token?: string;
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
  const token = opts.token ?? newToken();
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
      if (!tokenMatches(token, url.searchParams.get(BRIDGE.tokenParam))) {
        sendError(res, { code: 'ETOKEN', message: 'missing or wrong token: open the URL parley serve printed' });
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
    if (!tokenMatches(token, Array.isArray(header) ? header[0] : header)) {
      sendError(res, { code: 'ETOKEN', message: 'missing or wrong token: open the URL parley serve printed' });
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
    url: `${origin}/#token=${token}`,
    port,
    token,
    rendererBuilt: files.built,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
