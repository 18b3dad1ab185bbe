/**
 * What a message fetched over IMAP can prove about its sender. There was no SMTP session of ours: no client IP, no
 * HELO, so SPF cannot be checked (the shop's mail host did that, and its Authentication-Results cannot be told from a
 * forged one). A DKIM signature travels with the bytes and is verified here; DMARC passes when an aligned signature
 * does, and is otherwise 'none' (not 'fail': the SPF half is unknown, the mail host applied the domain's policy).
 */
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { CoreContext } from '../context.js';
import { parseFields, splitMessage } from '../mail/header-block.js';
import type { AuthVerdict } from '../relay/sender-auth.js';

export async function fetchedAuth(ctx: CoreContext, raw: Buffer): Promise<AuthVerdict & { via: 'imap' }> {
  const fields = parseFields(splitMessage(raw).header);
  if (!fields.some((f) => !f.opaque && f.lowerName === 'dkim-signature'))
    return { spf: 'none', dkim: 'none', dmarc: 'none', aligned: false, via: 'imap' };
  try {
    const result = await dkimVerify(raw, { resolver: ctx.resolver });
    const rows = (result.results ?? []) as { status: { result: string; aligned?: string | false } }[];
    const dkim = rows.find((r) => r.status.result === 'pass') ? 'pass' : (rows[0]?.status.result ?? 'none');
    const aligned = rows.some((r) => r.status.result === 'pass' && Boolean(r.status.aligned));
    return { spf: 'none', dkim, dmarc: aligned ? 'pass' : 'none', aligned, via: 'imap' };
  } catch {
    return { spf: 'none', dkim: 'temperror', dmarc: 'none', aligned: false, via: 'imap' };
  }
}
