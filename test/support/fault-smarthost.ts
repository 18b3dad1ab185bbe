import net from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { messageIdOf } from './sink.js';

/** What the smarthost does with one transaction. */
export type Fault =
  | { kind: 'accept' }
  /** Refuses the recipient with this reply (4xx: try later, 5xx: never). */
  | { kind: 'refuse'; code: number; text: string }
  /** Accepts the recipient, but only after `ms`. */
  | { kind: 'slow-rcpt'; ms: number }
  /** Cuts the connection once part of the message has arrived (the message is not kept). */
  | { kind: 'drop-mid-data' }
  /** Keeps the message and answers its final dot with 250, but only after `ms`. */
  | { kind: 'slow-final-reply'; ms: number };

export interface Taken {
  to: string[];
  raw: Buffer;
  messageId: string | undefined;
}

/**
 * A smarthost on 127.0.0.1 that misbehaves on purpose. Each message keeps what its 250 promised: it counts as
 * taken the moment the smarthost decides to answer 250, whether or not the client is still there to hear it,
 * like a real MTA that queued it. `fault(rcpt, n)` decides per recipient and per try (n = 1, 2, …).
 */
export class FaultSmarthost {
  readonly taken: Taken[] = [];
  /** Transactions that reached RCPT, per recipient address. */
  readonly tries = new Map<string, number>();
  /** Every reply the server lets a hook answer is delayed by this (greeting, MAIL, RCPT, the final dot). */
  replyDelayMs = 0;
  /** Runs right after a message's 250 was written, in the same task (a test may hold the event loop there). */
  afterTaken: ((taken: Taken) => void) | undefined;
  /** The greeting alone is this late (on top of `replyDelayMs`). */
  greetingDelayMs = 0;
  port = 0;
  private server: SMTPServer | undefined;
  private readonly sockets = new Map<string, net.Socket>();
  private readonly faults = new WeakMap<SMTPServerSession, Fault>();
  private waiters: (() => void)[] = [];

  constructor(public fault: (rcpt: string, n: number) => Fault = () => ({ kind: 'accept' })) {}

  async start(): Promise<void> {
    const later = (cb: () => void) => (this.replyDelayMs > 0 ? setTimeout(cb, this.replyDelayMs) : cb());
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
      onConnect: (_session, cb) => later(() => setTimeout(() => cb(), this.greetingDelayMs)),
      onMailFrom: (_address, _session, cb) => later(() => cb()),
      onRcptTo: (address, session, cb) => {
        const rcpt = address.address.toLowerCase();
        const n = (this.tries.get(rcpt) ?? 0) + 1;
        this.tries.set(rcpt, n);
        const fault = this.fault(rcpt, n);
        const answer = () => {
          if (fault.kind === 'refuse') return cb(Object.assign(new Error(fault.text), { responseCode: fault.code }));
          this.faults.set(session, fault);
          cb();
        };
        if (fault.kind === 'slow-rcpt') setTimeout(answer, fault.ms);
        else later(answer);
      },
      onData: (stream, session, cb) => this.data(stream, session, cb),
    });
    this.server.server.on('connection', (s: net.Socket) => {
      const key = `${s.remoteAddress}:${s.remotePort}`;
      this.sockets.set(key, s);
      s.on('close', () => this.sockets.delete(key));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as net.AddressInfo).port;
    this.server.on('error', () => {}); // a client cut off mid-session (see drop-mid-data) resets its connection
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?starttls=never`;
  }

  private data(stream: SMTPServerDataStream, session: SMTPServerSession, cb: (err?: Error | null) => void): void {
    const fault = this.faults.get(session) ?? { kind: 'accept' };
    const chunks: Buffer[] = [];
    if (fault.kind === 'drop-mid-data') {
      stream.once('data', () => this.sockets.get(`${session.remoteAddress}:${session.remotePort}`)?.destroy());
      stream.on('error', () => {});
      return;
    }
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const take = () => {
        const raw = Buffer.concat(chunks);
        const taken = { to: session.envelope.rcptTo.map((r) => r.address), raw, messageId: messageIdOf(raw) };
        this.taken.push(taken);
        for (const w of this.waiters.splice(0)) w();
        cb();
        this.afterTaken?.(taken);
      };
      const ms = fault.kind === 'slow-final-reply' ? fault.ms : this.replyDelayMs;
      if (ms > 0) setTimeout(take, ms);
      else take();
    });
  }

  /** Copies taken per Message-ID. */
  copies(): Map<string, number> {
    const by = new Map<string, number>();
    for (const t of this.taken) by.set(t.messageId ?? '(none)', (by.get(t.messageId ?? '(none)') ?? 0) + 1);
    return by;
  }

  /** Resolves once `pred` holds over what was taken; rejects after `ms`. */
  async until(pred: (taken: Taken[]) => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred(this.taken)) {
      if (Date.now() > deadline) throw new Error(`smarthost: waited ${ms} ms for ${what}; took ${this.taken.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    for (const s of this.sockets.values()) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
