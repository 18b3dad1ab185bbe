/**
 * One connected mailbox: connect, open the folder, take every message in it (batched FETCH by UID, the records
 * group-committed, then MOVE in batches), wait with IDLE (or poll), and on any failure reconnect with exponential
 * backoff. A message leaves the folder only after its outcome committed; whatever is left after a dropped connection
 * is taken again on the next scan and, already seen, only moved.
 */
import type { ImapFlow } from 'imapflow';
import type { CoreContext } from '../context.js';
import { isParleyError, ParleyError } from '../errors.js';
import type { IntakeAccountRow, IntakeStore } from '../store/intake.js';
import { nextBackoff } from './backoff.js';
import { openClient, problemOf } from './connect.js';
import { Taker, type Disposition } from './take.js';
import type { IntakeProblem, IntakeStateName, IntakeStatus } from './types.js';

export const DONE_FOLDER = 'Parley/Done';
export const HELD_FOLDER = 'Parley/Held';

/** Messages and bytes fetched per round trip: enough to fill a group commit, small enough to keep memory flat. */
const BATCH_MESSAGES = 250;
const BATCH_BYTES = 32 * 1024 * 1024;

export interface RunnerOptions {
  pollMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  maxBytes: number;
  log: (line: string) => void;
}

export interface RunnerSecrets {
  password?: string;
  accessToken?: string;
}

export const labelOf = (a: IntakeAccountRow) => `${a.user}@${a.host} · ${a.folder}`;

export function toProblem(err: unknown): IntakeProblem {
  const e = isParleyError(err) ? err : new ParleyError('EDELIVERY', (err as Error)?.message ?? String(err));
  return {
    code: e.code,
    message: e.message,
    key: e.detail?.key ?? 'intake.unreachable',
    params: (e.detail?.params as IntakeProblem['params']) ?? { host: '' },
  };
}

