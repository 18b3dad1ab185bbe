/**
 * The Outbox as the seller sees it (R8): what waits (queued, deferred with its next retry and
 * last error) and what went lately; "Retry now" and "Cancel" for what waits. An item goes to
 * the buyer under the alias: 'to' is the alias address, never the buyer's real one (R5).
 */
import type { OutboxView } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { OutboxWorker } from '../relay/outbox-worker.js';
import type { Seller } from '../store/sellers.js';
import { scrubber } from './privacy.js';

// Final items listed below the waiting ones: the recent history, not the whole record.
const RECENT_FINAL = 100;

interface Row {
  id: number;
  message_id: number | null;
  kind: OutboxView['kind'];
  recipients: string;
  state: OutboxView['state'];
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  conversation_id: number | null;
  direction: string | null;
  subject: string | null;
  alias: string | null;
  buyer_email: string | null;
}

const SELECT = `SELECT o.id, o.message_id, o.kind, o.recipients, o.state, o.attempts, o.next_attempt_at, o.last_error, o.created_at,
    m.conversation_id, m.direction, m.subject, p.alias, b.email AS buyer_email
  FROM outbox o JOIN messages m ON m.id = o.message_id
  LEFT JOIN conversations c ON c.id = m.conversation_id LEFT JOIN pairs p ON p.id = c.pair_id LEFT JOIN buyers b ON b.id = p.buyer_id`;

function toView(ctx: CoreContext, r: Row): OutboxView {
  const aliasAddress = r.alias ? ctx.addresses.aliasAddress(r.alias) : null;
  const scrub = scrubber([r.buyer_email], aliasAddress ?? 'the buyer');
  const waiting = r.state === 'queued' || r.state === 'deferred';
  return {
    id: r.id,
    messageId: r.message_id,
    conversationId: r.conversation_id,
    kind: r.kind,
    // Toward the buyer the alias; toward the seller (forwarded buyer mail, notices) the seller's own address.
    to:
      r.direction === 'seller-to-buyer' && aliasAddress
        ? aliasAddress
        : scrub((JSON.parse(r.recipients) as string[]).join(', ')),
    subject: scrub(r.subject ?? ''),
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: waiting ? r.next_attempt_at : null,
    lastError: r.last_error === null ? null : scrub(r.last_error),
    createdAt: r.created_at,
  };
}

/** Waiting items first (soonest retry first), then the most recent final ones. */
export function listOutbox(ctx: CoreContext, seller: Seller): OutboxView[] {
  const waiting = ctx.store
    .stmt(`${SELECT} WHERE o.state IN ('queued','deferred') AND m.seller_id = ? ORDER BY o.next_attempt_at, o.id`)
    .all(seller.id) as Row[];
  const recent = ctx.store
    .stmt(
      `${SELECT} WHERE o.state NOT IN ('queued','deferred') AND m.seller_id = ? ORDER BY o.id DESC LIMIT ${RECENT_FINAL}`,
    )
    .all(seller.id) as Row[];
  return [...waiting, ...recent].map((r) => toView(ctx, r));
}

export function outboxItem(ctx: CoreContext, seller: Seller, id: number): OutboxView {
  const row = ctx.store.stmt(`${SELECT} WHERE o.id = ? AND m.seller_id = ?`).get(id, seller.id) as Row | undefined;
  if (!row) throw new ParleyError('ENOTFOUND', `no outbox item ${id}`);
  return toView(ctx, row);
}

const notWaiting = (v: OutboxView) =>
  new ParleyError('EBADINPUT', `this message is ${v.state} and no longer waits in the outbox`);

/** "Retry now": due at once, and the running worker is told (also a deferred item's backoff is skipped). */
export function retryOutbox(
  ctx: CoreContext,
  seller: Seller,
  id: number,
  worker: OutboxWorker | undefined,
): OutboxView {
  const before = outboxItem(ctx, seller, id);
  if (worker?.isInFlight(id)) return before; // it is being tried right now
  if (!ctx.outbox.retryNow(id)) throw notWaiting(before);
  worker?.poll();
  return outboxItem(ctx, seller, id);
}

/** Cancel a waiting item; the worker will not start it afterwards. One already being handed over cannot be called back. */
export function cancelOutbox(
  ctx: CoreContext,
  seller: Seller,
  id: number,
  worker: OutboxWorker | undefined,
): OutboxView {
  const before = outboxItem(ctx, seller, id);
  if (before.state !== 'queued' && before.state !== 'deferred') throw notWaiting(before);
  if (worker && !worker.cancel(id)) {
    throw new ParleyError(
      'EBADINPUT',
      'this message is being handed to the mail server right now and can no longer be cancelled',
    );
  }
  if (!ctx.outbox.cancel(id)) throw notWaiting(outboxItem(ctx, seller, id));
  return outboxItem(ctx, seller, id);
}
