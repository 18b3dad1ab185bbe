import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorDetail } from '../../../shared/errors.js';
import { HELPER_THREAD_LIMITS } from '../worker-limits.js';
import {
  normalizeFingerprint,
  SMARTHOST_SECURITIES,
  smarthostSecurity,
  withSmarthostSecurity,
  type SmarthostSecurity,
} from '../../../shared/smarthost-url.js';

export interface Envelope {
  /** '' is the null sender `<>` (bounce notices). */
  from: string;
  to: string[];
}

/** Which outbox item a send delivers, for a transport that marks it delivered itself (the smarthost's). */
export interface SendItem {
  outboxId: number;
  /** The store clock minus the system clock, ms: the mark's time on the store's clock. */
  clockOffsetMs: number;
  /** The caller is done with `raw`: its memory may move to the client thread instead of being copied. */
  handOver?: boolean;
  /** Set by the transport once the message went: true when the item is on record as delivered already. */
  markedDelivered?: boolean;
}

/**
 * Where the outbox worker hands mail over: the bytes whole, or in pieces sent one after another. A thrown error with
 * `responseCode` >= 500 is permanent.
 */
export interface Transport {
  readonly description: string;
  send(envelope: Envelope, raw: Buffer | Buffer[], item?: SendItem): Promise<string>;
  /** Resolves once nothing of the transport runs any more (no thread left writing in the data folder). */
  close(): Promise<void>;
}

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** How long the client waits for the smarthost, in ms. */
export interface SmarthostTimeouts {
  /**
   * For the greeting and each reply before the message's final dot (and an idle connection): a smarthost silent
   * this long counts as down for this attempt.
   */
  replyMs: number;
  /**
   * For the reply to the message's final dot. A timeout there cannot tell a lost message from a slow 250, and the
   * retry would send a second copy; RFC 5321 4.5.3.2.6 asks for at least 10 minutes.
   */
  finalReplyMs: number;
}

// ms: the TCP connect alone; a refused connection defers at once, a black hole after this.
const CONNECT_MS = 10_000;

export const DEFAULT_SMARTHOST_TIMEOUTS: SmarthostTimeouts = {
  replyMs: 60_000, // 1 min: a hung smarthost defers the outbox instead of holding its slots
  finalReplyMs: 10 * 60_000, // 10 min: RFC 5321's minimum for the DATA termination reply
};

export { normalizeFingerprint, SMARTHOST_SECURITIES, smarthostSecurity, withSmarthostSecurity };
export type { SmarthostSecurity };

/**
 * A smarthost on this machine (tests, a local sink): STARTTLS there is used when offered unless `?starttls=required`,
 * and `?tls=insecure` (no certificate check) holds only there.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export interface SmarthostOptions {
  /** The store's database (`Store.deliveredMarks()`): the client thread marks a delivery the moment its 250 arrives. */
  marks?: { file: string; nativeBinding?: string };
  maxConnections?: number;
  dkim?: DkimOptions;
  name?: string;
  timeouts?: Partial<SmarthostTimeouts>;
  /** The seller's "trust this certificate": the SHA-256 fingerprint of a certificate accepted as it is. */
  fingerprint?: string | null;
  /** A PEM authority trusted besides the system's (tests). */
  ca?: string;
  /**
   * A certificate problem or a missing STARTTLS while sending (the outbox waits meanwhile), and null once a message
   * went through again: the relay status shows it.
   */
  onProblem?: (problem: SmarthostProblem | null) => void;
}

export interface SmarthostProblem {
  message: string;
  detail: ErrorDetail;
}

/**
 * nodemailer options for a smarthost URL: smtp://user:pass@host:port?starttls=never&tls=insecure. `tls=insecure`
 * (no certificate check) holds only for a smarthost on this machine; anywhere else a certificate is verified, and a
 * self-signed one is trusted by its fingerprint instead.
 */
