import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  from: string;
  to: string[];
  raw: Buffer;
  /** Its Message-ID header, with the angle brackets. */
  messageId: string | undefined;
  /** When it arrived (Date.now()), just before the sink's 250. */
  at: number;
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
          const raw = Buffer.concat(chunks);
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            messageId: messageIdOf(raw),
            at: Date.now(),
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
    // A client that dies mid-session (a killed relay) resets its connection: normal here, not a crash.
    this.server.on('error', () => {});
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

  /**
   * Resolves when a message with each of `ids` (Message-ID header, with its angle brackets) has arrived; what
   * arrived by then, each id with its copies. Rejects after `ms` naming the ids still missing.
   */
  async waitForMessageIds(ids: Iterable<string>, opts: { ms?: number } = {}): Promise<Map<string, SunkMessage[]>> {
    const wanted = new Set(ids);
    const deadline = Date.now() + (opts.ms ?? 10_000);
    for (;;) {
      const got = this.byMessageId();
      const missing = [...wanted].filter((id) => !got.has(id));
      if (missing.length === 0) return got;
      if (Date.now() > deadline)
        throw new Error(`sink: ${missing.length} of ${wanted.size} message(s) never arrived: ${missing.slice(0, 5)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Every message that arrived, by its Message-ID; more than one copy means it was delivered twice. */
  byMessageId(): Map<string, SunkMessage[]> {
    const by = new Map<string, SunkMessage[]>();
    for (const m of this.messages) {
      const id = m.messageId ?? '(none)';
      by.set(id, [...(by.get(id) ?? []), m]);
    }
    return by;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}

/** The Message-ID header of a message (with its angle brackets), read from its header only. */
export function messageIdOf(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const header = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  return /^Message-ID:[ \t]*(<[^>]+>)/im.exec(header)?.[1];
}
