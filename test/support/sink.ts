import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

/** A smarthost stand-in: a real SMTP server on 127.0.0.1 that keeps what it receives. */
export class Sink {
  readonly messages: SunkMessage[] = [];
  port = 0;
  private server: SMTPServer | undefined;
  private waiters: (() => void)[] = [];

  async start(port = 0): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
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
          this.waiters.forEach((w) => w());
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?starttls=never`;
  }

  /** Resolves when `count` messages (for `to`, if given) have arrived; rejects after `ms`. */
  async waitFor(count: number, opts: { to?: string; ms?: number } = {}): Promise<SunkMessage[]> {
    const matching = () => this.messages.filter((m) => !opts.to || m.to.includes(opts.to));
    const deadline = Date.now() + (opts.ms ?? 10_000);
    while (matching().length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `sink: waited for ${count} message(s)${opts.to ? ` to ${opts.to}` : ''}, got ${matching().length}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      this.waiters = [];
    }
    return matching();
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
