/**
 * The Outbox as the seller sees it (R8): the seller's messages to buyers that wait (queued, deferred with its next
 * retry and last error), then those that went lately (the renderer's Outbox shows the waiting ones, its badge counts
 * them); "Retry now" and "Cancel" for what waits. Buyer mail forwarded to the seller is not listed. An item goes to
 * the buyer under the alias: 'to' is the alias address, never the buyer's real one (R5).
 */
import type { OutboxView } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { OutboxWorker } from '../relay/outbox-worker.js';
import type { OutboxEntry } from '../store/outbox-queries.js';
import type { Seller } from '../store/sellers.js';
import { scrubber } from './privacy.js';

// Final items listed below the waiting ones: the recent history, not the whole record.
const RECENT_FINAL = 100;

function toView(ctx: CoreContext, r: OutboxEntry): OutboxView {
  const aliasAddress = r.alias ? ctx.addresses.aliasAddress(r.alias) : null;
  const scrub = scrubber([r.buyerEmail], aliasAddress ?? 'the buyer');
  const waiting = r.state === 'queued' || r.state === 'deferred';
  return {
    id: r.id,
    messageId: r.messageId,
    conversationId: r.conversationId,
    kind: r.kind,
    // Toward the buyer the alias; toward the seller (forwarded buyer mail, notices) the seller's own address.
    to:
      r.direction === 'seller-to-buyer' && aliasAddress
        ? aliasAddress
        : scrub((JSON.parse(r.recipients) as string[]).join(', ')),
    subject: scrub(r.subject ?? ''),
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: waiting ? r.nextAttemptAt : null,
    lastError: r.lastError === null ? null : scrub(r.lastError),
    createdAt: r.createdAt,
  };
}

/** Waiting items first (soonest retry first), then the most recent final ones. */
export function listOutbox(ctx: CoreContext, seller: Seller): OutboxView[] {
  const waiting = ctx.outboxView.waiting(seller.id);
  const recent = ctx.outboxView.recentFinal(seller.id, RECENT_FINAL);
  return [...waiting, ...recent].map((r) => toView(ctx, r));
}

export function outboxItem(ctx: CoreContext, seller: Seller, id: number): OutboxView {
  const row = ctx.outboxView.get(seller.id, id);
  if (!row)
    throw new ParleyError('ENOTFOUND', `no outbox item ${id}`, { detail: { key: 'outbox.notFound', params: { id } } });
  return toView(ctx, row);
}

const notWaiting = (v: OutboxView) =>
  new ParleyError('EBADINPUT', `this message is ${v.state} and no longer waits in the outbox`, {
    detail: { key: 'outbox.notWaiting', params: { state: v.state } },
  });

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

/**
 * Cancel a waiting item; the worker will not start it afterwards. One already being handed over cannot be called back.
 */
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
      { detail: { key: 'outbox.handingOver', params: {} } },
    );
  }
  if (!ctx.outbox.cancel(id)) throw notWaiting(outboxItem(ctx, seller, id));
  return outboxItem(ctx, seller, id);
}