export function smarthostOptions(url: string, opts: SmarthostOptions): Record<string, unknown> {
  const timeouts = { ...DEFAULT_SMARTHOST_TIMEOUTS, ...opts.timeouts };
  const u = new URL(url);
  const security = smarthostSecurity(url);
  const loopback = isLoopbackHost(u.hostname);
  const insecure = loopback && u.searchParams.get('tls') === 'insecure';
  return {
    pool: true,
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Infinity,
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)),
    secure: u.protocol === 'smtps:',
    name: opts.name,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // Read by smtp-client-thread.js, which builds the `tls` options itself (smarthost-tls.js: the pin needs code).
    insecure,
    fingerprint: opts.fingerprint ? (normalizeFingerprint(opts.fingerprint) ?? undefined) : undefined,
    ca: opts.ca,
    ignoreTLS: security === 'none',
    // STARTTLS is required of any smarthost but one on this machine, which uses it when offered (or when asked to).
    requireTLS: security === 'starttls' && (!loopback || u.searchParams.get('starttls') === 'required'),
    // nodemailer's connection deadline also covers the greeting: the TCP connect gets CONNECT_MS, the greeting is a
    // reply like any other (a smarthost that greets after 30 s still gets its mail).
    connectionTimeout: CONNECT_MS + timeouts.replyMs,
    greetingTimeout: timeouts.replyMs,
    socketTimeout: timeouts.replyMs,
    // Read by smtp-client-thread.js, not by nodemailer: the socket timeout while the final reply is awaited.
    finalReplyTimeout: timeouts.finalReplyMs,
    dkim: opts.dkim,
  };
}

interface Waiting {
  resolve: (response: string, fingerprint?: string, marked?: boolean) => void;
  reject: (err: Error) => void;
}

interface ClientReply {
  id: number;
  ok: boolean;
  response?: string;
  message?: string;
  responseCode?: number;
  code?: string;
  detail?: ErrorDetail;
  fingerprint?: string;
  /** The client thread recorded the outbox item as delivered. */
  marked?: boolean;
}

/** A failure of the smarthost client: nodemailer's code, and for a certificate the words' key and its fingerprint. */
export type SmarthostError = Error & {
  responseCode?: number;
  code?: string;
  detail?: ErrorDetail;
  fingerprint?: string;
};

/**
 * A smarthost over SMTP, connections pooled (nodemailer `pool`), the client on its own worker
 * thread: under load the main event loop belongs to the inbound listeners.
 */
export class SmarthostTransport implements Transport {
  readonly description: string;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private jobs: { id: number; envelope: Envelope; raw: Uint8Array[]; item?: Omit<SendItem, 'handOver'> }[] = [];
  private problem: string | null = null;
  private exited = false;
  private readonly onProblem: SmarthostOptions['onProblem'];

