import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { Pair } from '../store/pairs.js';
import type { MailAction } from './address-book.js';

/** Where an accepted recipient leads; decided at RCPT time so nothing unknown is ever taken in. */
export type InboundRoute =
  | { kind: 'to-seller'; sellerId: string; pair: Pair | null }
  | { kind: 'to-buyer'; pair: Pair }
  | { kind: 'bounce'; token: string }
  | { kind: 'action'; action: MailAction; token: string; sellerId: string; messageId: number }
  | { kind: 'postmaster' };

function refuse(code: ConstructorParameters<typeof ParleyError>[0], text: string, responseCode = 550): ParleyError {
  return new ParleyError(code, text, responseCode);
}

const NOT_HERE = (rcpt: string) =>
  refuse(
    'ENOTFOUND',
    `5.1.1 <${rcpt}>: no such address here. This relay only accepts mail for its sellers and their buyers' aliases`,
  );

function howToAuthorize(sellerId: string, sender: string): string {
  return (
    `5.7.1 <${sender}> is not authorized to write to buyers for this seller (R7). ` +
    `Authorize it in Parley (Settings > Authorized senders, or: parley seller authorize --id ${sellerId} --email ${sender}), then send the message again`
  );
}

/**
 * Mail that claims to come from the relay's own domain (another seller's relay address, an alias, postmaster@, a
 * bounce address) is never a buyer: taking it would open a pair whose replies loop back through the relay, and let
 * one seller reach another (R9).
 */
export function refuseOwnAddress(ctx: CoreContext, sender: string): void {
  if (sender && ctx.addresses.isOwn(sender))
    throw refuse(
      'EOTHERSELLER',
      `5.7.1 <${sender}> is an address of this relay: mail from the relay's own addresses is not taken as a buyer's (R9, mail loops)`,
    );
}

/** R9: mail from one seller's address to another seller is refused. */
function refuseOtherSeller(ctx: CoreContext, sellerId: string, sender: string): void {
  if (!sender) return;
  refuseOwnAddress(ctx, sender);
  const owners = ctx.sellers.sellersOwning(sender);
  if (owners.length === 0) return;
  if (owners.includes(sellerId)) {
    throw refuse('EBADINPUT', `5.7.1 <${sender}> is this seller's own address: write to a buyer's alias instead`);
  }
  throw refuse(
    'EOTHERSELLER',
    `5.7.1 <${sender}> belongs to another seller: sellers do not contact other sellers through the messaging system (R9)`,
  );
}

/** The inbound listener (buyers, carriers, smarthost bounces, mail actions). */
export function routeInbound(ctx: CoreContext, rcpt: string, sender: string): InboundRoute {
  const parsed = ctx.addresses.parse(rcpt);
  switch (parsed.kind) {
    case 'seller': {
      if (!ctx.sellers.get(parsed.sellerId)) throw NOT_HERE(rcpt);
      refuseOtherSeller(ctx, parsed.sellerId, sender);
      return { kind: 'to-seller', sellerId: parsed.sellerId, pair: null };
    }
    case 'reply': {
      const pair = ctx.pairs.byReplyToken(parsed.token);
      if (!pair || pair.sellerId !== parsed.sellerId) throw NOT_HERE(rcpt);
      refuseOtherSeller(ctx, parsed.sellerId, sender);
      return { kind: 'to-seller', sellerId: parsed.sellerId, pair };
    }
    case 'alias': {
      // R2, R7: a seller's own mail client or a carrier writing to the alias from outside.
      const pair = ctx.pairs.byAlias(parsed.alias);
      if (!pair) throw NOT_HERE(rcpt);
      if (!sender || !ctx.sellers.isAuthorizedSender(pair.sellerId, sender)) {
        throw refuse('EUNAUTHORIZED', howToAuthorize(pair.sellerId, sender || '<>'));
      }
      return { kind: 'to-buyer', pair };
    }
    case 'bounce':
      return { kind: 'bounce', token: parsed.token };
    case 'action': {
      const msg = ctx.messageByRelayToken(parsed.token);
      if (!msg?.sellerId) throw NOT_HERE(rcpt);
      if (!sender || !ctx.sellers.isAuthorizedSender(msg.sellerId, sender))
        throw refuse('EUNAUTHORIZED', howToAuthorize(msg.sellerId, sender || '<>'));
      return { kind: 'action', action: parsed.action, token: parsed.token, sellerId: msg.sellerId, messageId: msg.id };
    }
    case 'postmaster':
      // RFC 5321: postmaster@ takes mail from anyone, the relay's own domain included; it only reaches the admin view.
      return { kind: 'postmaster' };
    default:
      throw NOT_HERE(rcpt);
  }
}

/** MAIL FROM on the submission listener: R7 for the authenticated seller. */
export function checkSubmissionSender(ctx: CoreContext, sellerId: string, sender: string): void {
  if (!sender || !ctx.sellers.isAuthorizedSender(sellerId, sender))
    throw refuse('EUNAUTHORIZED', howToAuthorize(sellerId, sender || '<>'));
}

/** Where the seller's own authenticated mail leads: a buyer, or a mailed action on one of its messages. */
export type SubmissionRoute = { kind: 'to-buyer'; pair: Pair } | Extract<InboundRoute, { kind: 'action' }>;

/**
 * RCPT TO on the submission listener: only this seller's buyer aliases and the action addresses of its own messages
 * (R18, R19: the login proves the seller, no SPF or DKIM needed); never an open relay.
 */
export function routeSubmission(ctx: CoreContext, sellerId: string, rcpt: string): SubmissionRoute {
  const parsed = ctx.addresses.parse(rcpt);
  if (parsed.kind === 'action') {
    const msg = ctx.messageByRelayToken(parsed.token);
    // Another seller's login gets the same answer as an unknown address: it learns nothing about that message.
    if (!msg?.sellerId || msg.sellerId !== sellerId) throw NOT_HERE(rcpt);
    return { kind: 'action', action: parsed.action, token: parsed.token, sellerId, messageId: msg.id };
  }
  if (parsed.kind !== 'alias') {
    throw refuse(
      'EBADINPUT',
      `5.7.1 <${rcpt}>: relaying denied. Write to a buyer's alias (15 characters @${ctx.domain}); Parley relays nothing else`,
    );
  }
  const pair = ctx.pairs.byAlias(parsed.alias);
  if (!pair || pair.sellerId !== sellerId) throw NOT_HERE(rcpt);
  return { kind: 'to-buyer', pair };
}
