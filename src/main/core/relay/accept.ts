/**
 * Seller → buyer at the relay: the policy input of a seller message, the copy the buyer gets, and
 * acceptance — decided once, then committed (record, outbox) or refused.
 */
import type { Decision, Language, PolicyMessage, Via } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { newMessageId } from '../mail/message-ids.js';
import { removalNote } from '../policy/attachments.js';
import { evaluate } from '../policy/evaluate.js';
import type { Pair } from '../store/pairs.js';
import type { RecordVerdict } from '../store/record.js';
import type { Seller } from '../store/sellers.js';
import { Commit } from './commit.js';
import { parseMessage, type ParsedMessage } from './parse.js';
import { rewriteForBuyer } from './rewrite.js';
import type { AuthVerdict } from './sender-auth.js';
import { originalMessageId, policyContext, repliesToBuyer, sentToday } from './seller-context.js';
import {
  confirmationNeeded,
  overrodeUrgentCheck,
  quotaDecidedAgain,
  recordVerdictOf,
  refusal,
} from './seller-verdict.js';

/** release.ts words its refusals the same way. */
export { refusal };

export interface AcceptResult {
  messageId: number;
  /** The conversation the commit put the message in. */
  conversationId: number;
  relayMessageId: string;
  verdict: RecordVerdict;
  decision: Decision;
  /** The SMTP reply text after the 250. */
  response: string;
}

export interface SellerMessage {
  seller: Seller;
  pair: Pair;
  via: Via;
  /** The envelope sender (R7); for app and CLI the seller's registered address. */
  sender: string;
  reason?: 'additional-info';
  /** Automatic messages (R17) are outside the quota and the opt-out. */
  automatic?: PolicyMessage['automatic'];
  /** SPF/DKIM/DMARC of mail that came in from outside (the inbound listener). */
  auth?: AuthVerdict | null;
  /** The composer topic the seller picked (app): context for the R12 classifier. */
  topic?: string;
  /** R11: the seller chose "Send anyway" (app) or `--confirm` (CLI). */
  confirmed?: boolean;
}

/** R15: each removed attachment's part and the note that takes its place, in the seller's marketplace language. */
export function removalsOf(
  parsed: ParsedMessage,
  decision: Decision,
  language: Language,
): { path: string; note: string }[] {
  return decision.attachments.flatMap((action, i) =>
    action.action === 'remove' && parsed.attachments[i]
      ? [{ path: parsed.attachments[i].part.path, note: removalNote(action, language) }]
      : [],
  );
}

/** What the policy engine decides about a seller message, and how to decide it again (the quota may move). */
export interface SellerPolicy {
  message: PolicyMessage;
  decide: () => Decision;
  /** The header From (R7 covers it too): hidden from the buyer like the envelope sender. */
  headerFrom: string;
}

/** The policy input of a seller message: R7 on the envelope and the header From, R9, R10a by the ids it refers to. */
export function sellerPolicy(ctx: CoreContext, parsed: ParsedMessage, m: SellerMessage): SellerPolicy {
  const { seller, pair } = m;
  // R7 covers the header From too: the envelope alone is easy to set.
  const headerFrom = parsed.fromAddress ?? m.sender;
  const authorized =
    ctx.sellers.isAuthorizedSender(seller.id, m.sender) && ctx.sellers.isAuthorizedSender(seller.id, headerFrom);
  const otherSeller = ctx.sellers.sellersOwning(headerFrom).some((id) => id !== seller.id);
  const ids = [parsed.inReplyTo, ...parsed.references].filter((x): x is string => Boolean(x));
  const message: PolicyMessage = {
    direction: 'seller-to-buyer',
    via: m.via,
    subject: parsed.subject,
    text: parsed.text,
    attachments: parsed.attachments,
    repliesToBuyer: repliesToBuyer(ctx, pair.id, ids),
    reason: m.reason,
    automatic: m.automatic,
    topic: m.topic,
    confirmed: m.confirmed,
  };
  return {
    message,
    headerFrom,
    decide: () => evaluate(message, policyContext(ctx, seller, pair, { authorized, otherSeller })),
  };
}

/**
 * The copy the buyer gets (R6): the shop's name and the pair's reply address, the seller's addresses hidden, R15
 * removals noted.
 */
export function copyForBuyer(
  ctx: CoreContext,
  raw: Buffer,
  parsed: ParsedMessage,
  decision: Decision,
  m: SellerMessage,
  headerFrom: string,
  relayMessageId: string,
): Buffer {
  const { seller, pair } = m;
  return rewriteForBuyer(raw, {
    shopName: seller.name,
    replyAddress: ctx.addresses.replyAddress(seller.id, pair.replyToken),
    buyerAddress: pair.buyerEmail,
    buyerName: pair.buyerName,
    aliasAddress: ctx.addresses.aliasAddress(pair.alias),
    hideAddresses: [seller.email, m.sender, headerFrom, ...ctx.sellers.authorizedSenders(seller.id)],
    relayMessageId,
    mapId: (id) => originalMessageId(ctx, seller.id, id),
    ownId: (id) => ctx.record.relayIdOf(id),
    removals: removalsOf(parsed, decision, seller.language),
  });
}

/** The VERP return path of a relay Message-ID: bounces of the forwarded copy find their message. */
export function returnPathOf(ctx: CoreContext, relayMessageId: string): string {
  return ctx.addresses.bounceAddress(relayMessageId.slice(1, relayMessageId.indexOf('@')));
}