  constructor(url: string, opts: SmarthostOptions = {}) {
    this.onProblem = opts.onProblem;
    const u = new URL(url);
    this.description = `smarthost ${u.protocol}//${u.host}`;
    this.worker = new Worker(new URL('./smtp-client-thread.js', import.meta.url), {
      workerData: { options: smarthostOptions(url, opts), marks: opts.marks },
      resourceLimits: HELPER_THREAD_LIMITS,
    });
    this.worker.unref();
    this.worker.once('exit', () => (this.exited = true));
    this.worker.on('message', (m: ClientReply | { answers: ClientReply[] }) => {
      for (const a of 'answers' in m ? m.answers : [m]) this.answered(a);
    });
    this.worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  private answered(m: ClientReply): void {
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (m.ok) w?.resolve(m.response ?? '250 OK', m.fingerprint, m.marked);
    else {
      const { responseCode, code, detail, fingerprint } = m;
      w?.reject(Object.assign(new Error(m.message), { responseCode, code, detail, fingerprint }));
    }
  }

  /**
   * Sends of one turn go to the client thread as one message: the outbox starts several at once (their attempts went
   * on record in one commit), and each message to a thread costs a wake-up.
   */
  private flushJobs(): void {
    const jobs = this.jobs;
    this.jobs = [];
    if (jobs.length === 0) return;
    try {
      const moved = new Set(
        jobs.flatMap((j) => j.raw.filter((p) => p.byteLength > 0).map((p) => p.buffer as ArrayBuffer)),
      );
      this.worker.postMessage({ jobs }, [...moved]);
    } catch (err) {
      for (const j of jobs) this.answered({ id: j.id, ok: false, message: (err as Error).message });
    }
  }

  send(envelope: Envelope, raw: Buffer | Buffer[], item?: SendItem): Promise<string> {
    const id = ++this.nextId;
    const sent = new Promise<string>((resolve, reject) => {
      const resolved = (response: string, _fingerprint?: string, marked?: boolean) => {
        if (item) item.markedDelivered = marked === true;
        resolve(response);
      };
      this.waiting.set(id, { resolve: resolved, reject });
      // Moved, not copied: a structured clone copies a view's whole backing store (8 KB of Buffer's pool for a small
      // message), and a large message twice over. Bytes the caller keeps, or that share memory, go as an exact copy.
      const own = (p: Buffer) =>
        item?.handOver === true &&
        !(p.buffer instanceof SharedArrayBuffer) &&
        p.byteOffset === 0 &&
        p.byteLength === p.buffer.byteLength &&
        p.byteLength > 0;
      const bytes = (Array.isArray(raw) ? raw : [raw]).map((p) => (own(p) ? p : new Uint8Array(p)));
      const msgItem = item && { outboxId: item.outboxId, clockOffsetMs: item.clockOffsetMs };
      if (this.jobs.length === 0) queueMicrotask(() => this.flushJobs());
      this.jobs.push({ id, envelope: { from: envelope.from, to: envelope.to }, raw: bytes, item: msgItem });
    });
    if (!this.onProblem) return sent;
    return sent.then(
      (response) => {
        this.report(null);
        return response;
      },
      (err: SmarthostError) => {
        if (err.detail) this.report({ message: err.message, detail: err.detail });
        throw err;
      },
    );
  }

  private report(problem: SmarthostProblem | null): void {
    if ((problem?.message ?? null) === this.problem) return;
    this.problem = problem?.message ?? null;
    this.onProblem?.(problem);
  }

  /**
   * Opens one connection as a message would (TLS, certificate, login) and closes it. Resolves how it was secured and
   * the certificate's fingerprint; rejects with a SmarthostError.
   */
  verify(): Promise<{ secured: string; fingerprint?: string }> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: (secured, fingerprint) => resolve({ secured, fingerprint }), reject });
      this.worker.postMessage({ id, type: 'verify' });
    });
  }

  /**
   * The thread quits its idle connections, marks what it delivered and closes its database connection, then ends; one
   * that has not ended after 1 s is terminated. Resolves when it has ended either way.
   */
  close(): Promise<void> {
    this.flushJobs(); // sends asked for before the close go first, as they always did
    if (this.exited) return Promise.resolve();
    const ended = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' });
    setTimeout(() => void this.worker.terminate(), 1_000).unref();
    return ended;
  }
}

/**
 * The embedded local mailbox: with no smarthost, outbound mail lands in a Maildir per
 * recipient under `<data>/mailbox/<address>/new`, written and fsynced before it counts as delivered.
 */
export class MaildirTransport implements Transport {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `local mailbox ${root}`;
  }

  async send(envelope: Envelope, parts: Buffer | Buffer[]): Promise<string> {
    const raw = Array.isArray(parts) ? Buffer.concat(parts) : parts;
    const returnPath = Buffer.from(`Return-Path: <${envelope.from}>\r\nDelivered-To: ${envelope.to.join(', ')}\r\n`);
    for (const rcpt of envelope.to) {
      const box = path.join(this.root, rcpt.toLowerCase().replace(/[^a-z0-9@._+-]/g, '_'));
      // Private like the rest of the data directory: buyers' mail is inside.
      for (const sub of ['tmp', 'new', 'cur'])
        await fs.promises.mkdir(path.join(box, sub), { recursive: true, mode: 0o700 });
      const name = `${Date.now()}.${process.pid}_${crypto.randomBytes(6).toString('hex')}.parley`;
      const tmp = path.join(box, 'tmp', name);
      const fh = await fs.promises.open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(Buffer.concat([returnPath, raw]));
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, path.join(box, 'new', name));
    }
    return `250 delivered to local mailbox (${envelope.to.length})`;
  }

  async close(): Promise<void> {}
}
