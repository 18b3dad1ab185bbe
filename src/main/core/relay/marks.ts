import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { MarkSource } from '../store/marks.js';

function requireBuyerMessage(ctx: CoreContext, messageId: number): void {
  const message = ctx.record.meta(messageId);
  if (!message)
    throw new ParleyError('ENOTFOUND', `no message ${messageId}`, {
      detail: { key: 'message.notFound', params: { id: messageId } },
    });
  if (message.direction !== 'buyer-to-seller')
    throw new ParleyError('EBADINPUT', 'only buyer messages can be reported or marked as needing no response', {
      detail: { key: 'mark.notBuyerMessage', params: {} },
    });
}

/** R18: a report feeds the pattern analysis; the message then needs no reply. */
export function reportMessage(
  ctx: CoreContext,
  messageId: number,
  r: { reason: string; note?: string; source: MarkSource },
): number {
  requireBuyerMessage(ctx, messageId);
  return ctx.marks.report(messageId, r);
}

/** R19: the message leaves the response-time metric and the "Response needed" filter. */
export function markNoResponseNeeded(ctx: CoreContext, messageId: number, source: MarkSource): void {
  requireBuyerMessage(ctx, messageId);
  ctx.marks.markNoResponseNeeded(messageId, source);
}
