import { EventEmitter } from 'node:events';
import { stderrLog, type Log } from '../log.js';
import { outgoingParts, type OutboxItem, type OutboxRepo } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import type { SendItem, Transport } from './transports.js';

export interface OutboxOptions {
  /** First retry delay in ms; each later one doubles, up to `maxBackoffMs` (Postfix-like). */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How often the worker looks for due items written by other processes (CLI), in ms. */
  pollMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  baseBackoffMs: 5 * 60_000, // 5 min, doubling: 5, 10, 20, 40, 60, 60 … like Postfix's queue
  maxBackoffMs: 60 * 60_000, // 1 h
  pollMs: 1_000,
  concurrency: 10,
};

export interface OutboxEvents {
  /** An item reached a final or deferred state. */
  state: [item: OutboxItem];
  /** A delivery gave up: the caller notifies the seller. */
  failed: [item: OutboxItem, error: string];
}

/**
 * Delivers outbox items with retry and backoff. State lives only in the store, so a restart
 * picks up exactly what is still queued; an item in flight is never started twice in one process.
 */
export class OutboxWorker extends EventEmitter<OutboxEvents> {
  private readonly inFlight = new Set<number>();
  /**
   * Ids this process finished lately. A timer scan can find a new item before its commit hands
   * it over; this keeps the handed-over copy from going out a second time.
   */
  private readonly finished = new Set<number>();
  /** Items just committed by this process: delivered without asking the store what is due. */
  private readonly ready: OutboxItem[] = [];
  /** The store is asked for due items on the timer, or again while a scan came back full. */
  private scanDue = true;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private scanning = false;
  private rescan = false;
  private lastRecordError = 0;

  constructor(
    private readonly store: Store,
    private readonly outbox: OutboxRepo,
    private readonly transport: Transport,
    private readonly opts: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
    private readonly log: Log = stderrLog(),
  ) {
    super();
  }

