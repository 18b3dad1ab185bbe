import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';

function requireBuyerMessage(ctx: CoreContext, messageId: number): void {
  const row = ctx.store.stmt('SELECT direction FROM messages WHERE id = ?').get(messageId) as
    { direction: string } | undefined;
  if (!row) throw new ParleyError('ENOTFOUND', `no message ${messageId}`);
  if (row.direction !== 'buyer-to-seller')
    throw new ParleyError('EBADINPUT', 'only buyer messages can be reported or marked as needing no response');
}

/** R18: a report feeds the pattern analysis; the message then needs no reply. */
export function reportMessage(
  ctx: CoreContext,
  messageId: number,
  r: { reason: string; note?: string; source: 'app' | 'mail' | 'cli' },
): number {
  requireBuyerMessage(ctx, messageId);
  const info = ctx.store
    .stmt('INSERT INTO reports (message_id, reason, note, source, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(messageId, r.reason, r.note ?? null, r.source, ctx.store.nowIso());
  return Number(info.lastInsertRowid);
}

/** R19: the message leaves the response-time metric and the "Response needed" filter. */
export function markNoResponseNeeded(ctx: CoreContext, messageId: number, source: 'app' | 'mail' | 'cli'): void {
  requireBuyerMessage(ctx, messageId);
  ctx.store
    .stmt(
      `INSERT INTO message_marks (message_id, no_response_needed, no_response_at, source) VALUES (?, 1, ?, ?)
    ON CONFLICT(message_id) DO UPDATE SET no_response_needed = 1, no_response_at = excluded.no_response_at, source = excluded.source`,
    )
    .run(messageId, ctx.store.nowIso(), source);
}
