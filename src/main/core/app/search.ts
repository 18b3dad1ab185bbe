/**
 * The one search box: an alias (R3, with or without @domain) or a piece of one, an order number, a
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

/** Wraps the first case-insensitive occurrence of `part` in `text` in «…». */
export function mark(text: string, part: string, at?: number): string {
  const i = at ?? text.toLowerCase().indexOf(part.toLowerCase());
  return i < 0 ? text : `${text.slice(0, i)}«${text.slice(i, i + part.length)}»${text.slice(i + part.length)}`;
}

/**
 * The spellings of one word a German seller means by it: the index folds accents and umlauts (é → e, ü → u), so
 * "Müller" is indexed as "muller" and "Mueller" as "mueller"; the query asks for both. Written out (ae, oe, ue, ss)
 * also as folded (a, o, u, ß), and umlauts also written out. A word still being typed keeps a trailing "ue" as it is:
 * "mue" standing for "mü" would be "mu", which starts every "mu…" word.
 */
export function spellings(word: string, prefix = false): string[] {
  const w = word.toLowerCase();
  const out = w.replace(/[äöü]/g, (c) => `${c.normalize('NFD')[0]}e`).replace(/ß/g, 'ss');
  const folded = w.replace(prefix ? /([aou])e(?=.)/g : /([aou])e/g, '$1').replace(/ss/g, 'ß');
  return [...new Set([word, out, folded].filter((v, i) => i === 0 || v !== w))];
}

/**
 * Words of the query as FTS5 terms, all required; with `prefix` the last one as a prefix (the
 * seller may still be typing it): `"eiche" "grav"*`. A word with other spellings is any of them:
 * `("mueller" OR "muller")`. Quotes make any input safe.
 */
export function ftsQuery(query: string, prefix = true): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12);
  if (!words) return null;
  const terms = words.map((word, i) => {
    const star = prefix && i === words.length - 1 ? '*' : '';
    const any = spellings(word, star !== '').map((v) => `"${v}"${star}`);
    return any.length === 1 ? any[0] : `(${any.join(' OR ')})`;
  });
  // FTS5 joins bare terms with an implied AND, but not a term to a group in parentheses.
  return terms.join(terms.some((t) => t.startsWith('(')) ? ' AND ' : ' ');
}

// A fragment of an alias's local part worth looking for: at least 4 letters and digits with a digit in them, or 6
// without. Aliases are random, so shorter words would find aliases that only happen to contain them.
const ALIAS_FRAGMENT = /^(?=[a-z]*\d)[a-z0-9]{4,14}$|^[a-z0-9]{6,14}$/;

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
    for (const o of ctx.search.orders(seller.id, q, limit)) add(o.conversationId, mark(o.orderId, q, 0));
  }

  // A buyer's name: the start of any of its words (FTS5 over the names; letter case and diacritics folded).
  const names = ftsQuery(q);
  if (hits.size < limit && names && !/\d|@/.test(q)) {
    for (const n of ctx.search.buyerNames(seller.id, names, limit))
      if (!n.marked.includes('@')) add(n.conversationId, n.marked);
  }

  // Part of an alias ("wptf25"): the seller copied or remembers a piece of it.
  if (hits.size < limit && ALIAS_FRAGMENT.test(local)) {
    for (const a of ctx.search.aliasesContaining(seller.id, local, limit))
      add(a.conversationId, mark(ctx.addresses.aliasAddress(a.alias), local));
  }

  // Words of the messages, newest first; one hit per conversation, its newest matching message. Whole words first:
  // a prefix term merges the list of every word it starts, which costs on a big store.
  for (const match of new Set([ftsQuery(q, false), ftsQuery(q, true)])) {
    if (!match || hits.size >= limit) continue;
    for (const row of ctx.search.messages(seller.id, match)) {
      add(row.conversationId, row.marked.replace(/\s+/g, ' ').trim());
      if (hits.size >= limit) break;
    }
  }
  return conversationRows(ctx, seller, [...hits.keys()], hits);
}
