/**
 * The intake as the renderer sees it (R5): a mailbox without its secret, a state and a held message without the
 * sender. A held message was never routed, so there is no alias to put in place of its sender's address: any address
 * in its subject or reason that is neither ours (under any relay domain served), nor the mailbox's own login, nor the
 * address it was sent to, is hidden.
 */
import type { HeldIntakeView, IntakeAccountView, IntakeProblem, IntakeStatus } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { maskAddresses } from '../log.js';

/** What a hidden address reads as. */
export const HIDDEN_ADDRESS = '(address hidden)';

/** Hides every address in `text` that `keep` does not name (the log's mask, log.ts). */
export function hideAddresses(text: string, keep: (address: string) => boolean): string {
  return maskAddresses(text, keep, HIDDEN_ADDRESS);
}

function keeper(ctx: CoreContext, also: (string | null | undefined)[]): (address: string) => boolean {
  const known = new Set(also.filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase()));
  return (address) => known.has(address) || ctx.addresses.isOwn(address);
}

function problemView(problem: IntakeProblem, keep: (address: string) => boolean): IntakeProblem {
  const params: IntakeProblem['params'] = {};
  for (const [name, value] of Object.entries(problem.params))
    params[name] = typeof value === 'string' ? hideAddresses(value, keep) : value;
  return { code: problem.code, message: hideAddresses(problem.message, keep), key: problem.key, params };
}

/** The mailbox's login, from its label "user@host · INBOX". */
function loginOf(label: string): string {
  return label.split(' · ')[0];
}

/** Field by field, so a field the core adds later (a token, say) does not cross unseen. */
export function intakeAccountView(a: IntakeAccountView): IntakeAccountView {
  return {
    id: a.id,
    sellerId: a.sellerId,
    host: a.host,
    port: a.port,
    secure: a.secure,
    user: a.user,
    folder: a.folder,
    auth: a.auth,
    hasSecret: a.hasSecret,
    trustFingerprint: a.trustFingerprint,
    createdAt: a.createdAt,
  };
}

export function intakeStatusView(s: IntakeStatus, ctx: CoreContext): IntakeStatus {
  // The seller's own login may be an address (shop@example.com): an error naming it is the seller's to read.
  const login = loginOf(s.label);
  const keep = keeper(ctx, [login, login.slice(0, login.lastIndexOf('@'))]);
  return {
    accountId: s.accountId,
    sellerId: s.sellerId,
    label: s.label,
    state: s.state,
    idleSupported: s.idleSupported,
    lastCheckAt: s.lastCheckAt,
    nextRetryAt: s.nextRetryAt,
    lastError: s.lastError ? problemView(s.lastError, keep) : null,
    ...(s.pollSeconds ? { pollSeconds: s.pollSeconds } : {}),
    recorded: s.recorded,
    held: s.held,
  };
}

export function heldIntakeView(h: HeldIntakeView, ctx: CoreContext): HeldIntakeView {
  const keep = keeper(ctx, [h.recipient]);
  return {
    id: h.id,
    accountId: h.accountId,
    sellerId: h.sellerId,
    heldAt: h.heldAt,
    subject: h.subject === null ? null : hideAddresses(h.subject, keep),
    recipient: h.recipient,
    size: h.size,
    reason: problemView(h.reason, keep),
  };
}
