import type { Decision, Language, PolicyMessage, Via } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { newMessageId } from '../mail/message-ids.js';
import { removalNote } from '../policy/attachments.js';
import { evaluate } from '../policy/evaluate.js';
import type { Pair } from '../store/pairs.js';
import type { RecordVerdict } from '../store/record.js';
import type { Seller } from '../store/sellers.js';
import { Commit } from './commit.js';
import { parseMessage, type ParsedMessage } from './parse.js';
import { rewriteForBuyer, rewriteForSeller } from './rewrite.js';
import type { AuthVerdict } from './sender-auth.js';
import { buyerMessageContext, originalMessageId, policyContext, repliesToBuyer } from './seller-context.js';

export interface AcceptResult {
  messageId: number;
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
function removalsOf(parsed: ParsedMessage, decision: Decision, language: Language): { path: string; note: string }[] {
  return decision.attachments.flatMap((action, i) =>
    action.action === 'remove' && parsed.attachments[i]
      ? [{ path: parsed.attachments[i].part.path, note: removalNote(action, language) }]
      : [],
  );
}

/** Refused messages still enter the record (R8 shows them as rejected); the SMTP client gets the reason. */
export function refusal(decision: Decision): ParleyError {
  const first = decision.reasons[0];
  const code =
    first?.rule === 'R16'
      ? 'EQUOTA'
      : first?.rule === 'R7'
        ? 'EUNAUTHORIZED'
        : first?.rule === 'R9'
          ? 'EOTHERSELLER'
          : 'EPOLICY';
  const text = decision.reasons.map((r) => `${r.rule}: ${r.message}`).join(' ');
  return new ParleyError(code, `5.7.1 ${text}`.replace(/\s+/g, ' ').slice(0, 900), 550);
}

/**
 * R11 from the app or the CLI: the message is neither sent nor recorded; the seller confirms
 * ("Send anyway", `parley send --confirm`) or changes it.
 */
export function confirmationNeeded(decision: Decision, via: Via): ParleyError {
  const words = decision.reasons
    .filter((r) => r.rule === 'R11')
    .map((r) => r.message)
    .join(' ');
  const how = via === 'cli' ? ' To send it anyway, run the same command again with --confirm.' : '';
  return new ParleyError('ECONFIRM', `R11: ${words}${how}`);
}

/** The record knows 'held' (also DMARC-failed buyer mail); the policy says 'hold'. */
export function recordVerdictOf(decision: Decision): RecordVerdict {
  return decision.verdict === 'hold' ? 'held' : decision.verdict;
}

/**
 * The seller overrode a confident R11 call: what evaluate would have held went because the
 * message was confirmed. Strict mode and "warn only" never hold, so nothing is overridden there.
 */
export function overrodeUrgentCheck(decision: Decision, seller: Seller, confirmed: boolean | undefined): boolean {
  return (
    Boolean(confirmed) &&
    decision.verdict === 'deliver' &&
    !seller.strict &&
    seller.urgentCheck === 'confirm' &&
    !decision.category.unsure &&
    decision.warnings.some((w) => w.rule === 'R11')
  );
}

/** Buyer → seller (R5): the buyer's address replaced by the alias; delivered to the customer-service address. */
export async function acceptFromBuyer(
  ctx: CoreContext,
  raw: Buffer,
  target: { sellerId: string; pair: Pair | null },
  sender: string,
  checkAuth: Promise<AuthVerdict>,
): Promise<AcceptResult> {
  const commit = new Commit(ctx, raw);
  const [parsed, auth] = await Promise.all([parseMessage(raw), checkAuth]);
  commit.setParsed(parsed);
  const buyerAddress = parsed.fromAddress ?? sender;
  if (!buyerAddress) throw new ParleyError('EBADINPUT', '5.1.7 The message has no sender address', 550);
  const owners = ctx.sellers.sellersOwning(buyerAddress);
  if (owners.length > 0)
    throw new ParleyError(
      'EOTHERSELLER',
      `5.7.1 <${buyerAddress}> is a seller's address: sellers do not contact other sellers (R9)`,
      550,
    );
  const seller = ctx.sellers.require(target.sellerId);
  // A reply address used by somebody other than its buyer opens that sender's own pair instead.
  const pair =
    target.pair && target.pair.buyerEmail === buyerAddress
      ? target.pair
      : ctx.pairs.ensurePair(seller.id, buyerAddress, parsed.fromName);
  const decision = evaluate(
    {
      direction: 'buyer-to-seller',
      via: 'mail-client',
      subject: parsed.subject,
      text: parsed.text,
      attachments: parsed.attachments,
      repliesToBuyer: false,
    },
    buyerMessageContext(seller),
  );
  // A DMARC failure on the buyer's address is held: recorded, not routed, until the seller looks.
  const verdict: RecordVerdict = auth.dmarc === 'fail' ? 'held' : 'deliver';
  const relayMessageId = newMessageId(ctx.domain);
  if (verdict === 'deliver') {
    const token = relayMessageId.slice(1, relayMessageId.indexOf('@'));
    const forwarded = rewriteForSeller(raw, {
      aliasAddress: ctx.addresses.aliasAddress(pair.alias),
      buyerName: parsed.fromName,
      buyerAddress,
      relayMessageId,
      mapId: (id) => originalMessageId(ctx, seller.id, id),
      authResults: `${ctx.domain}; spf=${auth.spf}; dkim=${auth.dkim}; dmarc=${auth.dmarc}`,
      removals: removalsOf(parsed, decision, seller.language),
      actions: {
        report: ctx.addresses.actionAddress('report', token),
        noResponse: ctx.addresses.actionAddress('no-response', token),
        language: seller.language,
      },
    });
    commit.deliverLater(forwarded, ctx.addresses.bounceAddress(token), [seller.email], 'forward');
  }
  const { id } = await commit.write({
    seller,
    pair,
    startedBy: 'buyer',
    direction: 'buyer-to-seller',
    via: 'mail-client',
    envelopeFrom: sender,
    envelopeTo: [seller.email],
    fromName: parsed.fromName,
    relayMessageId,
    verdict,
    decision,
    auth,
  });
  return {
    messageId: id,
    relayMessageId,
    verdict,
    decision,
    response: verdict === 'held' ? `held for review: DMARC failed (${relayMessageId})` : `queued as ${relayMessageId}`,
  };
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

/** The copy the buyer gets (R6): the shop's name and the pair's reply address, the seller's addresses hidden, R15 removals noted. */
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
    removals: removalsOf(parsed, decision, seller.language),
  });
}

