import type { Decision } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { settleFromSeller, type AcceptResult, type CommitWhen, type SellerOutcome } from '../relay/accept.js';
import { compose } from '../relay/notices.js';
import { parseMessage, type ParsedMessage } from '../relay/parse.js';
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

/** A draft as the relay takes it: the MIME message built once and parsed once. */
export interface ComposedDraft {
  raw: Buffer;
  parsed: ParsedMessage;
  seller: Seller;
  pair: Pair;
}

/** Builds the MIME message for a seller message written in the app or with the CLI, and parses it. */
export async function composeDraft(ctx: CoreContext, d: OutgoingDraft): Promise<ComposedDraft> {
  const seller = ctx.sellers.require(d.sellerId);
  const pair = ctx.pairs.requireAlias(d.alias, seller.id);
  if (!d.subject.trim())
    throw new ParleyError('EBADINPUT', 'the subject is empty', { detail: { key: 'draft.noSubject', params: {} } });
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
  return { raw, parsed: await parseMessage(raw), seller, pair };
}

/**
 * Puts a draft through the relay's acceptance once: built and parsed here, decided once there, then
 * committed or refused as `commit` says ('any': `parley send`; 'deliver': the app's send; 'none': the
 * dry run). The same path for all three, so the dry run predicts what sending does.
 */
export async function submitDraft(
  ctx: CoreContext,
  d: OutgoingDraft,
  via: 'app' | 'cli',
  commit: CommitWhen,
): Promise<SellerOutcome> {
  return settleDraft(ctx, await composeDraft(ctx, d), d, via, commit);
}

/** `submitDraft` for a draft composed already (the app keeps the draft only when the relay refuses it). */
export function settleDraft(
  ctx: CoreContext,
  { raw, parsed, seller, pair }: ComposedDraft,
  d: OutgoingDraft,
  via: 'app' | 'cli',
  commit: CommitWhen,
): Promise<SellerOutcome> {
  return settleFromSeller(
    ctx,
    raw,
    { seller, pair, via, sender: seller.email, reason: d.reason, topic: d.topic, confirmed: d.confirmed },
    { parsed, commit },
  );
}

/**
 * Sends through the same pipeline as mail from a client: policy, record, outbox. A message R11
 * holds is neither sent nor recorded: it fails with ECONFIRM until it is sent with `confirmed`.
 */
export async function sendDraft(ctx: CoreContext, d: OutgoingDraft, via: 'app' | 'cli'): Promise<AcceptResult> {
  return (await submitDraft(ctx, d, via, 'any')).accepted!;
}

/** The dry run (the composer's live check, `parley check`): what the relay would decide, writing nothing. */
export async function checkDraft(ctx: CoreContext, d: OutgoingDraft, via: 'app' | 'cli'): Promise<Decision> {
  return (await submitDraft(ctx, d, via, 'none')).decision;
}
