import type { Store } from './store.js';

export type OutboxKind = 'forward' | 'bounce-notice' | 'shipping-confirmation' | 'delivery-failure';
export type OutboxState = 'queued' | 'deferred' | 'delivered' | 'failed' | 'bounced' | 'cancelled';

export interface OutboxItem {
  id: number;
  messageId: number | null;
  kind: OutboxKind;
  envelopeFrom: string;
  recipients: string[];
  blobSha256: string;
  /**
   * The bytes to send when kept inline (small messages); else they are the blob `blobSha256`. With `splice`, the
   * bytes around the spliced range: the first `splice.headLength` before it, the rest after it.
   */
  content: Buffer | null;
  /** The outgoing copy's middle as a byte range of another blob (the raw message's body); null: none. */
  splice: OutboxSplice | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  expiresAt: string;
  lastError: string | null;
  deliveredAt: string | null;
}

/**
 * The bytes sent are content[0, headLength] + blob[start, end) + the rest of content. `blobSha256` is then the hash of
 * `content` (it names no file): each part is named by a hash of its own, the range by its blob's.
 */
export interface OutboxSplice {
  sha256: string;
  start: number;
  end: number;
  headLength: number;
}

type BlobReader = { get(sha256: string): Buffer; range(sha256: string, start: number, end: number): Buffer };

/** The bytes an item sends: inline, spliced from `content` and a range of a blob, or the blob `blobSha256`. */
export function outgoingBytes(item: Pick<OutboxItem, 'content' | 'splice' | 'blobSha256'>, blobs: BlobReader): Buffer {
  const parts = outgoingParts(item, blobs);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/**
 * The same bytes as `outgoingBytes`, a spliced item's as its three pieces (not copied into one buffer: for a large
 * message that copy costs more than the rest of the hand-over). Only an inline item's piece is `content` itself.
 */
export function outgoingParts(
  item: Pick<OutboxItem, 'content' | 'splice' | 'blobSha256'>,
  blobs: BlobReader,
): Buffer[] {
  const { content, splice } = item;
  if (splice && content)
    return [
      Buffer.from(content.subarray(0, splice.headLength)),
      blobs.range(splice.sha256, splice.start, splice.end),
      Buffer.from(content.subarray(splice.headLength)),
    ];
  return [content ?? blobs.get(item.blobSha256)];
}

interface OutboxRow {
  id: number;
  message_id: number | null;
  kind: OutboxKind;
  envelope_from: string;
  recipients: string;
  blob_sha256: string;
  content: Buffer | null;
  splice: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  expires_at: string;
  last_error: string | null;
  delivered_at: string | null;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  messageId: r.message_id,
  kind: r.kind,
  envelopeFrom: r.envelope_from,
  recipients: JSON.parse(r.recipients),
  blobSha256: r.blob_sha256,
  content: r.content,
  splice: r.splice ? (JSON.parse(r.splice) as OutboxSplice) : null,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  expiresAt: r.expires_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
});

/** Deliveries waiting for, or done by, the outbox worker. Every state change is logged in delivery_events. */
export class OutboxRepo {
  constructor(private readonly store: Store) {}

