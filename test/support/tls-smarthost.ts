/**
 * A smarthost stand-in with TLS: a real smtp-server on 127.0.0.1 with a test certificate (certs.ts), offering STARTTLS
 * (or TLS from the first byte with `secure`; without a certificate, no STARTTLS at all). Keeps what it receives and
 * whether the session was encrypted.
 */
import type net from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestCert } from './certs.js';

export interface TlsSmarthost {
  port: number;
  /** Each message received: "tls:" or "plain:" and the raw message. */
  got: string[];
  /** Resolves when `count` messages have arrived; rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTlsSmarthost(cert: TestCert | null, opts: { secure?: boolean } = {}): Promise<TlsSmarthost> {
  const got: string[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    secure: Boolean(opts.secure),
    key: cert?.key,
    cert: cert?.cert,
    disabledCommands: cert ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        got.push(`${session.secure ? 'tls' : 'plain'}:${Buffer.concat(chunks).toString()}`);
        cb();
        waiters.splice(0).forEach((w) => w());
      });
    },
  });
  // A client that gives up mid-handshake (a refused certificate) resets its connection: normal here.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    got,
    async waitFor(count, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (got.length < count) {
        if (Date.now() > deadline) throw new Error(`${got.length} of ${count} messages within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 100);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
