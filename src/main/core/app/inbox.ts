/**
 * The inbox's filters, counts and pages (R18–R20). Every filter is a range of a partial index
 * on the conversation rows that migration 3's triggers keep current, so a page is two indexed
 * reads: the ids of the page, then those rows with their pair, buyer, orders and last message.
 */
import type { ConversationBadge, ConversationRow, Filter, FilterCounts, ListResult } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import type { Seller } from '../store/sellers.js';
import { buyerLabel, scrubber } from './privacy.js';

const DAY_MS = 86_400_000;

/** The outbox items still waiting for this seller (queued or deferred). */
const PENDING_OUTBOX = `SELECT m.conversation_id FROM outbox o JOIN messages m ON m.id = o.message_id
  WHERE o.state IN ('queued','deferred') AND m.seller_id = ?`;

/** Each conversation filter's condition: the same expression as its partial index (store/migration-inbox.ts). */
const WHERE: Record<Exclude<Filter, 'drafts' | 'outbox'>, string> = {
  'response-needed': 'pending_since IS NOT NULL',
  all: 'last_id IS NOT NULL',
  sent: 'sent_count > 0',
  undeliverable: 'problem_count > 0',
  reported: 'reported_count > 0',
  'no-response': 'marked_count > 0',
};

/** The counts of every filter: one row kept by triggers (migration 3), plus drafts and the waiting outbox. */
export function countInbox(ctx: CoreContext, sellerId: string): FilterCounts {
  const c = (ctx.store
    .stmt('SELECT total, needs, sent, problems, reported, marked FROM inbox_counts WHERE seller_id = ?')
    .get(sellerId) ?? { total: 0, needs: 0, sent: 0, problems: 0, reported: 0, marked: 0 }) as Record<string, number>;
  const drafts = (ctx.store.stmt('SELECT COUNT(*) AS n FROM drafts WHERE seller_id = ?').get(sellerId) as { n: number })
    .n;
  const outbox = (ctx.store.stmt(`SELECT COUNT(*) AS n FROM (${PENDING_OUTBOX})`).get(sellerId) as { n: number }).n;
  return {
    'response-needed': c.needs,
    all: c.total,
    sent: c.sent,
    undeliverable: c.problems,
    reported: c.reported,
    'no-response': c.marked,
    drafts,
    outbox,
  };
}

