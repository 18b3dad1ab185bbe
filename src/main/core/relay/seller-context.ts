import type { PolicyContext } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { QUOTA_WINDOW_DAYS } from '../policy/quota.js';
import { startOfUtcDay } from '../store/orders.js';
import type { Pair } from '../store/pairs.js';
import type { Seller } from '../store/sellers.js';

/**
 * R16: seller messages counted against today's limit (UTC day); automatic ones are not. A held
 * message released today counts today: that is when it went (R11).
 */
export function sentToday(ctx: CoreContext, sellerId: string): number {
  return ctx.record.sentSince(sellerId, startOfUtcDay(ctx.store.clock.now()).toISOString());
}

/** What the policy engine needs to know about a seller message's sender and buyer. */
export function policyContext(
  ctx: CoreContext,
  seller: Seller,
  pair: Pair,
  sender: { authorized: boolean; otherSeller: boolean },
): PolicyContext {
  return {
    language: seller.language,
    buyerOptedOut: pair.buyerOptedOut,
    orders: ctx.orders.forPair(pair.id).map((o) => ({ orderId: o.orderId, category: o.category })),
    senderAuthorized: sender.authorized,
    senderIsOtherSeller: sender.otherSeller,
    strict: seller.strict,
    urgentCheck: seller.urgentCheck,
    quota: {
      sentToday: sentToday(ctx, seller.id),
      ordersInWindow: ctx.orders.countInWindow(seller.id, QUOTA_WINDOW_DAYS),
      windowDays: QUOTA_WINDOW_DAYS,
    },
  };
}

/** A buyer's message is delivered whatever the seller's quota or the buyer's settings: nothing to look up. */
export function buyerMessageContext(seller: Seller): PolicyContext {
  return {
    language: seller.language,
    buyerOptedOut: false,
    orders: [],
    senderAuthorized: true,
    senderIsOtherSeller: false,
    strict: seller.strict,
    quota: { sentToday: 0, ordersInWindow: 0, windowDays: QUOTA_WINDOW_DAYS },
  };
}

/** R10a: the message answers one the buyer sent in this pair's conversation (by Message-ID). */
export function repliesToBuyer(ctx: CoreContext, pairId: number, ids: string[]): boolean {
  if (ids.length === 0) return false;
  return ids.some((id) => ctx.record.fromBuyerOfPair(pairId, id));
}

/**
 * Threading across the relay: a Message-ID that Parley gave a forwarded copy maps back to the
 * Message-ID its sender wrote, so each side's mail client sees its own ids in In-Reply-To.
 */
export function originalMessageId(ctx: CoreContext, sellerId: string, relayId: string): string | undefined {
  return ctx.record.originalMessageId(sellerId, relayId);
}
