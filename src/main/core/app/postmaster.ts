/**
 * The admin view of mail to postmaster@ the relay domain (Settings → Postmaster): a list, and one message as plain
 * text. A misdirected report may quote a buyer's real address; it is shown as the buyer's alias like everywhere else
 * in the app (R5).
 */
import type { PostmasterMailView, PostmasterMessage } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { splitMessage } from '../mail/header-block.js';
import { parseMessage } from '../relay/parse.js';
import type { Seller } from '../store/sellers.js';
import { scrubber } from './privacy.js';

// Text shown at most, in characters: the view is for reading, the store keeps the whole message.
const MAX_TEXT_CHARS = 100_000;
const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+\.[a-z0-9-]+/gi;

export function listPostmaster(ctx: CoreContext, seller: Seller | null): PostmasterMailView[] {
  const scrub = buyersAsAliases(ctx, seller);
  return ctx.postmaster.list().map((m) => ({ ...m, envelopeFrom: scrub(m.envelopeFrom), subject: scrub(m.subject) }));
}

export async function readPostmaster(ctx: CoreContext, seller: Seller | null, id: number): Promise<PostmasterMessage> {
  const mail = ctx.postmaster.get(id);
  if (!mail)
    throw new ParleyError('ENOTFOUND', `no postmaster message ${id}`, {
      detail: { key: 'message.notFound', params: { id } },
    });
  const { raw, ...view } = mail;
  const parsed = await parseMessage(raw);
  const scrub = buyersAsAliases(ctx, seller);
  return {
    ...view,
    envelopeFrom: scrub(view.envelopeFrom),
    subject: scrub(view.subject),
    headers: scrub(splitMessage(raw).header.toString('utf8')),
    text: scrub(parsed.text.slice(0, MAX_TEXT_CHARS)),
  };
}

/** Every address in the text that is one of the seller's buyers becomes that buyer's alias address (R5). */
function buyersAsAliases(ctx: CoreContext, seller: Seller | null): (text: string) => string {
  if (!seller) return (text) => text;
  const cache = new Map<string, string | null>();
  return (text) => {
    let out = text;
    for (const candidate of new Set((decodeForms(text).match(ADDRESS) ?? []).map((a) => a.toLowerCase()))) {
      if (!cache.has(candidate)) {
        const pair = ctx.pairs.find(seller.id, candidate);
        cache.set(candidate, pair ? ctx.addresses.aliasAddress(pair.alias) : null);
      }
      const alias = cache.get(candidate);
      if (alias) out = scrubber([candidate], alias)(out);
    }
    return out;
  };
}

/**
 * The text with percent escapes and numeric or named @/. entities read, only to find the addresses in it; the
 * scrubber then replaces each found one in every spelling (mail/address-forms.ts).
 */
function decodeForms(text: string): string {
  const char = (code: number) => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '');
  return text
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => char(parseInt(hex, 16)))
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex: string) => char(parseInt(hex, 16)))
    .replace(/&#([0-9]{1,7});?/g, (_, dec: string) => char(Number(dec)))
    .replace(/&commat;/gi, '@')
    .replace(/&period;/gi, '.');
}