  start(): void {
    this.stopped = false;
    // Attempts a killed process left open: sent again (a copy may have arrived; SMTP cannot tell), said once.
    const inDoubt = this.outbox.inDoubt();
    if (inDoubt.length > 0) {
      this.store.commits.runNow(() => this.outbox.settleInDoubt(inDoubt));
      this.log.warn(
        'outbox',
        `${inDoubt.length} deliveries were being handed over when the relay stopped; sending them again`,
      );
    }
    this.timer = setInterval(() => {
      this.scanDue = true;
      this.kick();
    }, this.opts.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Waits for deliveries in flight, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 20));
    await this.transport.close();
  }

  /** New outbox items committed by this process. */
  enqueue(items: OutboxItem[]): void {
    this.ready.push(...items);
    this.kick();
  }

  /** Ask the store for due work now ("retry now", after sleep or a network change, or work another process queued). */
  poll(): void {
    this.scanDue = true;
    this.kick();
  }

  /** An attempt for this item is under way in this process right now. */
  isInFlight(id: number): boolean {
    return this.inFlight.has(id);
  }

  /**
   * The seller cancelled the item: a copy handed over earlier (`enqueue`) must not start. Returns
   * false when an attempt is already under way; that one can no longer be called back.
   */
  cancel(id: number): boolean {
    if (this.inFlight.has(id)) return false;
    this.finished.add(id);
    return true;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      do {
        this.rescan = false;
        while (this.ready.length > 0 && this.inFlight.size < this.opts.concurrency) {
          const item = this.ready.shift()!;
          if (!this.inFlight.has(item.id) && !this.finished.has(item.id)) this.deliver(item);
        }
        const room = this.opts.concurrency - this.inFlight.size;
        if (room <= 0 || !this.scanDue) break;
        const due = this.outbox.due(room, this.inFlight);
        this.scanDue = due.length === room;
        for (const item of due) this.deliver(item);
      } while (this.rescan);
    } finally {
      this.scanning = false;
    }
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private deliver(item: OutboxItem): void {
    this.inFlight.add(item.id);
    void this.attempt(item).finally(() => {
      this.inFlight.delete(item.id);
      this.finished.add(item.id);
      // Oldest first (a Set keeps insertion order): a few thousand ids cover any hand-over delay.
      if (this.finished.size > 4096) this.finished.delete(this.finished.values().next().value!);
      this.kick();
    });
  }

  private async attempt(item: OutboxItem): Promise<void> {
    let raw: Buffer[];
    try {
      raw = outgoingParts(item, this.store.blobs);
    } catch (err) {
      const why = `message file missing: ${(err as Error).message}`;
      if (await this.record(item.id, () => this.outbox.markFinal(item.id, 'failed', why))) this.finish(item, why);
      return;
    }
    // The attempt is on record before a byte goes out (see OutboxRepo.inDoubt); not durable, like the outcome.
    if (!(await this.record(item.id, () => this.outbox.markSending(item.id), false))) return;
    let response: string;
    const sending: SendItem = {
      outboxId: item.id,
      clockOffsetMs: this.store.clock.now().getTime() - Date.now(),
      // Bytes read or assembled for this attempt are the transport's; an inline copy stays with the item.
      handOver: raw[0] !== item.content,
    };
    try {
      response = await this.transport.send({ from: item.envelopeFrom, to: item.recipients }, raw, sending);
    } catch (err) {
      await this.refused(item, err as Error & { responseCode?: number });
      return;
    }
    // The smarthost has it: nothing may send it again. The smarthost's client thread marked it already (then there is
    // nothing to do here); this is the mark for a transport that does not, or a thread that could not. Failing to write
    // it (a full disk) is not a failed delivery: the item stays in flight here, and the record is tried again until it
    // holds.
    if (!sending.markedDelivered)
      for (let tries = 0; !(await this.record(item.id, () => this.outbox.markDelivered(item.id, response), false));) {
        if (this.stopped) return; // left in doubt: the next start sends it again
        await new Promise((r) => setTimeout(r, Math.min(1_000 * 2 ** tries++, 30_000)));
      }
    this.log.info('outbox', `item ${item.id} (${item.kind}) delivered to ${item.recipients.join(', ')}: ${response}`);
    this.emitState(item.id);
  }

  /** The transport did not take the message: deferred with backoff, or failed (permanent, or past its lifetime). */
  private async refused(item: OutboxItem, e: Error & { responseCode?: number }): Promise<void> {
    const error = e.message.slice(0, 500);
    const now = this.store.clock.now();
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
    if (permanent || now.toISOString() >= item.expiresAt) {
      const why = permanent ? error : `gave up after the queue lifetime: ${error}`;
      if (await this.record(item.id, () => this.outbox.markFinal(item.id, 'failed', why))) this.finish(item, error);
    } else {
      const delay = Math.min(this.opts.baseBackoffMs * 2 ** item.attempts, this.opts.maxBackoffMs);
      const next = new Date(now.getTime() + delay);
      if (await this.record(item.id, () => this.outbox.markDeferred(item.id, error, next), false)) {
        this.log.info('outbox', `item ${item.id} (${item.kind}) deferred until ${next.toISOString()}: ${error}`);
        this.emitState(item.id);
      }
    }
  }

  /**
   * Commits one state change; false (logged) when the store refused it, e.g. a full disk. An unrecorded
   * refusal leaves the item due, so a later scan tries it again; nothing was handed over twice.
   */
  private async record(id: number, change: () => void, durable = true): Promise<boolean> {
    try {
      await this.store.commits.run(change, { durable });
      return true;
    } catch (err) {
      // One line a minute: while the disk is full every due item would say the same on every scan.
      if (Date.now() - this.lastRecordError >= 60_000) {
        this.lastRecordError = Date.now();
        this.log.error('outbox', `outbox item ${id}: could not record its state: ${(err as Error).message}`);
      }
      return false;
    }
  }

  /** Reads the item back only when somebody listens (the app does; `parley serve` does not). */
  private emitState(id: number): void {
    if (this.listenerCount('state') > 0) this.emit('state', this.outbox.get(id)!);
  }

  private finish(attempted: OutboxItem, error: string): void {
    this.log.warn('outbox', `item ${attempted.id} (${attempted.kind}) failed: ${error}`);
    const item = this.outbox.get(attempted.id)!;
    this.emit('state', item);
    this.emit('failed', item, error);
  }
}
