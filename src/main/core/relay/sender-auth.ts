import { authenticate } from 'mailauth';
import type { Resolver } from './dns-resolver.js';

export { makeResolver, type Resolver } from './dns-resolver.js';

export interface AuthVerdict {
  spf: string;
  dkim: string;
  dmarc: string;
  /** The domains whose SPF or DKIM passed and aligned with the From domain. */
  aligned: boolean;
  header: string;
}

/** SPF, DKIM and DMARC of an inbound message, recorded on every message (issue: relay). */
export async function checkSender(raw: Buffer, opts: { ip: string; helo: string; sender: string; mta: string; resolver: Resolver }): Promise<AuthVerdict> {
  const result = await authenticate(raw, {
    ip: opts.ip, helo: opts.helo, sender: opts.sender, mta: opts.mta, resolver: opts.resolver,
    disableArc: true, disableBimi: true,
  });
  const dkimResults = (result.dkim?.results ?? []) as { status: { result: string; aligned?: string | false } }[];
  const dkim = dkimResults.find((r) => r.status.result === 'pass') ? 'pass' : dkimResults[0]?.status.result ?? 'none';
  const spf = result.spf ? (result.spf as { status: { result: string } }).status.result : 'none';
  const dmarc = result.dmarc ? (result.dmarc as { status: { result: string } }).status.result : 'none';
  const dkimAligned = dkimResults.some((r) => r.status.result === 'pass' && Boolean(r.status.aligned));
  // Relaxed alignment (RFC 7489 3.1): the SPF-authenticated domain and the From domain share a suffix.
  const spfDomain = ((result.spf as { domain?: string } | false) || {}).domain?.toLowerCase();
  const fromDomain = [result.dkim?.headerFrom].flat()[0]?.split('@').pop()?.toLowerCase();
  const spfAligned = spf === 'pass' && !!spfDomain && !!fromDomain
    && (spfDomain === fromDomain || spfDomain.endsWith(`.${fromDomain}`) || fromDomain.endsWith(`.${spfDomain}`));
  return { spf, dkim, dmarc, aligned: dkimAligned || spfAligned || dmarc === 'pass', header: result.headers };
}