export function listInbox(ctx: CoreContext, seller: Seller, filter: Filter, offset: number, limit: number): ListResult {
  if (filter === 'drafts' || filter === 'outbox') return listSmallSet(ctx, seller, filter, offset, limit);
  const ids = (
    ctx.store
      .stmt(
        `SELECT id FROM conversations WHERE seller_id = ? AND ${WHERE[filter]} ORDER BY last_at DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(seller.id, limit, offset) as { id: number }[]
  ).map((r) => r.id);
  // The totals are kept by triggers (migration 3): no count of the filter's rows.
  return { total: countInbox(ctx, seller.id)[filter], offset, rows: conversationRows(ctx, seller, ids) };
}

/** Conversations with a draft or a waiting outbox item: a small set, read from its own table first. */
function listSmallSet(
  ctx: CoreContext,
  seller: Seller,
  filter: 'drafts' | 'outbox',
  offset: number,
  limit: number,
): ListResult {
  const set = filter === 'drafts' ? 'SELECT conversation_id FROM drafts WHERE seller_id = ?' : PENDING_OUTBOX;
  const ids = (
    ctx.store
      .stmt(`SELECT id FROM conversations WHERE id IN (${set}) AND last_id IS NOT NULL ORDER BY last_at DESC, id DESC`)
      .all(seller.id) as { id: number }[]
  ).map((r) => r.id);
  return { total: ids.length, offset, rows: conversationRows(ctx, seller, ids.slice(offset, offset + limit)) };
}

interface RowData {
  id: number;
  alias: string;
  buyer_email: string;
  buyer_name: string | null;
  opted_out: number;
  order_ids: string | null;
  subject: string | null;
  head: string | null;
  direction: ConversationRow['lastDirection'] | null;
  last_at: string | null;
  created_at: string;
  conv_subject: string;
  message_count: number;
  pending_since: string | null;
  attachment_count: number;
  reported_count: number;
  marked_count: number;
  problem_count: number;
  held_count: number;
}

/** The rows for `ids`, in that order (ids of another seller are left out); search passes each row's snippet. */
export function conversationRows(
  ctx: CoreContext,
  seller: Seller,
  ids: number[],
  snippets?: Map<number, string>,
): ConversationRow[] {
  if (ids.length === 0) return [];
  const list = JSON.stringify(ids);
  const rows = ctx.store
    .stmt(
      `SELECT c.id, p.alias, b.email AS buyer_email, b.opted_out,
      COALESCE(b.name, (SELECT o.buyer_name FROM orders o WHERE o.pair_id = p.id AND o.buyer_name IS NOT NULL LIMIT 1)) AS buyer_name,
      (SELECT group_concat(order_id, ' ') FROM (SELECT order_id FROM orders WHERE pair_id = p.id ORDER BY purchased_at)) AS order_ids,
      m.subject, substr(m.text, 1, 600) AS head, m.direction, c.last_at, c.created_at, c.subject AS conv_subject, c.message_count,
      c.pending_since, c.attachment_count, c.reported_count, c.marked_count, c.problem_count, c.held_count
    FROM conversations c JOIN pairs p ON p.id = c.pair_id JOIN buyers b ON b.id = p.buyer_id LEFT JOIN messages m ON m.id = c.last_id
    WHERE c.seller_id = ? AND c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(seller.id, list) as RowData[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inOutbox = idSet(
    ctx,
    `${PENDING_OUTBOX} AND m.conversation_id IN (SELECT value FROM json_each(?))`,
    seller.id,
    list,
  );
  const withDraft = idSet(
    ctx,
    'SELECT conversation_id FROM drafts WHERE seller_id = ? AND conversation_id IN (SELECT value FROM json_each(?))',
    seller.id,
    list,
  );
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const row = toRow(ctx, r, inOutbox.has(id), withDraft.has(id));
    const snippet = snippets?.get(id);
    return [snippet === undefined ? row : { ...row, snippet: scrubber([r.buyer_email], row.aliasAddress)(snippet) }];
  });
}

function idSet(ctx: CoreContext, sql: string, sellerId: string, ids: string): Set<number> {
  return new Set(
    (ctx.store.stmt(sql).all(sellerId, ids) as { conversation_id: number | null }[]).flatMap((r) =>
      r.conversation_id === null ? [] : [r.conversation_id],
    ),
  );
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

function toRow(ctx: CoreContext, r: RowData, inOutbox: boolean, withDraft: boolean): ConversationRow {
  const aliasAddress = ctx.addresses.aliasAddress(r.alias);
  const scrub = scrubber([r.buyer_email], aliasAddress);
  const badges: ConversationBadge[] = [];
  if (r.reported_count > 0) badges.push('reported');
  if (r.marked_count > 0) badges.push('no-response');
  if (r.problem_count > 0) badges.push('undeliverable');
  if (r.held_count > 0) badges.push('held');
  if (inOutbox) badges.push('outbox');
  if (r.opted_out === 1) badges.push('opted-out');
  if (withDraft) badges.push('draft');
  return {
    id: r.id,
    alias: r.alias,
    aliasAddress,
    buyerName: r.buyer_name && !r.buyer_name.includes('@') ? r.buyer_name : null,
    orderIds: r.order_ids ? r.order_ids.split(' ') : [],
    subject: scrub(r.subject ?? r.conv_subject),
    lastLine: scrub(firstLine(r.head ?? '')),
    lastMessageAt: r.last_at ?? r.created_at,
    lastDirection: r.direction === 'seller-to-buyer' ? 'seller-to-buyer' : 'buyer-to-seller',
    hasAttachments: r.attachment_count > 0,
    messageCount: r.message_count,
    needsResponse: r.pending_since !== null,
    responseDueAt: r.pending_since === null ? null : new Date(Date.parse(r.pending_since) + DAY_MS).toISOString(),
    badges,
  };
}

/** For labels: the buyer's name or alias. */
export function labelOf(row: Pick<ConversationRow, 'buyerName' | 'alias'>): string {
  return buyerLabel(row.buyerName, row.alias);
}
