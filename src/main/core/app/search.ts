/**
 * The one search box (issue 3 §3): an alias (R3, with or without @domain), an order number, a
 * buyer's name (prefix of any word, any letter case), or words of the messages (SQLite FTS5 over
 * subject and text, the last word as a prefix). Results are conversations, best kind of match first,
 * full-text ones newest first; each with the matching text wrapped in «…».
 */
import type { ConversationRow } from '../../../shared/contract.js';
import { ALIAS_PATTERN } from '../aliases.js';
import type { CoreContext } from '../context.js';
import type { Seller } from '../store/sellers.js';
import { aliasLocalPart, conversationOfPair } from './drafts.js';
import { conversationRows } from './inbox.js';

// Characters of context the FTS snippet shows around a match (in tokens).
const SNIPPET_TOKENS = 12;

/** Wraps the first case-insensitive occurrence of `part` in `text` in «…». */
export function mark(text: string, part: string, at?: number): string {
  const i = at ?? text.toLowerCase().indexOf(part.toLowerCase());
  return i < 0 ? text : `${text.slice(0, i)}«${text.slice(i, i + part.length)}»${text.slice(i + part.length)}`;
}

/**
 * Words of the query as FTS5 terms, all required; with `prefix` the last one as a prefix (the
 * seller may still be typing it): `"eiche" "grav"*`. Quotes make any input safe.
 */
export function ftsQuery(query: string, prefix = true): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12);
  return words ? words.map((w, i) => `"${w}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' ') : null;
}

export function searchInbox(ctx: CoreContext, seller: Seller, query: string, limit: number): ConversationRow[] {
  const q = query.trim();
  const hits = new Map<number, string>();
  const add = (id: number | null, snippet: string) => {
    if (id !== null && !hits.has(id) && hits.size < limit) hits.set(id, snippet);
  };

  // An alias: exact, with or without the relay domain (R3).
  const local = aliasLocalPart(q);
  if (ALIAS_PATTERN.test(local)) {
    const pair = ctx.pairs.byAlias(local);
    if (pair && pair.sellerId === seller.id)
      add(conversationOfPair(ctx, pair.id), `«${ctx.addresses.aliasAddress(pair.alias)}»`);
  }

  // An order number, or the start of one: a range of the (seller_id, order_id) key.
  if (/^[\w-]{3,}$/.test(q) && /\d/.test(q)) {
    const orders = ctx.store
      .stmt(
        `SELECT c.id, o.order_id FROM orders o JOIN conversations c ON c.pair_id = o.pair_id
      WHERE o.seller_id = ? AND o.order_id >= ? AND o.order_id < ? AND c.last_id IS NOT NULL ORDER BY o.order_id = ? DESC, o.purchased_at DESC LIMIT ?`,
      )
      .all(seller.id, q, `${q}\uffff`, q, limit) as { id: number; order_id: string }[];
    for (const o of orders) add(o.id, mark(o.order_id, q, 0));
  }

  // A buyer's name: the start of any of its words (FTS5 over the names; letter case and diacritics folded).
  const names = ftsQuery(q);
  if (hits.size < limit && names && !/\d|@/.test(q)) {
    const found = ctx.store
      .stmt(
        `SELECT c.id, highlight(buyers_fts, 0, '«', '»') AS marked FROM buyers_fts
      JOIN pairs p ON p.buyer_id = buyers_fts.rowid AND p.seller_id = ? JOIN conversations c ON c.pair_id = p.id
      WHERE buyers_fts MATCH ? AND c.last_id IS NOT NULL ORDER BY c.last_at DESC LIMIT ?`,
      )
      .all(seller.id, names, limit) as { id: number; marked: string }[];
    for (const n of found) if (!n.marked.includes('@')) add(n.id, n.marked);
  }

  // Words of the messages, newest first (the index first takes in messages of the last moment); one hit per conversation, its newest matching message. Whole
  // words first: a prefix term merges the list of every word it starts, which costs on a big store.
  ctx.store.searchIndex.catchUp();
  const found = ctx.store
    .stmt(`SELECT m.conversation_id AS id, snippet(messages_fts, -1, '«', '»', '…', ${SNIPPET_TOKENS}) AS snippet
    FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
    WHERE messages_fts MATCH ? AND m.seller_id = ? AND m.conversation_id IS NOT NULL ORDER BY messages_fts.rowid DESC`);
  for (const match of new Set([ftsQuery(q, false), ftsQuery(q, true)])) {
    if (!match || hits.size >= limit) continue;
    for (const row of found.iterate(match, seller.id) as IterableIterator<{ id: number; snippet: string }>) {
      add(row.id, row.snippet.replace(/\s+/g, ' ').trim());
      if (hits.size >= limit) break;
    }
  }
  return conversationRows(ctx, seller, [...hits.keys()], hits);
}
