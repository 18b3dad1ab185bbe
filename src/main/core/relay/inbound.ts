import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { acceptFromSeller } from './accept.js';
import { acceptFromBuyer } from './accept-buyer.js';
import { markNoResponseNeeded, reportMessage } from './marks.js';
import { receivePostmaster } from './postmaster.js';
import { noteSmarthostBounce } from './bounces.js';
import type { InboundRoute, SubmissionRoute } from './routes.js';
import { checkSender } from './sender-auth.js';

export interface InboundEnvelope {
  sender: string;
  ip: string;
  helo: string;
}

/** DATA on the inbound listener, by where RCPT led. Resolves to the text after "250 ". */
export async function handleInbound(
  ctx: CoreContext,
  raw: Buffer,
  route: InboundRoute,
  env: InboundEnvelope,
  /** Commits with a buyer's message (the IMAP intake's mark); SMTP passes none. */
  inTransaction?: () => void,
): Promise<string> {
  switch (route.kind) {
    case 'to-seller':
      return (
        await acceptFromBuyer(
          ctx,
          raw,
          route,
          env.sender,
          checkSender(raw, { ...env, mta: ctx.domain, resolver: ctx.resolver }),
          inTransaction,
        )
      ).response;
    case 'to-buyer': {
      const auth = await checkSender(raw, { ...env, mta: ctx.domain, resolver: ctx.resolver });
      const seller = ctx.sellers.require(route.pair.sellerId);
      return (
        await acceptFromSeller(ctx, raw, { seller, pair: route.pair, via: 'mail-client', sender: env.sender, auth })
      ).response;
    }
    case 'bounce':
      return noteSmarthostBounce(ctx, raw, route.token);
    case 'action': {
      // The envelope sender was checked against the seller's authorized addresses at RCPT; from outside, that is
      // only a claim. Like mail to a buyer (R7), the action needs SPF or DKIM aligned with that address.
      const auth = await checkSender(raw, { ...env, mta: ctx.domain, resolver: ctx.resolver });
      if (!auth.aligned)
        throw new ParleyError(
          'EUNAUTHORIZED',
          `5.7.1 <${env.sender}> could not be verified (SPF ${auth.spf}, DKIM ${auth.dkim}): use the buttons in ` +
            'Parley, or send from a server that passes SPF or DKIM for that domain',
          550,
        );
      return applyMailAction(ctx, route);
    }
    case 'postmaster':
      return receivePostmaster(ctx, raw, env);
    default:
      throw new ParleyError('EBADINPUT', '5.5.1 No valid recipient', 554);
  }
}

/** Report (R18) or "No response needed" (R19) from a mail client, once the sender is proven. */
export function applyMailAction(ctx: CoreContext, route: Extract<SubmissionRoute, { kind: 'action' }>): string {
  if (route.action === 'report') {
    reportMessage(ctx, route.messageId, { reason: 'reported from mail client', source: 'mail' });
    return 'message reported (R18)';
  }
  markNoResponseNeeded(ctx, route.messageId, 'mail');
  return 'marked as no response needed (R19)';
}