  enqueue(input: {
    messageId: number | null;
    kind: OutboxKind;
    envelopeFrom: string;
    recipients: string[];
    blobSha256: string;
    content?: Buffer | null;
    splice?: OutboxSplice | null;
    lifetimeMs: number;
  }): number {
    const now = this.store.clock.now();
    const info = this.store
      .stmt(
        `INSERT INTO outbox (message_id, kind, envelope_from, recipients, blob_sha256, content, splice, state, next_attempt_at, expires_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      )
      .run(
        input.messageId,
        input.kind,
        input.envelopeFrom,
        JSON.stringify(input.recipients),
        input.blobSha256,
        input.content ?? null,
        input.splice ? JSON.stringify(input.splice) : null,
        now.toISOString(),
        new Date(now.getTime() + input.lifetimeMs).toISOString(),
        now.toISOString(),
      );
    // The row's created_at is its 'queued' event: no separate line in delivery_events.
    return Number(info.lastInsertRowid);
  }

  /** The item as `enqueue` wrote it, without reading it back. */
  static fresh(id: number, input: Parameters<OutboxRepo['enqueue']>[0], now: Date): OutboxItem {
    return {
      id,
      messageId: input.messageId,
      kind: input.kind,
      envelopeFrom: input.envelopeFrom,
      recipients: input.recipients,
      blobSha256: input.blobSha256,
      content: input.content ?? null,
      splice: input.splice ?? null,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.lifetimeMs).toISOString(),
      lastError: null,
      deliveredAt: null,
    };
  }

  get(id: number): OutboxItem | undefined {
    const row = this.store.stmt('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row && toItem(row);
  }

  forMessage(messageId: number): OutboxItem[] {
    return (this.store.stmt('SELECT * FROM outbox WHERE message_id = ? ORDER BY id').all(messageId) as OutboxRow[]).map(
      toItem,
    );
  }

  due(limit: number, excluding: Set<number>): OutboxItem[] {
    const rows = this.store
      .stmt(
        `SELECT * FROM outbox WHERE state IN ('queued','deferred') AND next_attempt_at <= ?
      ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(this.store.nowIso(), limit + excluding.size) as OutboxRow[];
    return rows
      .filter((r) => !excluding.has(r.id))
      .slice(0, limit)
      .map(toItem);
  }

  pending(): OutboxItem[] {
    return (
      this.store.stmt(`SELECT * FROM outbox WHERE state IN ('queued','deferred') ORDER BY id`).all() as OutboxRow[]
    ).map(toItem);
  }

  /**
   * An attempt starts: on record before a byte goes out, so that a process that dies before the attempt's outcome
   * is on record leaves the item in doubt (`inDoubt`) rather than silently waiting.
   */
  markSending(id: number): void {
    this.logEvent(id, 'sending', null);
  }

  /** Waiting items whose last attempt started and never ended: the relay stopped while handing them over. */
  inDoubt(): number[] {
    return (
      this.store
        .stmt(
          `SELECT o.id FROM outbox o WHERE o.state IN ('queued','deferred')
        AND (SELECT e.state FROM delivery_events e WHERE e.outbox_id = o.id ORDER BY e.id DESC LIMIT 1) = 'sending'
        ORDER BY o.id`,
        )
        .all() as { id: number }[]
    ).map((r) => r.id);
  }

  /** Closes the open attempt of items in doubt; they are sent again (at least once: never lost, maybe twice). */
  settleInDoubt(ids: number[]): void {
    for (const id of ids)
      this.logEvent(id, 'in-doubt', 'the relay stopped during this attempt; sent again, a copy may have arrived');
  }

  /** Nothing to do when the SMTP client thread already marked it (`delivered-mark.js`: the same UPDATE). */
  markDelivered(id: number, response: string): void {
    const info = this.store
      .stmt(
        `UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL
      WHERE id = ? AND state IN ('queued','deferred')`,
      )
      .run(this.store.nowIso(), id);
    if (info.changes === 1) this.logEvent(id, 'delivered', response);
  }

  markDeferred(id: number, error: string, nextAttemptAt: Date): void {
    this.store
      .stmt(
        `UPDATE outbox SET state = 'deferred', attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
      )
      .run(error, nextAttemptAt.toISOString(), id);
    this.logEvent(id, 'deferred', error);
  }

  markFinal(id: number, state: 'failed' | 'bounced' | 'cancelled', error: string | null): void {
    this.store
      .stmt(
        `UPDATE outbox SET state = ?, attempts = attempts + CASE WHEN ? = 'failed' THEN 1 ELSE 0 END, last_error = ? WHERE id = ?`,
      )
      .run(state, state, error, id);
    this.logEvent(id, state, error);
  }

  /** "Retry now": a waiting item becomes due at once. False when it is no longer waiting. */
  retryNow(id: number): boolean {
    const info = this.store
      .stmt(`UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state IN ('queued','deferred')`)
      .run(this.store.nowIso(), id);
    return info.changes === 1;
  }

  /** After sleep or a network change: every deferred item is due now instead of at its backoff time. */
  retryAllDeferred(): number {
    return this.store
      .stmt(`UPDATE outbox SET next_attempt_at = ? WHERE state = 'deferred' AND next_attempt_at > ?`)
      .run(this.store.nowIso(), this.store.nowIso()).changes;
  }

  /**
   * The seller cancels a waiting item; false when it was no longer waiting (delivered, failed, in flight elsewhere).
   */
  cancel(id: number): boolean {
    const info = this.store
      .stmt(`UPDATE outbox SET state = 'cancelled', last_error = NULL WHERE id = ? AND state IN ('queued','deferred')`)
      .run(id);
    if (info.changes === 1) this.logEvent(id, 'cancelled', 'cancelled by the seller');
    return info.changes === 1;
  }

  /**
   * A forward as the worker would have left it, written at once (filling a benchmark store): handed over at
   * `deliveredAt` with the smarthost's `response` logged, or, without `deliveredAt`, still queued. Its id.
   */
  recordPast(input: {
    messageId: number;
    envelopeFrom: string;
    recipients: string[];
    blobSha256: string;
    createdAt: string;
    expiresAt: string;
    deliveredAt: string | null;
    response: string;
  }): number {
    const info = this.store
      .stmt(
        `INSERT INTO outbox (message_id, kind, envelope_from, recipients, blob_sha256, state, attempts,
      next_attempt_at, expires_at, created_at, delivered_at) VALUES (?, 'forward', ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
      )
      .run(
        input.messageId,
        input.envelopeFrom,
        JSON.stringify(input.recipients),
        input.blobSha256,
        input.deliveredAt ? 'delivered' : 'queued',
        input.createdAt,
        input.expiresAt,
        input.createdAt,
        input.deliveredAt,
      );
    const id = Number(info.lastInsertRowid);
    if (input.deliveredAt) this.logEvent(id, 'delivered', input.response, input.deliveredAt);
    return id;
  }

  private logEvent(outboxId: number, state: string, detail: string | null, at = this.store.nowIso()): void {
    this.store
      .stmt('INSERT INTO delivery_events (outbox_id, at, state, detail) VALUES (?, ?, ?, ?)')
      .run(outboxId, at, state, detail);
  }
}
