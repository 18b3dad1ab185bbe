import dns from 'node:dns';
import fs from 'node:fs';
import { authenticate } from 'mailauth';

/** A DNS resolver as mailauth wants it: `(name, rrtype) => records`. */
export type Resolver = (name: string, rrtype: string) => Promise<string[] | string[][]>;

export interface AuthVerdict {
  spf: string;
  dkim: string;
  dmarc: string;
  /** The domains whose SPF or DKIM passed and aligned with the From domain. */
  aligned: boolean;
  header: string;
}

function notFound(name: string): Error {
  return Object.assign(new Error(`DNS lookup of ${name}: not found`), { code: 'ENOTFOUND' });
}

/**
 * `system` asks the machine's DNS; `offline` answers "not found" to every question (tests,
 * benchmarks, machines with no network: nothing leaves the machine); any other value is a JSON
 * file of fixture records `{ "TXT": { "example.org": [["v=spf1 ip4:127.0.0.1 -all"]] } }`.
 */
export function makeResolver(spec: string): Resolver {
  if (spec === 'system') return (name, rrtype) => dns.promises.resolve(name, rrtype) as Promise<string[] | string[][]>;
  let table: Record<string, Record<string, unknown>> = {};
  if (spec !== 'offline') table = JSON.parse(fs.readFileSync(spec, 'utf8'));
  return async (name, rrtype) => {
    const hit = table[rrtype.toUpperCase()]?.[name.toLowerCase().replace(/\.$/, '')];
    if (hit === undefined) throw notFound(name);
    return hit as string[] | string[][];
  };
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
