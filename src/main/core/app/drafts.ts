/**
 * Offline drafting: what the composer holds is saved to the store as it is typed
 * and restored after a restart, exactly. A draft may be incomplete (no buyer chosen yet, an
 * alias half typed); it is kept as it is, never refused for that. Nothing is ever lost: saving
 * under the id of a draft that no longer exists (sent from another window) makes a new one. A buyer has one draft per
 * purpose: a reply, or a new message whatever its reason.
 */
import type { DraftFile, DraftInput, DraftView, Topic } from '../../../shared/contract.js';
import { draftInputSchema, TOPICS } from '../../../shared/contract.js';
import type { z } from 'zod';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { Draft } from '../store/drafts.js';
import type { Pair } from '../store/pairs.js';
import type { Seller } from '../store/sellers.js';

export type ParsedDraft = z.output<typeof draftInputSchema>;
export type { DraftInput };

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
    const found = ctx.conversations.pairOf(seller.id, input.conversationId);
    if (!found)
      throw new ParleyError('ENOTFOUND', `no conversation ${input.conversationId}`, {
        detail: { key: 'conversation.notFound', params: { id: input.conversationId } },
      });
    const pair = ctx.pairs.byId(found.pairId)!;
    if (input.alias && aliasLocalPart(input.alias) !== pair.alias)
      throw new ParleyError('EBADINPUT', 'the alias is not the buyer of this conversation', {
        detail: { key: 'draft.aliasMismatch', params: {} },
      });
    return { pair, conversationId: input.conversationId };
  }
  if (input.alias?.trim()) {
    const pair = ctx.pairs.byAlias(aliasLocalPart(input.alias));
    if (pair && pair.sellerId === seller.id) return { pair, conversationId: conversationOfPair(ctx, pair.id) };
    if (strict)
      throw new ParleyError('ENOTFOUND', `no buyer with the alias "${input.alias.trim()}"`, {
        detail: { key: 'buyer.notFound', params: { alias: input.alias.trim() } },
      });
    return { pair: null, conversationId: null };
  }
  if (strict)
    throw new ParleyError('EBADINPUT', 'choose the buyer: a conversation or an alias', {
      detail: { key: 'draft.noBuyer', params: {} },
    });
  return { pair: null, conversationId: null };
}

export function conversationOfPair(ctx: CoreContext, pairId: number): number | null {
  return ctx.conversations.ofPair(pairId);
}

/** The buyer message a reply answers (R10a): this seller's, of the same pair. */
export function replyTarget(
  ctx: CoreContext,
  seller: Seller,
  messageId: number,
  pairId: number | null,
): { relayMessageId: string; subject: string; text: string; receivedAt: string; conversationId: number } {
  const row = ctx.conversations.messageInPair(seller.id, messageId);
  if (!row)
    throw new ParleyError('ENOTFOUND', `no message ${messageId}`, {
      detail: { key: 'message.notFound', params: { id: messageId } },
    });
  if (pairId !== null && row.pairId !== pairId)
    throw new ParleyError('EBADINPUT', 'the message replied to belongs to another buyer', {
      detail: { key: 'draft.replyOtherBuyer', params: {} },
    });
  return {
    relayMessageId: row.relayMessageId,
    subject: row.subject,
    text: row.text,
    receivedAt: row.receivedAt,
    conversationId: row.conversationId,
  };
}

function toView(ctx: CoreContext, d: Draft): DraftView {
  const pair = d.pairId === null ? undefined : ctx.pairs.byId(d.pairId);
  return {
    id: d.id,
    conversationId: d.conversationId,
    alias: pair?.alias ?? d.alias,
    buyerName: pair?.buyerName || null,
    orderId: d.orderId,
    topic: (TOPICS as readonly string[]).includes(d.topic ?? '') ? (d.topic as Topic) : null,
    subject: d.subject,
    body: d.body,
    important: d.important,
    replyToMessageId: d.replyToMessageId,
    attachments: JSON.parse(d.attachments) as DraftFile[],
    updatedAt: d.updatedAt,
  };
}

/**
 * One draft per buyer and purpose (a reply, or a new message whatever its reason): a draft saved without the id of one
 * that still exists lands on the buyer's draft of the same purpose, so a second "New message", a refused send's kept
 * draft and the composer's own save are one draft, not three.
 */
function draftIdFor(ctx: CoreContext, seller: Seller, input: ParsedDraft, target: Target, reply: boolean) {
  if (input.id !== undefined && ctx.drafts.get(seller.id, input.id)) return input.id;
  const buyer = { conversationId: target.conversationId, pairId: target.pair?.id ?? null };
  return ctx.drafts.forBuyer(seller.id, buyer, reply)?.id ?? input.id;
}

export function saveDraft(ctx: CoreContext, seller: Seller, input: ParsedDraft): DraftView {
  const target = resolveTarget(ctx, seller, input, false);
  const replyTo = input.replyToMessageId === undefined ? null : input.replyToMessageId;
  if (replyTo !== null) replyTarget(ctx, seller, replyTo, target.pair?.id ?? null);
  const id = ctx.drafts.save(seller.id, draftIdFor(ctx, seller, input, target, replyTo !== null), {
    pairId: target.pair?.id ?? null,
    conversationId: target.conversationId,
    alias: input.alias?.trim() || null,
    orderId: input.orderId?.trim() || null,
    topic: input.topic ?? null,
    subject: input.subject,
    body: input.body,
    important: input.important,
    replyToMessageId: replyTo,
    attachments: JSON.stringify(input.attachments),
    reason: input.topic === 'additional-info' ? 'additional-info' : null,
  });
  return getDraft(ctx, seller, id);
}

export function getDraft(ctx: CoreContext, seller: Seller, id: number): DraftView {
  const d = ctx.drafts.get(seller.id, id);
  if (!d) throw new ParleyError('ENOTFOUND', `no draft ${id}`, { detail: { key: 'draft.notFound', params: { id } } });
  return toView(ctx, d);
}

/** Newest first. */
export function listDrafts(ctx: CoreContext, seller: Seller): DraftView[] {
  return ctx.drafts.list(seller.id).map((d) => toView(ctx, d));
}

export function deleteDraft(ctx: CoreContext, seller: Seller, id: number): boolean {
  return ctx.drafts.delete(seller.id, id);
}
