import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { acceptFromSeller, type AcceptResult } from '../relay/accept.js';
import { shippingConfirmation } from '../relay/notices.js';
import { newMessageId } from '../mail/message-ids.js';
import type { Order } from '../store/orders.js';

/**
 * R17: confirming a shipment sends the buyer the automatic confirmation, outside the quota (R16). Once per order and
 * tracking number, whichever door it comes through (the app's Confirm shipment, `parley ship`) and however often: the
 * same again fails with EEXISTS (key `ship.alreadyConfirmed`, the date it was confirmed) and sends nothing; another
 * tracking number is a correction and sends once. A confirmation that cannot be sent leaves the order as it was.
 */
export async function confirmShipment(
  ctx: CoreContext,
  input: { orderId: string; sellerId?: string; carrier?: string | null; tracking?: string | null },
): Promise<{ order: Order; message: AcceptResult }> {
  const found = ctx.orders.require(input.orderId, input.sellerId);
  const seller = ctx.sellers.require(found.sellerId);
  const tracking = input.tracking || null;
  const { order, marked, before } = ctx.orders.markShipped(found.orderId, seller.id, input.carrier || null, tracking);
  if (!marked) {
    const date = order.shippedAt!.slice(0, 10);
    throw new ParleyError(
      'EEXISTS',
      `the shipping confirmation for order ${order.orderId}${tracking ? ` with tracking number ${tracking}` : ''} ` +
        `was sent on ${date} already; nothing sent`,
      { detail: { key: 'ship.alreadyConfirmed', params: { order: order.orderId, date } } },
    );
  }
  try {
    const pair = ctx.pairs.byId(order.pairId)!;
    const confirmation = shippingConfirmation({
      language: seller.language,
      shopName: seller.name,
      from: seller.email,
      to: ctx.addresses.aliasAddress(pair.alias),
      orderId: order.orderId,
      carrier: order.carrier,
      tracking: order.tracking,
      messageId: newMessageId(ctx.domain),
    });
    const raw = await confirmation.build();
    const message = await acceptFromSeller(ctx, raw, {
      seller,
      pair,
      via: 'automatic',
      sender: seller.email,
      automatic: 'shipping-confirmation',
    });
    return { order, message };
  } catch (err) {
    ctx.orders.unmarkShipped(order, before);
    throw err;
  }
}
