/**
 * Several shops in one store: the inbox of the shops in view. One shop reads as before; "All shops" merges each shop's
 * rows in the list's own order (newest last message first) and badges every row with its shop.
 */
import type { ConversationRow, Filter, ListResult } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import type { Seller } from '../store/sellers.js';
import { listInbox } from './inbox.js';
import { searchInbox } from './search.js';

/** The store's own order: last message first, then the newer conversation (store/inbox-queries.ts). */
function newestFirst(a: ConversationRow, b: ConversationRow): number {
  if (a.lastMessageAt !== b.lastMessageAt) return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  return b.id - a.id;
}

const withShop = (seller: Seller) => (row: ConversationRow) => ({ ...row, shop: { id: seller.id, name: seller.name } });

export function listShopsInbox(
  ctx: CoreContext,
  shops: Seller[],
  merged: boolean,
  filter: Filter,
  offset: number,
  limit: number,
): ListResult {
  if (!merged) return shops[0] ? listInbox(ctx, shops[0], filter, offset, limit) : { total: 0, offset, rows: [] };
  // Every shop's first offset+limit rows hold the merged window's rows: a page of one shop never needs more.
  const pages = shops.map((s) => ({ seller: s, page: listInbox(ctx, s, filter, 0, offset + limit) }));
  const rows = pages.flatMap(({ seller, page }) => page.rows.map(withShop(seller))).sort(newestFirst);
  return {
    total: pages.reduce((n, { page }) => n + page.total, 0),
    offset,
    rows: rows.slice(offset, offset + limit),
  };
}

export function searchShops(
  ctx: CoreContext,
  shops: Seller[],
  merged: boolean,
  query: string,
  limit: number,
): ConversationRow[] {
  if (!merged) return shops[0] ? searchInbox(ctx, shops[0], query, limit) : [];
  return shops.flatMap((s) => searchInbox(ctx, s, query, limit).map(withShop(s))).slice(0, limit);
}
