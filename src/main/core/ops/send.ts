import type { Decision } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { evaluate } from '../policy/evaluate.js';
import { acceptFromSeller, type AcceptResult } from '../relay/accept.js';
import { compose } from '../relay/notices.js';
import { parseMessage } from '../relay/parse.js';
import { policyContext, repliesToBuyer } from '../relay/seller-context.js';
import type { Pair } from '../store/pairs.js';
import type { Seller } from '../store/sellers.js';

export interface OutgoingDraft {
  sellerId: string;
  /** The buyer's alias, with or without the relay domain. */
  alias: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
  /** R10c: the seller chose "Additional information required". */
  reason?: 'additional-info';
  /** The relay Message-ID of the buyer message this answers (R10a). */
  inReplyTo?: string;
  /** The composer topic the seller picked: context for the R12 classifier. */
  topic?: string;
  /** R11: the seller saw the warning and chose "Send anyway" (`parley send --confirm`). */
  confirmed?: boolean;
}

interface Composed {
  raw: Buffer;
  seller: Seller;
  pair: Pair;
}

/** Builds the MIME message for a seller message written in the app or with the CLI. */
export async function composeDraft(ctx: CoreContext, d: OutgoingDraft): Promise<Composed> {
  const seller = ctx.sellers.require(d.sellerId);
  const pair = ctx.pairs.requireAlias(d.alias, seller.id);
  if (!d.subject.trim()) throw new ParleyError('EBADINPUT', 'the subject is empty');
  const raw = await compose({
    from: { name: seller.name, address: seller.email },
    to: ctx.addresses.aliasAddress(pair.alias),
    subject: d.subject,
    text: d.text,
    html: d.html,
    inReplyTo: d.inReplyTo,
    references: d.inReplyTo ? [d.inReplyTo] : undefined,
    attachments: (d.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  });
  return { raw, seller, pair };
}

/**
 * Sends through the same pipeline as mail from a client: policy, record, outbox. A message R11
 * holds is neither sent nor recorded: it fails with ECONFIRM until it is sent with `confirmed`.
 */
export async function sendDraft(ctx: CoreContext, d: OutgoingDraft, via: 'app' | 'cli'): Promise<AcceptResult> {
  const { raw, seller, pair } = await composeDraft(ctx, d);
  return acceptFromSeller(ctx, raw, {
    seller,
    pair,
    via,
    sender: seller.email,
    reason: d.reason,
    topic: d.topic,
    confirmed: d.confirmed,
  });
}

/** The composer's dry run: what the relay would decide, writing nothing. */
export async function checkDraft(ctx: CoreContext, d: OutgoingDraft, via: 'app' | 'cli'): Promise<Decision> {
  const { raw, seller, pair } = await composeDraft(ctx, d);
  const parsed = await parseMessage(raw);
  const ids = [parsed.inReplyTo, ...parsed.references].filter((x): x is string => Boolean(x));
  return evaluate(
    {
      direction: 'seller-to-buyer',
      via,
      subject: parsed.subject,
      text: parsed.text,
      attachments: parsed.attachments,
      repliesToBuyer: repliesToBuyer(ctx, pair.id, ids),
      reason: d.reason,
      topic: d.topic,
      confirmed: d.confirmed,
    },
    policyContext(ctx, seller, pair, { authorized: true, otherSeller: false }),
  );
}
