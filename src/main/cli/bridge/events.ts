/**
 * GET /api/events: every contract event as server-sent events (`event: <name>` / `data: <json>`). It names no event
 * but the initial counts: the bridge client listens to each name of the contract's list (contract-names.ts).
 * Each connection subscribes on open and unsubscribes on close; a comment line every 15 s keeps
 * proxies and idle timers from closing a quiet stream. A client that stops reading is dropped
 * rather than buffered without bound; EventSource reconnects by itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractHandlers, EventSource } from '../../../shared/contract.js';

export const HEARTBEAT_MS = 15_000; // well under the 30–60 s idle timeouts of common proxies
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024; // a stuck client, not a slow one

export interface EventStreams {
  open(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open stream (bridge shutdown). */
  closeAll(): void;
  readonly size: number;
}

export function eventStreams(
  events: EventSource,
  handlers: ContractHandlers,
  heartbeatMs = HEARTBEAT_MS,
): EventStreams {
  const open = new Set<ServerResponse>();
  return {
    get size() {
      return open.size;
    },
    open(req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      const send = (name: string, payload: unknown) => {
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      };
      const unsubscribe = events.onEvent(send);
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      open.add(res);
      const close = () => {
        if (!open.delete(res)) return;
        clearInterval(heartbeat);
        unsubscribe();
      };
      req.on('close', close);
      res.on('close', close);
      // A client that reconnects may have missed 'counts.changed' while away: start it current.
      Promise.resolve()
        .then(() => handlers['inbox.counts']({}))
        .then((counts) => {
          if (open.has(res)) send('counts.changed', counts);
        })
        .catch(() => {
          /* no counts yet (no seller, store busy): the next change sends them */
        });
    },
    closeAll() {
      for (const res of [...open]) res.end();
    },
  };
}
