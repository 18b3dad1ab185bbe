/**
 * R11: a seller message held for using [Important] without looking necessary is released by the
 * seller — "Release" in the app, `parley message release` on the command line; both come here.
 *
 * The stored message is decided again as confirmed: everything else still applies (R7, R9, R10,
 * R16, strict mode), so a release can be refused. What goes is the stored original, rewritten for
 * the buyer exactly as `acceptFromSeller` does for a delivered message, under the relay Message-ID
 * it was given when it came in. The held record row never changes (R21): the release is a row of
 * its own, committed with the outbox row and the R11 log entry in one transaction.
 */
import type { Decision, Via } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { OutboxItem } from '../store/outbox.js';
import type { RecordedMeta } from '../store/record.js';
import type { ReleaseSource } from '../store/releases.js';
import type { Seller } from '../store/sellers.js';
import { copyForBuyer, refusal, returnPathOf, sellerPolicy, type SellerMessage } from './accept.js';
import { logImportantUse, storeOutgoing } from './commit.js';
import { parseMessage } from './parse.js';

export interface ReleaseResult {
  messageId: number;
  conversationId: number;
  /** The decision of the release (confirmed): 'deliver'. */
  decision: Decision;
  /** The outbox item now carrying the message to the buyer. */
  outboxId: number;
}

type HeldMessage = RecordedMeta & { conversationId: number; pairId: number };

/** The held message of this seller, or why it cannot be released. */
function heldMessage(ctx: CoreContext, seller: Seller, messageId: number): HeldMessage {
  const row = ctx.record.meta(messageId);
  if (!row || row.sellerId !== seller.id)
    throw new ParleyError('ENOTFOUND', `no message ${messageId}`, {
      detail: { key: 'message.notFound', params: { id: messageId } },
    });
  if (row.direction !== 'seller-to-buyer' || row.verdict !== 'held' || row.conversationId === null) {
    throw new ParleyError(
      'EBADINPUT',
      `message ${messageId} is not a held message to a buyer: only those can be released (R11)`,
      { detail: { key: 'release.notHeld', params: { id: messageId } } },
    );
  }
  if (ctx.releases.get(messageId))
    throw new ParleyError('EEXISTS', `message ${messageId} was released already`, {
      detail: { key: 'release.done', params: { id: messageId } },
    });
  return row as HeldMessage;
}

/** Refused again: the reasons, without the SMTP status a mail client would get. */
function notReleased(decision: Decision): ParleyError {
  const err = refusal(decision);
  const reasons = err.message.replace(/^\d\.\d\.\d+ /, '');
  // The seller reads why in words of the UI language; the rules' own text stays in the English message (CLI, log).
  const why = err.code === 'EQUOTA' ? 'policy.dailyLimit' : 'policy.stillBlocked';
  return new ParleyError(err.code, `Not released: ${reasons}`, {
    detail: { key: 'release.refused', params: { reasons: why } },
  });
}

export async function releaseHeld(
  ctx: CoreContext,
  seller: Seller,
  messageId: number,
  source: ReleaseSource,
): Promise<ReleaseResult> {
  const row = heldMessage(ctx, seller, messageId);
  const pair = ctx.pairs.byId(row.pairId)!;
  const raw = ctx.store.blobs.get(row.rawSha256);
  const parsed = await parseMessage(raw);
  // Held messages come from mail clients (the app and the CLI ask before sending), so no R10c reason or topic.
  const m: SellerMessage = { seller, pair, via: row.via as Via, sender: row.envelopeFrom, confirmed: true };
  const { message, decide, headerFrom } = sellerPolicy(ctx, parsed, m);
  const first = decide();
  if (first.verdict !== 'deliver') throw notReleased(first);
  const copy = await storeOutgoing(ctx, copyForBuyer(ctx, raw, parsed, first, m, headerFrom, row.relayMessageId));

  const queued: OutboxItem[] = [];
  const decision = await ctx.store.commits.run(() => {
    // Another window may have released it meanwhile, or used up the day's quota (R16).
    if (ctx.releases.get(messageId))
      throw new ParleyError('EEXISTS', `message ${messageId} was released already`, {
        detail: { key: 'release.done', params: { id: messageId } },
      });
    const again = decide();
    if (again.verdict !== 'deliver') throw notReleased(again);
    ctx.releases.add({ messageId, sellerId: seller.id, source, decision: again });
    ctx.enqueueDelivery(
      {
        messageId,
        kind: 'forward',
        envelopeFrom: returnPathOf(ctx, row.relayMessageId),
        recipients: [pair.buyerEmail],
        blobSha256: copy.sha256,
        content: copy.content,
        lifetimeMs: ctx.queueLifetimeMs,
      },
      queued,
    );
    logImportantUse(ctx, seller.id, messageId, { ...message, override: 'released' }, 'deliver', again);
    return again;
  });
  ctx.signals.emit('queued', queued);
  return { messageId, conversationId: row.conversationId, decision, outboxId: queued[0].id };
}