export class AccountRunner {
  readonly status: IntakeStatus;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private client: ImapFlow | undefined;
  private folders = { done: DONE_FOLDER, held: HELD_FOLDER };
  /** The current connection logged in and opened the folder. */
  private healthy = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly intake: IntakeStore,
    readonly account: IntakeAccountRow,
    private readonly secrets: () => RunnerSecrets,
    private readonly opts: RunnerOptions,
    private readonly emit: (s: IntakeStatus) => void,
  ) {
    this.status = {
      accountId: account.id,
      sellerId: account.sellerId,
      label: labelOf(account),
      state: 'stopped',
      idleSupported: null,
      lastCheckAt: null,
      nextRetryAt: null,
      lastError: null,
      pollSeconds: Math.round(opts.pollMs / 1000),
      ...intake.counts(account.id),
    };
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    this.client?.close();
    await this.loop;
    this.loop = undefined;
  }

  /** Ends a wait (poll, IDLE, backoff) now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private set(state: IntakeStateName, patch: Partial<IntakeStatus> = {}): void {
    Object.assign(this.status, patch, { state }, this.intake.counts(this.account.id));
    this.emit({ ...this.status });
  }

  private wait(ms: number | null): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = ms === null ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.woken = false;
        done();
      };
    });
  }

  private async run(): Promise<void> {
    let backoff = this.opts.minBackoffMs;
    while (!this.stopping) {
      try {
        this.set('connecting', { nextRetryAt: null });
        await this.session();
      } catch (err) {
        if (this.stopping) break;
        // A connection that worked ends the series: the first retry after it waits the minimum again.
        if (this.healthy) backoff = this.opts.minBackoffMs;
        this.healthy = false;
        const problem = toProblem(problemOf(err, this.account, this.account.folder));
        const retryAt = new Date(Date.now() + backoff);
        this.set('retrying', { lastError: problem, nextRetryAt: retryAt.toISOString() });
        this.opts.log(`intake ${this.account.id}: ${problem.message}; trying again in ${Math.round(backoff / 1000)} s`);
        await this.wait(backoff);
        backoff = nextBackoff(backoff, this.opts.maxBackoffMs);
        continue;
      } finally {
        this.client?.close();
        this.client = undefined;
      }
      backoff = this.opts.minBackoffMs;
    }
    this.set('stopped', { nextRetryAt: null });
  }

  /** One connection's life; returns only when stopping, throws on any failure. */
  private async session(): Promise<void> {
    const a = this.account;
    const secret = this.secrets();
    const client = await openClient({
      host: a.host,
      port: a.port,
      secure: a.secure,
      user: a.user,
      ...secret,
      trustFingerprint: a.trustFingerprint,
      maxLiteralSize: this.opts.maxBytes + 1024 * 1024,
    });
    this.client = client;
    if (this.stopping) return;
    const idleSupported = client.capabilities.has('IDLE');
    this.folders = await ensureFolders(client);
    await client.mailboxOpen(a.folder).catch((err: unknown) => {
      throw problemOf(err, a, a.folder);
    });
    // Logged in and the folder open: a drop from here on is a new series of retries, starting at the minimum wait.
    this.healthy = true;
    const onChange = () => this.wake();
    client.on('exists', onChange);
    client.on('close', onChange);
    this.status.idleSupported = idleSupported;
    let first = true;
    while (!this.stopping) {
      if (!client.usable) throw new ParleyError('EDELIVERY', `the connection to ${a.host} was closed`);
      this.set('fetching', first ? { lastError: null, nextRetryAt: null } : {});
      first = false;
      // A fresh view of the folder: NOOP lets the server report what arrived since.
      if (!idleSupported) await client.noop();
      await this.scan(client);
      this.set(idleSupported ? 'idle' : 'polling', { lastCheckAt: new Date().toISOString() });
      if (this.woken) {
        this.woken = false;
        continue;
      }
      if (idleSupported) {
        const idling = client.idle().catch(() => {});
        // A server may end IDLE on its own after a while; check again at least every pollMs × 10 then.
        await this.wait(Math.max(this.opts.pollMs * 10, 60_000));
        void idling;
      } else {
        await this.wait(this.opts.pollMs);
      }
    }
  }

  /** Takes everything in the folder, oldest first, in batches. */
  private async scan(client: ImapFlow): Promise<void> {
    const a = this.account;
    const box = client.mailbox;
    if (!box) throw new ParleyError('EDELIVERY', 'the folder is not open');
    const uidValidity = Number(box.uidValidity);
    const known = this.intake.folderState(a.id, a.folder);
    if (known && known.uidValidity !== uidValidity) {
      // Every UID is new under a new UIDVALIDITY: everything in the folder is read again, the seen rows keep it once.
      this.opts.log(`intake ${a.id}: the folder's UIDVALIDITY changed; reading it again`);
      await this.ctx.store.commits.run(() => this.intake.resetFolder(a.id, a.folder, uidValidity));
    }
    if (box.exists === 0) return;
    const list = await client.fetchAll('1:*', { uid: true, size: true }, { uid: false });
    const taker = new Taker({
      ctx: this.ctx,
      intake: this.intake,
      account: a,
      folder: a.folder,
      uidValidity,
      maxBytes: this.opts.maxBytes,
    });
    list.sort((x, y) => x.uid - y.uid);
    let i = 0;
    while (i < list.length && !this.stopping) {
      const batch: number[] = [];
      const tooLarge: { uid: number; size: number }[] = [];
      let bytes = 0;
      for (; i < list.length && batch.length < BATCH_MESSAGES; i++) {
        const size = list[i].size ?? 0;
        if (size > this.opts.maxBytes) {
          tooLarge.push({ uid: list[i].uid, size });
          continue;
        }
        if (batch.length > 0 && bytes + size > BATCH_BYTES) break;
        batch.push(list[i].uid);
        bytes += size;
      }
      const outcomes: Promise<{ uid: number; to: Disposition }>[] = [];
      if (batch.length > 0) {
        for await (const m of client.fetch(batch.join(','), { uid: true, source: true }, { uid: true })) {
          if (!m.source) continue;
          const uid = m.uid;
          outcomes.push(taker.take(uid, m.source).then((to) => ({ uid, to })));
        }
      }
      for (const t of tooLarge) {
        // Only the header crosses the wire: the body of a message the relay would refuse is never buffered.
        const m = await client.fetchOne(String(t.uid), { uid: true, headers: true }, { uid: true });
        const header = m && m.headers ? m.headers : Buffer.alloc(0);
        outcomes.push(taker.holdTooLarge(t.uid, header, t.size).then((to) => ({ uid: t.uid, to })));
      }
      const settled = await Promise.allSettled(outcomes);
      const done = settled.flatMap((s) => (s.status === 'fulfilled' && s.value.to === 'done' ? [s.value.uid] : []));
      const held = settled.flatMap((s) => (s.status === 'fulfilled' && s.value.to === 'held' ? [s.value.uid] : []));
      // Committed first, moved after: a drop in between leaves them in the folder, seen, to be moved next time.
      if (done.length > 0) await move(client, done, this.folders.done);
      if (held.length > 0) await move(client, held, this.folders.held);
      if (done.length + held.length > 0)
        this.opts.log(`intake ${this.account.id}: took ${done.length} messages, held ${held.length}`);
      this.set('fetching');
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }
  }
}

/** Parley/Done and Parley/Held in the server's own hierarchy separator; made when missing. */
async function ensureFolders(client: ImapFlow): Promise<{ done: string; held: string }> {
  const list = await client.list();
  const sep = list.find((f) => f.delimiter)?.delimiter ?? '/';
  const existing = new Set(list.map((f) => f.path));
  const [done, held] = [DONE_FOLDER, HELD_FOLDER].map((p) => p.split('/').join(sep));
  for (const path of [done, held]) {
    if (!existing.has(path)) await client.mailboxCreate(path.split(sep)).catch(() => {});
  }
  return { done, held };
}

/** MOVE where the server has it, else COPY + \Deleted + UID EXPUNGE of exactly those UIDs (imapflow's fallback). */
async function move(client: ImapFlow, uids: number[], folder: string): Promise<void> {
  await client.messageMove(compress(uids), folder, { uid: true });
}

/** "1:5,7,9:10" */
export function compress(uids: number[]): string {
  const s = [...uids].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(i === j ? String(s[i]) : `${s[i]}:${s[j]}`);
    i = j + 1;
  }
  return out.join(',');
}
