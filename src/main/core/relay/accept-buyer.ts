/** Buyer → seller: the buyer's own address stays inside the relay (R5), the seller sees the alias. */
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { newMessageId } from '../mail/message-ids.js';
import { evaluate } from '../policy/evaluate.js';
import type { Pair } from '../store/pairs.js';
import type { RecordVerdict } from '../store/record.js';
import { removalsOf, type AcceptResult } from './accept.js';
import { Commit } from './commit.js';
import { refuseLoop } from './loop-guard.js';
import { parseMessage } from './parse.js';
import { rewriteForSeller } from './rewrite.js';
import { refuseOwnAddress } from './routes.js';
import { senderNotVerified, type AuthVerdict } from './sender-auth.js';
import { buyerMessageContext, originalMessageId } from './seller-context.js';

/** Buyer → seller (R5): the buyer's address replaced by the alias; delivered to the customer-service address. */
export async function acceptFromBuyer(
  ctx: CoreContext,
  raw: Buffer,
  target: { sellerId: string; pair: Pair | null },
  sender: string,
  checkAuth: Promise<AuthVerdict>,
  /** Commits with the record (the IMAP intake marks the message taken); SMTP passes none. */
  inTransaction?: () => void,
): Promise<AcceptResult> {
  const commit = new Commit(ctx, raw);
  const [parsed, auth] = await Promise.all([parseMessage(raw), checkAuth]);
  commit.setParsed(parsed);
  const buyerAddress = parsed.fromAddress ?? sender;
  if (!buyerAddress) throw new ParleyError('EBADINPUT', '5.1.7 The message has no sender address', 550);
  refuseOwnAddress(ctx, buyerAddress);
  refuseLoop(parsed.hops);
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
      : (ctx.pairs.knownPair(seller.id, buyerAddress, parsed.fromName) ??
        // A first contact: the buyer and the pair are committed now without a sync of their own, which would stop the
        // event loop for the disk. The record's commit below syncs the WAL, and with it them, before the 250; if the
        // message goes no further, nobody has seen the alias yet.
        ctx.store.commits.runNow(() => ctx.pairs.ensurePair(seller.id, buyerAddress, parsed.fromName)));
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
  // Filed by its From address, like every buyer message; when nothing vouches for that address, the record says so
  // and the seller sees "sender not verified" on it. Part of the recorded auth: it is hash-chained with it (R21).
  const recordedAuth = senderNotVerified(sender, parsed.fromAddress, auth)
    ? { ...auth, senderNotVerified: true }
    : auth;
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
      ownId: (id) => ctx.record.relayIdOf(id),
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
  const { id, conversationId } = await commit.write({
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
    auth: recordedAuth,
    inTransaction,
  });
  return {
    messageId: id,
    conversationId,
    relayMessageId,
    verdict,
    decision,
    response: verdict === 'held' ? `held for review: DMARC failed (${relayMessageId})` : `queued as ${relayMessageId}`,
  };
}
