/**
 * Offline drafting (issue 3 §4): what the composer holds is saved to the store as it is typed
 * and restored after a restart, exactly. A draft may be incomplete (no buyer chosen yet, an
 * alias half typed); it is kept as it is, never refused for that. Nothing is ever lost: saving
 * under the id of a draft that no longer exists (sent from another window) makes a new one.
 */
import type { DraftFile, DraftInput, DraftView, Topic } from '../../../shared/contract.js';
import { draftInputSchema, TOPICS } from '../../../shared/contract.js';
import type { z } from 'zod';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { Pair } from '../store/pairs.js';
import type { Seller } from '../store/sellers.js';

export type ParsedDraft = z.output<typeof draftInputSchema>;
export type { DraftInput };

interface DraftRow {
  id: number;
  seller_id: string;
  pair_id: number | null;
  conversation_id: number | null;
  alias: string | null;
  order_id: string | null;
  topic: string | null;
  subject: string;
  body: string;
  important: number;
  reply_to_message_id: number | null;
  attachments: string;
  updated_at: string;
}

export interface Target {
  pair: Pair | null;
  conversationId: number | null;
}

/** The local part of an alias typed with or without @domain. */
export function aliasLocalPart(alias: string): string {
  return alias.trim().toLowerCase().split('@')[0];
}

/** Which buyer a draft or message is for: its conversation, else its alias; `strict` refuses what does not resolve. */
export function resolveTarget(
  ctx: CoreContext,
  seller: Seller,
  input: Pick<ParsedDraft, 'conversationId' | 'alias'>,
  strict: boolean,
): Target {
  if (input.conversationId !== undefined) {
    const row = ctx.store
      .stmt('SELECT c.pair_id FROM conversations c JOIN pairs p ON p.id = c.pair_id WHERE c.id = ? AND p.seller_id = ?')
      .get(input.conversationId, seller.id) as { pair_id: number } | undefined;
    if (!row) throw new ParleyError('ENOTFOUND', `no conversation ${input.conversationId}`);
    const pair = ctx.pairs.byId(row.pair_id)!;
    if (input.alias && aliasLocalPart(input.alias) !== pair.alias)
      throw new ParleyError('EBADINPUT', 'the alias is not the buyer of this conversation');
    return { pair, conversationId: input.conversationId };
  }
  if (input.alias?.trim()) {
    const pair = ctx.pairs.byAlias(aliasLocalPart(input.alias));
    if (pair && pair.sellerId === seller.id) return { pair, conversationId: conversationOfPair(ctx, pair.id) };
    if (strict) throw new ParleyError('ENOTFOUND', `no buyer with the alias "${input.alias.trim()}"`);
    return { pair: null, conversationId: null };
  }
  if (strict) throw new ParleyError('EBADINPUT', 'choose the buyer: a conversation or an alias');
  return { pair: null, conversationId: null };
}

export function conversationOfPair(ctx: CoreContext, pairId: number): number | null {
  const row = ctx.store.stmt('SELECT id FROM conversations WHERE pair_id = ?').get(pairId) as
    { id: number } | undefined;
  return row?.id ?? null;
}

/** The buyer message a reply answers (R10a): this seller's, of the same pair. */
export function replyTarget(
  ctx: CoreContext,
  seller: Seller,
  messageId: number,
  pairId: number | null,
): { relayMessageId: string; subject: string; text: string; receivedAt: string; conversationId: number } {
  const row = ctx.store
    .stmt(
      `SELECT m.relay_message_id, m.subject, m.text, m.received_at, m.conversation_id, m.direction, c.pair_id
    FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ? AND m.seller_id = ?`,
    )
    .get(messageId, seller.id) as
    | {
        relay_message_id: string;
        subject: string;
        text: string;
        received_at: string;
        conversation_id: number;
        direction: string;
        pair_id: number;
      }
    | undefined;
  if (!row) throw new ParleyError('ENOTFOUND', `no message ${messageId}`);
  if (pairId !== null && row.pair_id !== pairId)
    throw new ParleyError('EBADINPUT', 'the message replied to belongs to another buyer');
  return {
    relayMessageId: row.relay_message_id,
    subject: row.subject,
    text: row.text,
    receivedAt: row.received_at,
    conversationId: row.conversation_id,
  };
}

