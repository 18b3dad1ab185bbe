import type { CoreContext } from '../context.js';
import { newMessageId } from '../mail/message-ids.js';
import { readFailureReport } from './dsn.js';
import { deliveryFailureNotice } from './notices.js';
import type { OutboxItem } from '../store/outbox.js';

// How the receiving server's words are shown to the seller: quoted and named as its words, never as Parley's.
const SERVER_WORDS = {
  en: (status: string, words: string | null) =>
    `Status ${status}.${words ? ` The receiving mail server said (its words, not checked by Parley): "${words}"` : ''}`,
  de: (status: string, words: string | null) =>
    `Status ${status}.${words ? ` Der empfangende Mailserver schrieb (seine Worte, nicht von Parley geprüft): „${words}“` : ''}`,
};

/**
 * A bounce reached the VERP return path of one of our messages. Only a well-formed failure report about that very
 * message (dsn.ts) marks its delivery bounced and tells the seller, once; anything else sent to the address (a forged
 * "bounce" meant to put an attacker's words in front of the seller) is answered 250 and ignored, so nobody learns
 * which return paths are live.
 */
export async function noteSmarthostBounce(ctx: CoreContext, raw: Buffer, token: string): Promise<string> {
  const msg = ctx.messageByRelayToken(token);
  if (!msg?.sellerId) return 'bounce for an unknown message ignored';
  const report = readFailureReport(raw, msg.relayMessageId);
  if ('ignored' in report) return `bounce ignored: ${report.ignored}`;
  const outbox = ctx.outbox.forMessage(msg.id).filter((o) => o.kind === 'forward' && o.state !== 'bounced');
  if (outbox.length === 0) return 'bounce ignored: already recorded';
  const seller = ctx.sellers.require(msg.sellerId);
  const why = SERVER_WORDS[seller.language](report.status, report.diagnostic);
  await ctx.store.commits.run(() => outbox.forEach((o) => ctx.outbox.markFinal(o.id, 'bounced', why)));
  await notifyDeliveryFailure(ctx, seller.id, msg.id, msg.subject, outbox[0].recipients.join(', '), why);
  return 'bounce recorded';
}

/**
 * The buyer as the seller may see them (R5): the alias address in place of the real one, also
 * inside a smarthost's error text, which often quotes the recipient.
 */
function maskBuyer(ctx: CoreContext, messageId: number, to: string, error: string): { to: string; error: string } {
  const pairId = ctx.record.meta(messageId)?.pairId;
  const pair = pairId == null ? undefined : ctx.pairs.byId(pairId);
  if (!pair) return { to, error };
  const alias = ctx.addresses.aliasAddress(pair.alias);
  const real = new RegExp(pair.buyerEmail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return { to: to.replace(real, alias), error: error.replace(real, alias) };
}

/** Tells the seller a message could not be delivered (a bounce, or the outbox gave up). */
export async function notifyDeliveryFailure(
  ctx: CoreContext,
  sellerId: string,
  messageId: number,
  subject: string,
  realTo: string,
  realError: string,
): Promise<void> {
  const seller = ctx.sellers.require(sellerId);
  const { to, error } = maskBuyer(ctx, messageId, realTo, realError);
  const relayMessageId = newMessageId(ctx.domain);
  const bytes = await deliveryFailureNotice(
    {
      language: seller.language,
      sellerEmail: seller.email,
      shopName: seller.name,
      fromAddress: `postmaster@${ctx.domain}`,
      domain: ctx.domain,
      messageId: relayMessageId,
    },
    { subject, to, error },
  );
  const sha256 = await ctx.store.blobs.put(bytes);
  const queued: OutboxItem[] = [];
  const recorded = await ctx.store.commits.run(() => {
    const conversationId = ctx.record.meta(messageId)?.conversationId ?? null;
    const { id } = ctx.record.append({
      sellerId,
      conversationId,
      direction: 'relay-to-seller',
      via: 'automatic',
      envelopeFrom: '',
      envelopeTo: [seller.email],
      fromName: 'Parley',
      subject,
      messageId: relayMessageId,
      relayMessageId,
      inReplyTo: null,
      references: [],
      text: error,
      rawSha256: sha256,
      rawSize: bytes.length,
      auth: null,
      verdict: 'deliver',
      decision: { notice: 'delivery-failure', for: messageId },
      attachments: [],
    });
    ctx.enqueueDelivery(
      {
        messageId: id,
        kind: 'delivery-failure',
        envelopeFrom: '',
        recipients: [seller.email],
        blobSha256: sha256,
        lifetimeMs: ctx.queueLifetimeMs,
      },
      queued,
    );
    return { id, conversationId };
  });
  ctx.signals.emit('queued', queued);
  ctx.signals.emit('recorded', {
    ...recorded,
    sellerId,
    direction: 'relay-to-seller',
    fromName: 'Parley',
    subject,
    alias: null,
    buyerName: null,
    buyerAddress: null,
  });
}
