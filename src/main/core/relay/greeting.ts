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