function toView(ctx: CoreContext, r: DraftRow): DraftView {
  const pair = r.pair_id === null ? undefined : ctx.pairs.byId(r.pair_id);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    alias: pair?.alias ?? r.alias,
    orderId: r.order_id,
    topic: (TOPICS as readonly string[]).includes(r.topic ?? '') ? (r.topic as Topic) : null,
    subject: r.subject,
    body: r.body,
    important: r.important === 1,
    replyToMessageId: r.reply_to_message_id,
    attachments: JSON.parse(r.attachments) as DraftFile[],
    updatedAt: r.updated_at,
  };
}

function row(ctx: CoreContext, seller: Seller, id: number): DraftRow | undefined {
  return ctx.store.stmt('SELECT * FROM drafts WHERE id = ? AND seller_id = ?').get(id, seller.id) as
    DraftRow | undefined;
}

export function saveDraft(ctx: CoreContext, seller: Seller, input: ParsedDraft): DraftView {
  const target = resolveTarget(ctx, seller, input, false);
  const replyTo = input.replyToMessageId === undefined ? null : input.replyToMessageId;
  if (replyTo !== null) replyTarget(ctx, seller, replyTo, target.pair?.id ?? null);
  const values = {
    seller: seller.id,
    pair: target.pair?.id ?? null,
    conversation: target.conversationId,
    alias: input.alias?.trim() || null,
    order: input.orderId?.trim() || null,
    topic: input.topic ?? null,
    subject: input.subject,
    body: input.body,
    important: input.important ? 1 : 0,
    replyTo,
    attachments: JSON.stringify(input.attachments),
    reason: input.topic === 'additional-info' ? 'additional-info' : null,
    now: ctx.store.nowIso(),
  };
  const existing = input.id === undefined ? undefined : row(ctx, seller, input.id);
  let id: number;
  if (existing) {
    ctx.store
      .stmt(
        `UPDATE drafts SET pair_id = @pair, conversation_id = @conversation, alias = @alias, order_id = @order, topic = @topic,
      subject = @subject, body = @body, important = @important, reply_to_message_id = @replyTo, attachments = @attachments, reason = @reason,
      updated_at = @now WHERE id = @id`,
      )
      .run({ ...values, id: existing.id });
    id = existing.id;
  } else {
    id = Number(
      ctx.store
        .stmt(
          `INSERT INTO drafts (seller_id, pair_id, conversation_id, alias, order_id, topic, subject, body, important,
      reply_to_message_id, attachments, reason, updated_at) VALUES (@seller, @pair, @conversation, @alias, @order, @topic, @subject, @body,
      @important, @replyTo, @attachments, @reason, @now)`,
        )
        .run(values).lastInsertRowid,
    );
  }
  return getDraft(ctx, seller, id);
}

export function getDraft(ctx: CoreContext, seller: Seller, id: number): DraftView {
  const r = row(ctx, seller, id);
  if (!r) throw new ParleyError('ENOTFOUND', `no draft ${id}`);
  return toView(ctx, r);
}

/** Newest first. */
export function listDrafts(ctx: CoreContext, seller: Seller): DraftView[] {
  return (
    ctx.store
      .stmt('SELECT * FROM drafts WHERE seller_id = ? ORDER BY updated_at DESC, id DESC')
      .all(seller.id) as DraftRow[]
  ).map((r) => toView(ctx, r));
}

export function deleteDraft(ctx: CoreContext, seller: Seller, id: number): boolean {
  return ctx.store.stmt('DELETE FROM drafts WHERE id = ? AND seller_id = ?').run(id, seller.id).changes === 1;
}
