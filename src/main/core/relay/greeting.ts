import { randomFillSync } from 'node:crypto';
import type net from 'node:net';
import type tls from 'node:tls';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

/**
 * The wait before the 220 greeting. smtp-server holds every new connection this long and answers a client that
 * speaks before the greeting with `421 You talk too soon` and closes: spam software often sends its commands without
 * waiting for the greeting, a real mail server never does. The library fixes the wait in SMTPConnection.init().
 */
export const LIBRARY_GREETING_WAIT_MS = 100;

/**
 * The wait a listener keeps unless told otherwise: the library's on an inbound port open to the internet (where early
 * talkers are spam), none on loopback (the seller's own machine and tests) and none on submission, where nothing
 * gets through without a login. Each waiting connection costs nothing but time, and with a fixed number of clients
 * that each open a connection per message the wait alone caps the rate (10 clients: at most 100 messages a second).
 */
export function defaultGreetingWaitMs(listener: 'inbound' | 'submission', publicListener: boolean): number {
  return listener === 'inbound' && publicListener ? LIBRARY_GREETING_WAIT_MS : 0;
}

type ConnectionOptions = ConstructorParameters<typeof SMTPConnection>[2];

const ID_BYTES = 10;
/** Random bytes for the next 400 session ids: one call to the random source per 400 connections, not one each. */
const idPool = Buffer.alloc(ID_BYTES * 400);
let idOffset = idPool.length;
const BASE32 = '0123456789abcdefghijklmnopqrstuv';

/**
 * The 16 characters smtp-server makes of 10 random bytes for a session id (`BigInt('0x' + hex).toString(32)`, padded
 * with zeros), written out directly: 80 bits, 5 to a character.
 */
export function formatSessionId(bytes: Buffer, offset = 0): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = offset; i < offset + ID_BYTES; i++) {
    value = (value << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A session id like smtp-server's own (80 random bits), its random bytes taken from a pool refilled when used up. */
export function nextSessionId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  const id = formatSessionId(idPool, idOffset);
  idOffset += ID_BYTES;
  return id;
}

/**
 * An SMTPServer whose greeting wait is a per-listener setting instead of the library's fixed 100 ms. With the library's
 * wait a connection goes through smtp-server's own connect(); with any other, the same steps as the library's
 * connect() and init() (smtp-server 3.21) with that wait, 0 greeting at once. An early talker still gets `421 You talk
 * too soon` during the wait: that check is the library's (the connection is not ready until the greeting).
 */
export class GreetingServer extends SMTPServer {
  readonly greetingWaitMs: number;

  constructor(greetingWaitMs: number, options: SMTPServerOptions) {
    super(options);
    this.greetingWaitMs = Math.max(0, greetingWaitMs);
  }

  /**
   * The library's _handleProxy (smtp-server 3.21) for a socket that sends no PROXY header, with the session id from
   * nextSessionId(): the library asks the random source for each connection (a call into OpenSSL and a getpid()),
   * ~17 µs of the ~160 µs a connect, EHLO and QUIT cost the server. A socket that is to send a PROXY header goes to the
   * library's own.
   */
  override _handleProxy(
    socket: net.Socket,
    callback: (err: Error | null, socketOptions?: { id: string; ignore?: boolean }) => void,
  ): void {
    if (this._expectsProxyHeader(socket)) return super._handleProxy(socket, callback);
    const { ignoredHosts } = this.options;
    const socketOptions = { id: nextSessionId(), ignore: Boolean(ignoredHosts?.includes(socket.remoteAddress ?? '')) };
    setImmediate(() => callback(null, socketOptions));
  }

  override connect(socket: net.Socket | tls.TLSSocket, socketOptions?: ConnectionOptions): void {
    if (this.greetingWaitMs === LIBRARY_GREETING_WAIT_MS) return super.connect(socket, socketOptions);
    const connection = new SMTPConnection(this, socket, socketOptions);
    this.connections.add(connection);
    connection.on('error', (err: Error) => this._onError(err));
    connection.on('connect', (data) => this._onClientConnect(data));
    connection._setListeners(() => {
      const { maxClients } = this.options;
      if (maxClients && this.connections.size > maxClients)
        return connection.send(421, connection.name + ' Too many connected clients, try again in a moment', false);
      if (this.greetingWaitMs === 0) return connection.connectionReady();
      // Unref'd like the library's: a connection waiting for its greeting does not keep the process alive.
      setTimeout(() => connection.connectionReady(), this.greetingWaitMs).unref();
    });
  }
}