/** The VERP return path of a relay Message-ID: bounces of the forwarded copy find their message. */
export function returnPathOf(ctx: CoreContext, relayMessageId: string): string {
  return ctx.addresses.bounceAddress(relayMessageId.slice(1, relayMessageId.indexOf('@')));
}

/**
 * Seller → buyer (R6): through the policy engine, then to the buyer's real address under the
 * shop's name. A message R11 holds is refused with ECONFIRM when it comes from the app or the CLI
 * (nothing recorded), and recorded as held with a notice to the seller from a mail client.
 */
export async function acceptFromSeller(ctx: CoreContext, raw: Buffer, m: SellerMessage): Promise<AcceptResult> {
  const commit = new Commit(ctx, raw);
  const parsed = await parseMessage(raw);
  commit.setParsed(parsed);
  const { seller, pair } = m;
  const { message, decide, headerFrom } = sellerPolicy(ctx, parsed, m);
  let decision = decide();
  if (decision.verdict === 'hold' && m.via !== 'mail-client') throw confirmationNeeded(decision, m.via);
  if ((decision.verdict === 'deliver' || decision.verdict === 'hold') && m.auth && !m.auth.aligned) {
    // From outside, an authorized address must also prove itself (SPF or DKIM aligned), or anyone could use it.
    decision = {
      ...decision,
      verdict: 'reject',
      rules: ['R7', ...decision.rules],
      reasons: [
        {
          rule: 'R7',
          code: 'sender-not-verified',
          message: `The sender ${m.sender} could not be verified (SPF ${m.auth.spf}, DKIM ${m.auth.dkim}); send from a server that passes SPF or DKIM for that domain.`,
        },
        ...decision.reasons,
      ],
    };
  }
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
    // The quota may have been used up by a message committed meanwhile: decide again inside the transaction.
    recheck: decision.verdict === 'deliver' && !m.automatic ? decide : undefined,
    important: { ...message, override: overrodeUrgentCheck(decision, seller, m.confirmed) ? 'confirmed' : undefined },
  });
  if (written.verdict === 'reject') throw refusal(written.decision);
  return {
    messageId: written.id,
    relayMessageId,
    verdict: written.verdict,
    decision: written.decision,
    response: responseText(written.verdict, written.decision, relayMessageId),
  };
}

/** The SMTP reply text after the 250. */
function responseText(verdict: RecordVerdict, decision: Decision, relayMessageId: string): string {
  if (verdict === 'block') return `accepted but blocked by policy (${decision.rules.join(', ')}); a notice was sent`;
  if (verdict === 'held')
    return `accepted and held (R11): not sent to the buyer until you release it in Parley; a notice was sent (${relayMessageId})`;
  return `queued as ${relayMessageId}`;
}
