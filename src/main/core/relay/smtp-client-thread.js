// The outbound SMTP client, run on a worker thread so that talking to the smarthost does not take
// turns with the inbound listeners on the main event loop. Plain JavaScript: it must load in a
// worker without the TypeScript loader. Messages in: { id, envelope, raw } or { type: 'close' };
// out: { id, ok, response } or { id, ok: false, message, responseCode }.
//
// A small pool over nodemailer's SMTPConnection: the messages are finished bytes (the relay only
// rewrote headers), so nodemailer's mail composer, which the transport runs for every message even
// when it is given raw bytes, has nothing to do. Measured: 1.1 → 0.47 ms of CPU per 2 KB message.
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import DKIM from 'nodemailer/lib/dkim';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { openDeliveredMarks } from '../store/delivered-mark.js';

const options = workerData.options;
const maxConnections = options.maxConnections ?? 5;
const finalReplyTimeout = options.finalReplyTimeout ?? 10 * 60_000; // ms, see awaitFinalReply
const dkim = options.dkim ? new DKIM(options.dkim) : null;
// The outbox item is marked delivered here, as the 250 arrives, not after a trip through the main event loop.
const marks = workerData.marks ? openDeliveredMarks(workerData.marks) : null;
// Errors of one transaction (refused sender, recipient or content): the connection stays usable.
const TRANSACTION_ERRORS = new Set(['EENVELOPE', 'EMESSAGE']);

/** Connections ready for a message; `opening` counts those still connecting or logging in. */
const idle = [];
const busy = new Set();
let opening = 0;
/** Messages waiting for a connection: { id, envelope, raw, retried }. */
const queue = [];
let closing = false;

function reply(job, err, info) {
  if (!err && marks && job.item) {
    try {
      marks.mark(
        job.item.outboxId,
        new Date(Date.now() + job.item.clockOffsetMs).toISOString(),
        info?.response ?? '250 OK',
      );
    } catch (markErr) {
      // The main thread marks it instead (a full disk: it keeps trying there); the message went once either way.
      console.error(`parley: outbox item ${job.item.outboxId}: could not mark it delivered here: ${markErr.message}`);
    }
  }
  parentPort.postMessage(
    err
      ? { id: job.id, ok: false, message: String(err.message ?? err), responseCode: err.responseCode }
      : { id: job.id, ok: true, response: info?.response ?? '250 OK' },
  );
}

function connectionOptions() {
  const { host, port, secure, name, tls, ignoreTLS, connectionTimeout, greetingTimeout, socketTimeout } = options;
  return { host, port, secure, name, tls, ignoreTLS, connectionTimeout, greetingTimeout, socketTimeout };
}

/**
 * Opens a connection (and logs in) for `job`; on failure the job fails with the reason and the outbox retries later.
 */
function open(job) {
  opening++;
  const conn = new SMTPConnection(connectionOptions());
  let settled = false;
  const settle = (err) => {
    if (settled) return;
    settled = true;
    opening--;
    if (err) {
      conn.close();
      reply(job, err);
      pump();
      return;
    }
    send(conn, job);
  };
  // Errors of a send reach its callback; these are the ones outside a send (connecting, idle).
  conn.on('error', (err) => settle(err));
  conn.once('end', () => {
    settle(new Error('the smarthost closed the connection'));
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
  });
  conn.connect((err) => {
    if (err) return settle(err);
    if (options.auth && conn.allowsAuth) conn.login(options.auth, (loginErr) => settle(loginErr));
    else settle(null);
  });
}

function release(conn) {
  busy.delete(conn);
  if (closing || conn._destroyed) conn.close();
  else idle.push(conn);
  pump();
}

/**
 * The socket's inactivity timeout is the wait for each reply. Once the whole message went out, the wait is for
 * the final reply: giving up there would send a second copy if the smarthost was only slow (its 250 may come
 * after we stopped listening), so that wait is RFC 5321's 10 minutes, not the minute a silent command gets.
 * `_socket` is nodemailer's own; it sets the timeout once per socket and never again.
 */
function awaitFinalReply(conn, message) {
  message.once('end', () => conn._socket?.setTimeout(finalReplyTimeout));
}

function send(conn, job) {
  busy.add(conn);
  const message = dkim ? dkim.sign(job.raw) : new PassThrough().end(job.raw);
  awaitFinalReply(conn, message);
  conn.send(job.envelope, message, (err, info) => {
    if (!conn._destroyed) conn._socket?.setTimeout(options.socketTimeout);
    if (!err) {
      reply(job, null, info);
      release(conn);
      return;
    }
    if (TRANSACTION_ERRORS.has(err.code) && err.responseCode !== 421 && !conn._destroyed) {
      reply(job, err);
      conn.reset((resetErr) => (resetErr ? (busy.delete(conn), conn.close(), pump()) : release(conn)));
      return;
    }
    busy.delete(conn);
    conn.close();
    // A connection that sat idle may have been dropped by the smarthost meanwhile. If not a byte of
    // the message went out, it goes once more over a new connection (as nodemailer's pool does).
    if (job.reused && !job.retried && !message.readableDidRead) queue.unshift({ ...job, retried: true });
    else reply(job, err);
    pump();
  });
}

function pump() {
  while (queue.length > 0 && !closing) {
    const conn = idle.pop();
    if (conn) {
      send(conn, { ...queue.shift(), reused: true });
      continue;
    }
    if (busy.size + opening >= maxConnections) return;
    open({ ...queue.shift(), reused: false });
  }
}

parentPort.on('message', (msg) => {
  if (msg.type === 'close') {
    closing = true;
    for (const conn of idle.splice(0)) conn.quit();
    marks?.close();
    parentPort.close();
    return;
  }
  const raw = Buffer.from(msg.raw.buffer, msg.raw.byteOffset, msg.raw.byteLength);
  queue.push({ id: msg.id, envelope: msg.envelope, raw, item: msg.item, retried: false });
  pump();
});
