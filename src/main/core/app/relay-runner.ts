/**
 * The relay inside the app: started from the stored settings (plus the command line's
 * overrides), restarted when they change, stopped around the demo's own relay. A port in use is
 * not an exception here but a status the UI shows in words. While it runs, the outbox is nudged
 * after sleep and network changes (WakeWatch) and its state changes become 'delivery.changed'.
 */
import type { OutboundVia, RelayStatus } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { errorDetail, type ErrorDetail } from '../../../shared/errors.js';
import { isParleyError } from '../errors.js';
import type { OutboxWorker } from '../relay/outbox-worker.js';
import { startRelay, type RunningRelay } from '../relay/relay-service.js';
import type { OutboxItem } from '../store/outbox.js';
import type { AppEvents } from './events.js';
import { scrubber } from './privacy.js';
import type { SecretStore } from './secrets.js';
import { relayOptions, type RelayOverrides } from './settings.js';
import { WakeWatch, type WakeWatchOptions } from './wake-watch.js';

const NOT_STARTED: OutboundVia = { kind: 'not-started', where: null };

/** The transport's English description ("smarthost smtp://host:port", "local mailbox <folder>") as a kind and a place. */
export function outboundVia(transport: string): OutboundVia {
  const local = /^local mailbox (.+)$/.exec(transport);
  if (local) return { kind: 'local-mailbox', where: local[1] };
  return { kind: 'smarthost', where: transport.replace(/^smarthost (smtps?:\/\/)?([^@/]*@)?/, '') || null };
}

export class RelayRunner {
  private running: RunningRelay | undefined;
  private watch: WakeWatch | undefined;
  private current: RelayStatus = {
    running: false,
    smtp: null,
    submission: null,
    outbound: 'not started',
    outboundVia: NOT_STARTED,
    error: null,
  };
  /** Counts relay starts: which one a smarthost problem belongs to. */
  private runs = 0;
  /** Start and stop calls queue behind each other: a restart never overlaps a start. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: () => CoreContext,
    private readonly secrets: SecretStore,
    private readonly overrides: RelayOverrides,
    private readonly events: AppEvents,
    private readonly wakeOptions: WakeWatchOptions = {},
  ) {}

  get worker(): OutboxWorker | undefined {
    return this.running?.worker;
  }

  /** The last status, with the submission lockouts as they are now (they come and go while the relay runs). */
  status(): RelayStatus {
    return { ...this.current, authLockouts: this.lockouts() };
  }

  /**
   * A login is whatever a guesser typed (a buyer's address, say): only a shop's id is shown; any other login is ''
   * (the UI says "a login that is no shop's").
   */
  private lockouts(): RelayStatus['authLockouts'] {
    const ctx = this.ctx();
    return (this.running?.authLockouts() ?? []).map((l) =>
      l.kind === 'login' && !ctx.sellers.get(l.key) ? { ...l, key: '' } : l,
    );
  }

  start(hasSeller: boolean): Promise<void> {
    return this.serial(() => this.startNow(hasSeller));
  }

  stop(): Promise<void> {
    return this.serial(() => this.stopNow(null));
  }

  restart(hasSeller: boolean): Promise<void> {
    return this.serial(async () => {
      await this.stopNow(null);
      await this.startNow(hasSeller);
    });
  }

  /** Runs `work` with the relay stopped (the demo runs its own relay over the same store). */
  async paused<T>(work: () => Promise<T>, hasSellerAfter: () => boolean): Promise<T> {
    return this.serial(async () => {
      await this.stopNow(null);
      try {
        return await work();
      } finally {
        await this.startNow(hasSellerAfter());
      }
    });
  }

