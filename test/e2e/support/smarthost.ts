/**
 * The smarthost of the e2e tests: a real SMTP server on 127.0.0.1 that keeps every message it
 * accepts, and that can go away and come back on the SAME port (the seller's provider is down,
 * then up again), keeping what it received before. test/support/sink.ts is the integration
 * tests' sink; this one adds the restart and closes pooled client connections at once.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export class Smarthost {
  readonly messages: CapturedMessage[] = [];
  port = 0;
  private server: SMTPServer | undefined;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?starttls=never`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Listens on `port` (0: any free one the first time; afterwards the same one again). */
  async start(port = this.port): Promise<number> {
    if (this.server) return this.port;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 200, // ms: a stopped smarthost drops the relay's pooled connections at once
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.server = server;
    return this.port;
  }

  /** Stops listening and drops open connections; the port is refused until `start()` again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages whose envelope names `to`. */
  to(address: string): CapturedMessage[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Polls until `count` messages for `to` (and `match`, if given) arrived; rejects after `ms`. */
  async waitFor(
    to: string,
    opts: { count?: number; ms?: number; match?: (m: ParsedMail) => boolean } = {},
  ): Promise<ParsedMail[]> {
    const count = opts.count ?? 1;
    const deadline = Date.now() + (opts.ms ?? 15_000);
    for (;;) {
      const parsed = await Promise.all(this.to(to).map((m) => simpleParser(m.raw)));
      const hits = opts.match ? parsed.filter(opts.match) : parsed;
      if (hits.length >= count) return hits;
      if (Date.now() > deadline)
        throw new Error(
          `smarthost: waited ${opts.ms ?? 15_000} ms for ${count} message(s) to ${to}, got ${hits.length} (of ${this.messages.length} in all)`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
