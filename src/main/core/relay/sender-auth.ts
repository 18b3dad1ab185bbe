import { authenticate, dmarc, spf } from 'mailauth';
import { parseAddressList } from '../mail/addresses.js';
import { parseFields, splitMessage } from '../mail/header-block.js';
import type { Resolver } from './dns-resolver.js';

export { makeResolver, type Resolver } from './dns-resolver.js';

export interface AuthVerdict {
  spf: string;
  dkim: string;
  dmarc: string;
  /** SPF or DKIM passed for the From domain (relaxed alignment), or DMARC passed. */
  aligned: boolean;
}

interface CheckOptions {
  ip: string;
  helo: string;
  sender: string;
  mta: string;
  resolver: Resolver;
}

const sameOrg = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

// SPF and DMARC verdicts depend only on DNS answers, so they are kept as long as a caching
// resolver would keep those answers (well under usual TTLs). Keyed by everything they depend on.
const VERDICT_TTL_MS = 60_000;
const VERDICT_CACHE_MAX = 10_000;
const verdicts = new Map<string, { at: number; value: Promise<{ spf: string; spfDomain?: string; dmarc: string }> }>();

function cachedVerdict(key: string, compute: () => Promise<{ spf: string; spfDomain?: string; dmarc: string }>) {
  const now = Date.now();
  const hit = verdicts.get(key);
  if (hit && now - hit.at < VERDICT_TTL_MS) return hit.value;
  if (verdicts.size >= VERDICT_CACHE_MAX) verdicts.delete(verdicts.keys().next().value!);
  const value = compute();
  verdicts.set(key, { at: now, value });
  value.catch(() => verdicts.delete(key));
  return value;
}

/**
 * SPF, DKIM and DMARC of an inbound message, recorded on every message. Mail without a DKIM
 * signature skips mailauth's DKIM pass (it re-reads the whole message to find none) and gets
 * SPF and DMARC alone: the same verdicts for less work.
 */
export async function checkSender(raw: Buffer, opts: CheckOptions): Promise<AuthVerdict> {
  const fields = parseFields(splitMessage(raw).header);
  if (fields.some((f) => !f.opaque && f.lowerName === 'dkim-signature')) return fullCheck(raw, opts);
  const fromDomain = parseAddressList(fields.find((f) => !f.opaque && f.lowerName === 'from')?.value ?? '')[0]
    ?.address.split('@')
    .pop()
    ?.toLowerCase();
  const senderDomain = opts.sender.split('@').pop()?.toLowerCase() ?? '';
  const key = [opts.ip, opts.helo, senderDomain, fromDomain ?? ''].join('|');
  if (opts.resolver !== lastResolver) verdicts.clear();
  lastResolver = opts.resolver;
  const {
    spf: spfVerdict,
    spfDomain,
    dmarc: dmarcVerdict,
  } = await cachedVerdict(key, async () => {
    const spfResult = await spf({
      ip: opts.ip,
      helo: opts.helo || opts.ip,
      sender: opts.sender,
      mta: opts.mta,
      resolver: opts.resolver,
    });
    const spfVerdict = spfResult.status.result;
    const spfDomain = (spfResult as { domain?: string }).domain?.toLowerCase();
    let dmarcVerdict = 'none';
    if (fromDomain) {
      const result = await dmarc({
        headerFrom: `x@${fromDomain}`,
        spfDomains: spfVerdict === 'pass' && spfDomain ? [spfDomain] : [],
        dkimDomains: [],
        resolver: opts.resolver,
      });
      dmarcVerdict = (result as { status?: { result?: string } }).status?.result ?? 'none';
    }
    return { spf: spfVerdict, spfDomain, dmarc: dmarcVerdict };
  });
  const spfAligned = spfVerdict === 'pass' && !!spfDomain && !!fromDomain && sameOrg(spfDomain, fromDomain);
  return { spf: spfVerdict, dkim: 'none', dmarc: dmarcVerdict, aligned: spfAligned || dmarcVerdict === 'pass' };
}

/**
 * "Sender not verified": the envelope sender (MAIL FROM) and the From address disagree, address by address and in
 * any letter case (a null envelope, a bounce, disagrees with any From), and DMARC did not pass for the From domain.
 * The relay files a buyer message by its From address; this is what tells the seller that the address may be
 * somebody else's. No From at all is filed by the envelope, so there is nothing to disagree with.
 */
export function senderNotVerified(envelopeFrom: string, headerFrom: string | null, auth: AuthVerdict): boolean {
  if (!headerFrom || auth.dmarc === 'pass') return false;
  return envelopeFrom.trim().toLowerCase() !== headerFrom.trim().toLowerCase();
}

// The cache belongs to one resolver: a different one (another store, a test's fixture records) starts afresh.
let lastResolver: Resolver | undefined;

async function fullCheck(raw: Buffer, opts: CheckOptions): Promise<AuthVerdict> {
  const result = await authenticate(raw, {
    ip: opts.ip,
    helo: opts.helo,
    sender: opts.sender,
    mta: opts.mta,
    resolver: opts.resolver,
    disableArc: true,
    disableBimi: true,
  });
  const dkimResults = (result.dkim?.results ?? []) as { status: { result: string; aligned?: string | false } }[];
  const dkim = dkimResults.find((r) => r.status.result === 'pass') ? 'pass' : (dkimResults[0]?.status.result ?? 'none');
  const spfVerdict = result.spf ? (result.spf as { status: { result: string } }).status.result : 'none';
  const dmarcVerdict = result.dmarc ? (result.dmarc as { status: { result: string } }).status.result : 'none';
  const dkimAligned = dkimResults.some((r) => r.status.result === 'pass' && Boolean(r.status.aligned));
  const spfDomain = ((result.spf as { domain?: string } | false) || {}).domain?.toLowerCase();
  const fromDomain = [result.dkim?.headerFrom].flat()[0]?.split('@').pop()?.toLowerCase();
  const spfAligned = spfVerdict === 'pass' && !!spfDomain && !!fromDomain && sameOrg(spfDomain, fromDomain);
  return { spf: spfVerdict, dkim, dmarc: dmarcVerdict, aligned: dkimAligned || spfAligned || dmarcVerdict === 'pass' };
}