  /** After sleep or a network change: deferred items are due now, and the worker looks at once. */
  retryDeferred(): number {
    const worker = this.running?.worker;
    if (!worker) return 0;
    const n = this.ctx().outbox.retryAllDeferred();
    worker.poll();
    return n;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => {});
    return next;
  }

  private async startNow(hasSeller: boolean): Promise<void> {
    if (this.running) return;
    const ctx = this.ctx();
    if (!hasSeller) {
      this.setStatus({
        running: false,
        smtp: null,
        submission: null,
        outbound: 'not started',
        outboundVia: NOT_STARTED,
        error: null,
      });
      return;
    }
    const opts = relayOptions(ctx, this.secrets, this.overrides);
    try {
      // A late answer of a relay stopped meanwhile says nothing about the one running now.
      const run = ++this.runs;
      this.running = await startRelay(ctx, {
        ...opts,
        onSmarthostProblem: (p) => run === this.runs && this.running && this.smarthostProblem(p),
      });
    } catch (err) {
      const { error, errorDetail } = whyNotStarted(err, this.overrides);
      ctx.log.warn('relay', `the relay did not start: ${error}`);
      this.setStatus({
        running: false,
        smtp: null,
        submission: null,
        outbound: opts.smarthost ? 'smarthost' : 'local mailbox',
        outboundVia: { kind: opts.smarthost ? 'smarthost' : 'local-mailbox', where: null },
        error,
        errorDetail,
      });
      return;
    }
    const relay = this.running;
    relay.worker.on('state', (item) => this.deliveryChanged(item));
    relay.onAuthLockout(() => this.events.emit('relay.status', this.status()));
    this.watch = new WakeWatch(() => this.retryDeferred(), this.wakeOptions);
    this.watch.start();
    this.setStatus({
      running: true,
      smtp: `${opts.smtp.host}:${relay.smtpPort}`,
      submission: `${opts.submission.host}:${relay.submissionPort}`,
      outbound: relay.transport.replace(/^smarthost smtps?:\/\/[^@]*@/, 'smarthost '),
      outboundVia: outboundVia(relay.transport),
      error: null,
    });
  }

  private async stopNow(error: string | null): Promise<void> {
    this.watch?.stop();
    this.watch = undefined;
    const relay = this.running;
    this.running = undefined;
    if (!relay) return;
    await relay.stop();
    this.setStatus({
      running: false,
      smtp: null,
      submission: null,
      outbound: this.current.outbound,
      outboundVia: this.current.outboundVia,
      error,
    });
  }

  /** A certificate problem or a missing STARTTLS at the smarthost, in the status while it lasts. */
  private smarthostProblem(problem: { message: string; detail: ErrorDetail } | null): void {
    this.setStatus({
      ...this.current,
      smarthostError: problem?.message ?? null,
      smarthostErrorDetail: problem?.detail ?? null,
    });
  }

  private setStatus(status: RelayStatus): void {
    this.current = status;
    this.events.emit('relay.status', this.status());
  }

  /** One row per state change; the conversation is looked up so the UI can refresh only it. */
  deliveryChanged(item: OutboxItem): void {
    const ctx = this.ctx();
    const conv = item.messageId === null ? undefined : ctx.conversations.ofMessage(item.messageId);
    // A smarthost's error often quotes the recipient: the buyer's real address becomes the alias (R5).
    const scrub = scrubber([conv?.buyerEmail], conv?.alias ? ctx.addresses.aliasAddress(conv.alias) : 'the buyer');
    this.events.emit('delivery.changed', {
      outboxId: item.id,
      messageId: item.messageId,
      conversationId: conv?.conversationId ?? null,
      state: item.state,
      nextAttemptAt: item.state === 'queued' || item.state === 'deferred' ? item.nextAttemptAt : null,
      lastError: item.lastError === null ? null : scrub(item.lastError),
    });
    this.events.countsSoon();
  }
}

/** Why the relay did not start, in English (CLI, log) and as a message key the UI words in the seller's language. */
function whyNotStarted(err: unknown, overrides: RelayOverrides): { error: string; errorDetail: ErrorDetail } {
  if (isParleyError(err) && err.detail) return { error: err.message, errorDetail: err.detail };
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  const where = e.address ? `${e.address}:${e.port}` : 'the relay port';
  // A port the command line gave is changed there: Settings' port fields do not apply to this run.
  const flag =
    e.port !== undefined && overrides.submission?.port === e.port
      ? '--submission'
      : e.port !== undefined && overrides.smtp?.port === e.port
        ? '--smtp'
        : null;
  switch (e.code) {
    case 'EADDRINUSE':
      if (flag)
        return {
          error: `${where} is already in use by another program: start Parley with another port (${flag} HOST:PORT)`,
          errorDetail: errorDetail('relay.portInUseCommandLine', { where, flag }),
        };
      return {
        error: `${where} is already in use by another program: choose other ports in Settings`,
        errorDetail: errorDetail('relay.portInUse', { where }),
      };
    case 'EACCES':
      return {
        error: `${where} needs administrator rights: choose a port above 1023 in Settings`,
        errorDetail: errorDetail('relay.portNeedsAdmin', { where }),
      };
    case 'EADDRNOTAVAIL':
      return {
        error: `${where} is not an address of this computer: check the relay settings`,
        errorDetail: errorDetail('relay.addressNotHere', { where }),
      };
    default:
      return {
        error: `The relay could not start: ${e.message}`,
        errorDetail: errorDetail('relay.couldNotStart', { message: String(e.message) }),
      };
  }
}
