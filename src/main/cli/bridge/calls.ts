/**
 * POST /api/call/<name>: one contract call over HTTP (wire format: BRIDGE in contract.ts).
 * The body is read with a hard size limit, parsed as JSON and handed to `invokeCall`, which
 * validates it with the call's zod schema; the answer is `{ ok, value | error }` with a status
 * that says the same thing to curl, logs and the browser's network panel.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractError, ContractHandlers } from '../../../shared/contract.js';
import { invokeCall, isCallName, type InternalErrorLog } from '../../core/transport/invoke.js';

/** 20 MB: a 10 MB attachment (R15) is ~13.4 MB as base64, plus the JSON around it. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** HTTP status per error code; unknown expected failures are 422 (understood, refused). */
const STATUS: Record<string, number> = {
  EBADINPUT: 400,
  ETOKEN: 401,
  EFORBIDDEN: 403,
  ENOTFOUND: 404,
  ENOCALL: 404,
  EMETHOD: 405,
  EEXISTS: 409,
  EAPPENDONLY: 409,
  ETOOLARGE: 413,
  EDELIVERY: 502,
  ESTORE: 503,
  ETAMPERED: 500,
  EINTERNAL: 500,
};

export function statusOf(code: string): number {
  return STATUS[code] ?? 422;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ContractError, status = statusOf(error.code)): void {
  sendJson(res, status, { ok: false, error });
}

class BodyTooLarge extends Error {}

/** How much of a refused body is read and dropped, as a multiple of the limit, before the connection is cut. */
const DROP_FACTOR = 4;
const DROP_MIN_BYTES = 1024 * 1024;
/** How long the answer waits for the rest of a refused body. */
const DROP_WAIT_MS = 2000;

/**
 * Reads and drops the rest of a refused request body; true once it has ended. The 413 is sent only after that: a
 * connection closed with the client's bytes still unread is reset by the kernel, and a client that is still sending
 * may lose the answer before it reads it. A client that sends more than `max` bytes in all has its connection cut
 * (false); one whose body has not ended after DROP_WAIT_MS is answered anyway.
 */
function dropRest(req: IncomingMessage, max: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve(true);
      return;
    }
    let dropped = 0;
    // A client that declared more than it sends (or sends slowly) is answered anyway after a while.
    const wait = setTimeout(() => resolve(true), DROP_WAIT_MS);
    const done = (answer: boolean) => {
      clearTimeout(wait);
      resolve(answer);
    };
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped <= max) return;
      req.socket.destroy();
      done(false);
    });
    req.once('end', () => done(true));
    req.once('close', () => done(req.readableEnded));
    req.resume();
  });
}

/** The whole body, or BodyTooLarge as soon as it passes `limit` (without buffering the rest). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function handleCall(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  handlers: ContractHandlers,
  opts: { maxBodyBytes: number; log?: InternalErrorLog },
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendError(res, { code: 'EMETHOD', message: 'calls are POST requests' });
    return;
  }
  if (!isCallName(name)) {
    sendError(res, { code: 'ENOCALL', message: `no such call: ${name.slice(0, 100)}` });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, opts.maxBodyBytes);
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) throw err;
    // The answer waits until the rest is read: see dropRest. A client that sends too much gets no answer.
    if (!(await dropRest(req, Math.max(opts.maxBodyBytes * DROP_FACTOR, DROP_MIN_BYTES)))) return;
    res.setHeader('connection', 'close');
    sendError(res, {
      code: 'ETOOLARGE',
      message: `the request is larger than ${Math.round(opts.maxBodyBytes / 1024 / 1024)} MB`,
    });
    return;
  }
  let input: unknown;
  try {
    // An empty body is an empty input, for calls that take none (curl -X POST).
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    sendError(res, { code: 'EBADINPUT', message: 'the request body is not valid JSON' });
    return;
  }
  const result = await invokeCall(handlers, name, input, opts.log);
  if (result.ok) sendJson(res, 200, result);
  else sendError(res, result.error);
}
