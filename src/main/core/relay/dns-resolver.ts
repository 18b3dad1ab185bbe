import dns from 'node:dns';
import fs from 'node:fs';

/** A DNS resolver as mailauth wants it: `(name, rrtype) => records`. */
export type Resolver = (name: string, rrtype: string) => Promise<string[] | string[][]>;

// One error for every miss: building a stack trace per lookup showed up in the relay's profile.
const NOT_FOUND = Object.assign(new Error('DNS lookup: not found'), { code: 'ENOTFOUND' });

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
    if (hit === undefined) throw NOT_FOUND;
    return hit as string[] | string[][];
  };
}