/**
 * What becomes of a decided seller message:
 * - 'any' (mail clients, `parley send`, automatic messages): committed whatever the verdict, a refused
 *   one enters the record (R8); only R11's hold from the app or the CLI is refused unrecorded (ECONFIRM).
 * - 'deliver' (the app's send): committed only when delivered; any other decision is refused with
 *   nothing recorded or queued, and the composer words it and keeps the draft.
 * - 'none' (the composer's live check, `parley check`): refused without recording, whatever the decision.
 */
export type CommitWhen = 'any' | 'deliver' | 'none';

export interface SellerAcceptOptions {
  /** The message parsed already: a draft composed in Parley is parsed once, where it is built. */
  parsed?: ParsedMessage;
  commit?: CommitWhen;
}

/** The Decision, and what the commit wrote (null when the message was refused without recording). */
export interface SellerOutcome {
  decision: Decision;
  accepted: AcceptResult | null;
}

/** From outside, an authorized address must also prove itself (SPF or DKIM aligned), or anyone could use it. */
function unverifiedSender(decision: Decision, m: SellerMessage, auth: AuthVerdict): Decision {
  return {
    ...decision,
    verdict: 'reject',
    rules: ['R7', ...decision.rules],
    reasons: [
      {
        rule: 'R7',
        code: 'sender-not-verified',
        message: `The sender ${m.sender} could not be verified (SPF ${auth.spf}, DKIM ${auth.dkim}); send from a server that passes SPF or DKIM for that domain.`,
      },
      ...decision.reasons,
    ],
  };
}

/**
 * Seller → buyer (R6): parsed and decided once, then committed or refused as `commit` says. A
 * delivered message goes to the buyer's real address under the shop's name. A message R11 holds is
 * refused with ECONFIRM when it comes from the app or the CLI (nothing recorded), and recorded as
 * held with a notice to the seller from a mail client.
 */
export async function settleFromSeller(
  ctx: CoreContext,
  raw: Buffer,
  m: SellerMessage,
  opts: SellerAcceptOptions = {},
): Promise<SellerOutcome> {
  const when = opts.commit ?? 'any';
  // Mail from a client is committed whatever the verdict: start writing the raw message while it is parsed.
  let commit = when === 'any' ? new Commit(ctx, raw) : undefined;
  const parsed = opts.parsed ?? (await parseMessage(raw));
  const { seller, pair } = m;
  const { message, decide, headerFrom } = sellerPolicy(ctx, parsed, m);
  let decision = decide();
  if (when === 'none' || (when === 'deliver' && decision.verdict !== 'deliver')) return { decision, accepted: null };
  if (decision.verdict === 'hold' && m.via !== 'mail-client') throw confirmationNeeded(decision, m.via);
  if ((decision.verdict === 'deliver' || decision.verdict === 'hold') && m.auth && !m.auth.aligned)
    decision = unverifiedSender(decision, m, m.auth);
  commit ??= new Commit(ctx, raw);
  commit.setParsed(parsed);
  const relayMessageId = newMessageId(ctx.domain);
  if (decision.verdict === 'deliver') {
    const outgoing = copyForBuyer(ctx, raw, parsed, decision, m, headerFrom, relayMessageId);
    commit.deliverLater(
      outgoing,
      returnPathOf(ctx, relayMessageId),
      [pair.buyerEmail],
      m.automatic === 'shipping-confirmation' ? 'shipping-confirmation' : 'forward',
    );
  } else if (decision.verdict === 'block' && seller.bounceNotices) {
    await commit.bounceNotice(seller, pair, parsed.subject, decision, parsed.messageId);
  } else if (decision.verdict === 'hold') {
    // R11 from a mail client: the client shows no SMTP reply text, so the seller hears how to
    // release it by mail. Not subject to R13: that switch is about buyers who opted out.
    await commit.bounceNotice(seller, pair, parsed.subject, decision, parsed.messageId);
  }
  const decided = decision;
  const written = await commit.write({
    seller,
    pair,
    startedBy: 'seller',
    direction: 'seller-to-buyer',
    via: m.via,
    envelopeFrom: m.sender,
    envelopeTo: [ctx.addresses.aliasAddress(pair.alias)],
    fromName: seller.name,
    relayMessageId,
    verdict: recordVerdictOf(decision),
    decision,
    auth: m.auth ?? null,
    // The quota may have been used up by a message committed meanwhile: decide it again inside the transaction.
    recheck:
      decision.verdict === 'deliver' && !m.automatic
        ? () => quotaDecidedAgain(decided, sentToday(ctx, seller.id))
        : undefined,
    important: { ...message, override: overrodeUrgentCheck(decision, seller, m.confirmed) ? 'confirmed' : undefined },
  });
  if (written.verdict === 'reject') throw refusal(written.decision);
  const accepted: AcceptResult = {
    messageId: written.id,
    conversationId: written.conversationId,
    relayMessageId,
    verdict: written.verdict,
    decision: written.decision,
    response: responseText(written.verdict, written.decision, relayMessageId),
  };
  return { decision: written.decision, accepted };
}

/** Seller → buyer, committed whatever the verdict (mail clients, `parley send`, automatic messages). */
export async function acceptFromSeller(
  ctx: CoreContext,
  raw: Buffer,
  m: SellerMessage,
  parsed?: ParsedMessage,
): Promise<AcceptResult> {
  return (await settleFromSeller(ctx, raw, m, { parsed, commit: 'any' })).accepted!;
}

/** The SMTP reply text after the 250. */
function responseText(verdict: RecordVerdict, decision: Decision, relayMessageId: string): string {
  if (verdict === 'block') return `accepted but blocked by policy (${decision.rules.join(', ')}); a notice was sent`;
  if (verdict === 'held')
    return `accepted and held (R11): not sent to the buyer until you release it in Parley; a notice was sent (${relayMessageId})`;
  return `queued as ${relayMessageId}`;
}
