import type { CoreContext } from '../context.js';
import { acceptFromSeller, type AcceptResult } from '../relay/accept.js';
import { shippingConfirmation } from '../relay/notices.js';
import { newMessageId } from '../mail/message-ids.js';
import type { Order } from '../store/orders.js';

/** R17: confirming a shipment sends the buyer the automatic confirmation, outside the quota (R16). */
export async function confirmShipment(
  ctx: CoreContext,
  input: { orderId: string; sellerId?: string; carrier?: string | null; tracking?: string | null },
): Promise<{ order: Order; message: AcceptResult }> {
  const found = ctx.orders.require(input.orderId, input.sellerId);
  const seller = ctx.sellers.require(found.sellerId);
  const order = ctx.orders.markShipped(found.orderId, seller.id, input.carrier ?? null, input.tracking ?? null);
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
}
