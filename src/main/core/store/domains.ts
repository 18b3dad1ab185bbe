/**
 * Every relay domain the store has served (migration 9). Aliases, relay, reply, return-path and action addresses are
 * handed out under the current domain and stay valid under every domain served before: a buyer keeps the address he
 * was given, a seller's mail client keeps the alias it knows. The 'domain' setting mirrors the current one for the
 * seller's view that the search index reads (migration 8).
 */
import { ParleyError } from '../errors.js';
import type { Store } from './store.js';

export interface ServedDomain {
  name: string;
  /** ISO time the relay began to use it (for the first one: when the store's first shop was set up). */
  firstServedAt: string;
  current: boolean;
}

// RFC 1035 host name rules, lower case: labels of letters, digits and inner hyphens, at most 63 characters each and
// 253 in all, at least two labels (an address needs a domain that mail can be routed to).
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_LENGTH = 253;

/** The domain as the store keeps it (lower case, no trailing dot), or a refusal in the seller's words. */
export function checkDomainName(input: string): string {
  const name = input.trim().toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const ok =
    name.length <= MAX_LENGTH &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    !/^[0-9]+$/.test(labels[labels.length - 1]);
  if (!ok)
    throw new ParleyError(
      'EBADINPUT',
      `"${input}" is not a domain name Parley can use for the relay (like relay.example.com: letters, digits and hyphens, at least one dot)`,
      { detail: { key: 'domain.invalid', params: { domain: input } } },
    );
  return name;
}

interface DomainRow {
  name: string;
  first_served_at: string;
  current: number;
}

export class DomainRepo {
  constructor(private readonly store: Store) {}

  /** The current domain first, then the older ones, newest first. */
  list(): ServedDomain[] {
    const rows = this.store
      .stmt('SELECT name, first_served_at, current FROM domains ORDER BY current DESC, first_served_at DESC, name')
      .all() as DomainRow[];
    return rows.map((r) => ({ name: r.name, firstServedAt: r.first_served_at, current: r.current === 1 }));
  }

  current(): string | undefined {
    const row = this.store.stmt('SELECT name FROM domains WHERE current = 1').get() as { name: string } | undefined;
    return row?.name;
  }

  /** Every domain served: mail to any of them is ours. */
  names(): string[] {
    return this.list().map((d) => d.name);
  }

  /**
   * Makes `name` the current domain, adding it when it is new; the others stay served. Returns the domain it replaced,
   * or null when it was current already.
   */
  serve(input: string): { name: string; previous: string | null } {
    const name = checkDomainName(input);
    return this.store.transaction(() => {
      const previous = this.current() ?? null;
      if (previous === name) return { name, previous: null };
      this.store.stmt('UPDATE domains SET current = 0 WHERE current = 1').run();
      this.store
        .stmt(
          `INSERT INTO domains (name, first_served_at, current) VALUES (?, ?, 1)
           ON CONFLICT(name) DO UPDATE SET current = 1`,
        )
        .run(name, this.store.nowIso());
      this.store.setSetting('domain', name);
      return { name, previous };
    });
  }
}
