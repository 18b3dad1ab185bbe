/**
 * The inbox's filters, counts and pages (R18–R20) as the contract shows them: badges, the last
 * message's first line, the response due date, every text scrubbed of the buyer's address (R5).
 * The queries are the read model in store/inbox-queries.ts.
 */
import type { ConversationBadge, ConversationRow, Filter, FilterCounts, ListResult } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import type { InboxEntry } from '../store/inbox-queries.js';
import type { Seller } from '../store/sellers.js';
import { buyerLabel, scrubber, snippetScrubber } from './privacy.js';

const DAY_MS = 86_400_000;

/** The counts of every filter, by the filter's name. */
export function countInbox(ctx: CoreContext, sellerId: string): FilterCounts {
  const c = ctx.inbox.counts(sellerId);
  return {
    'response-needed': c.needs,
    all: c.total,
    sent: c.sent,
    undeliverable: c.problems,
    reported: c.reported,
    'no-response': c.marked,
    drafts: c.drafts,
    outbox: c.outbox,
  };
}

export function listInbox(ctx: CoreContext, seller: Seller, filter: Filter, offset: number, limit: number): ListResult {
  if (filter === 'drafts' || filter === 'outbox') {
    // Conversations with a draft or a waiting outbox item: a small set, read from its own table first.
    const ids = ctx.inbox.smallSet(seller.id, filter);
    return { total: ids.length, offset, rows: conversationRows(ctx, seller, ids.slice(offset, offset + limit)) };
  }
  const ids = ctx.inbox.page(seller.id, filter, offset, limit);
  // The totals are kept by triggers (migration 3): no count of the filter's rows.
  return { total: countInbox(ctx, seller.id)[filter], offset, rows: conversationRows(ctx, seller, ids) };
}

/** The rows for `ids`, in that order (ids of another seller are left out); search passes each row's snippet. */
export function conversationRows(
  ctx: CoreContext,
  seller: Seller,
  ids: number[],
  snippets?: Map<number, string>,
): ConversationRow[] {
  const byId = new Map(ctx.inbox.entries(seller.id, ids).map((e) => [e.id, e]));
  return ids.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return [];
    const row = toRow(ctx, e);
    const snippet = snippets?.get(id);
    return [
      snippet === undefined ? row : { ...row, snippet: snippetScrubber([e.buyerEmail], row.aliasAddress)(snippet) },
    ];
  });
}

// Characters: a line this short ending in ',' or ':' is a salutation ("Hallo Frau Müller,"), not news.
const SALUTATION_MAX = 60;

/** The first line that says something: not empty, not quoted, not the salutation. */
export function firstLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('>'));
  const skip = lines.length > 1 && lines[0].length <= SALUTATION_MAX && /[,:]$/.test(lines[0]) ? 1 : 0;
  const line = lines[skip] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function toRow(ctx: CoreContext, e: InboxEntry): ConversationRow {
  const aliasAddress = ctx.addresses.aliasAddress(e.alias);
  const scrub = scrubber([e.buyerEmail], aliasAddress);
  const badges: ConversationBadge[] = [];
  if (e.reportedCount > 0) badges.push('reported');
  if (e.markedCount > 0) badges.push('no-response');
  if (e.problemCount > 0) badges.push('undeliverable');
  if (e.heldCount > 0) badges.push('held');
  if (e.inOutbox) badges.push('outbox');
  if (e.optedOut) badges.push('opted-out');
  if (e.hasDraft) badges.push('draft');
  return {
    id: e.id,
    alias: e.alias,
    aliasAddress,
    buyerName: e.buyerName && !e.buyerName.includes('@') ? e.buyerName : null,
    orderIds: e.orderIds,
    subject: scrub(e.subject ?? e.conversationSubject),
    lastLine: scrub(firstLine(e.head ?? '')),
    lastMessageAt: e.lastAt ?? e.createdAt,
    lastDirection: e.direction === 'seller-to-buyer' ? 'seller-to-buyer' : 'buyer-to-seller',
    hasAttachments: e.attachmentCount > 0,
    messageCount: e.messageCount,
    needsResponse: e.pendingSince !== null,
    responseDueAt: e.pendingSince === null ? null : new Date(Date.parse(e.pendingSince) + DAY_MS).toISOString(),
    badges,
  };
}

/** For labels: the buyer's name or alias. */
export function labelOf(row: Pick<ConversationRow, 'buyerName' | 'alias'>): string {
  return buyerLabel(row.buyerName, row.alias);
}
