/**
 * DATA for postmaster@ the relay domain: RFC 5321 (4.5.1) wants the address to take mail. It is kept for the admin
 * view (store/postmaster.ts) and nothing else: no policy, no forwarding, no pair, no record.
 */
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { decodeHeaderValue } from '../mail/encoded-words.js';
import { walkMime } from '../mail/mime-tree.js';

/** Bytes: reports and complaints to a postmaster are text; a larger message is refused (552) before it is stored. */
export const POSTMASTER_MAX_BYTES = 1024 * 1024;

export async function receivePostmaster(
  ctx: CoreContext,
  raw: Buffer,
  env: { sender: string; ip: string },
  /** Runs inside the same transaction as the row (the IMAP intake's "taken" mark). */
  inTransaction?: () => void,
): Promise<string> {
  if (raw.length > POSTMASTER_MAX_BYTES)
    throw new ParleyError(
      'ETOOLARGE',
      `5.3.4 Message too big for the postmaster: at most ${POSTMASTER_MAX_BYTES / 1024 / 1024} MB`,
      552,
    );
  const subjectField = walkMime(raw).fields.find((f) => !f.opaque && f.lowerName === 'subject');
  const subject = decodeHeaderValue(subjectField?.value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
  await ctx.store.commits.run(() => {
    ctx.postmaster.add({ envelopeFrom: env.sender, remoteAddress: env.ip, subject, raw });
    inTransaction?.();
  });
  return 'received for the postmaster';
}
