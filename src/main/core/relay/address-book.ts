import crypto from 'node:crypto';
import { isAlias } from '../aliases.js';
import { SELLER_ID_PATTERN } from '../store/seller-ids.js';

/**
 * The relay's address scheme. New addresses are made under the current relay domain; every domain the store has
 * served takes mail (store/domains.ts), so an address handed out before a domain change keeps working. The local parts
 * are disjoint by shape, so one lookup tells what an address is:
 *   <alias>@d              15 [a-z0-9]            the buyer as the seller sees him (R1)
 *   <seller>@d             seller id (has a '-')   the seller's public relay address
 *   <seller>.<token>@d     id, dot, 15 chars       the pair's reply address the buyer sees (R6)
 *   bounce+<id>-<mac>@d    VERP return path        matches a smarthost bounce to its message
 *   action+<k>-<id>-<mac>@d                        Report / No response needed from a mail client (R18, R19)
 *   postmaster@d                                   RFC 5321's must-have address: kept for the admin view
 */
export type ParsedAddress =
  | { kind: 'alias'; alias: string }
  | { kind: 'seller'; sellerId: string }
  | { kind: 'reply'; sellerId: string; token: string }
  | { kind: 'bounce'; token: string }
  | { kind: 'action'; action: MailAction; token: string }
  | { kind: 'postmaster' }
  | { kind: 'unknown' };

export type MailAction = 'report' | 'no-response';

const ACTION_CODES: Record<string, MailAction> = { r: 'report', n: 'no-response' };
const MAC_LENGTH = 16; // hex chars = 64 bits: enough to stop guessing over SMTP

export class AddressBook {
  /** Every domain served, the current one first. */
  readonly domains: readonly string[];

  constructor(
    readonly domain: string,
    private readonly secret: Buffer,
    served: readonly string[] = [],
  ) {
    this.domains = [domain, ...served.filter((d) => d !== domain)];
  }

  sellerAddress(sellerId: string): string {
    return `${sellerId}@${this.domain}`;
  }

  aliasAddress(alias: string): string {
    return `${alias}@${this.domain}`;
  }

  replyAddress(sellerId: string, token: string): string {
    return `${sellerId}.${token}@${this.domain}`;
  }

  /** `token` is the random part of the relay Message-ID of the message being sent. */
  bounceAddress(token: string): string {
    return `bounce+${token}-${this.mac(`bounce:${token}`)}@${this.domain}`;
  }

  actionAddress(action: MailAction, token: string): string {
    const code = action === 'report' ? 'r' : 'n';
    return `action+${code}-${token}-${this.mac(`action:${code}:${token}`)}@${this.domain}`;
  }

  /**
   * Whether the address is under a relay domain, the current one or one served before: an alias, a seller's or reply
   * address, postmaster@, a bounce.
   */
  isOwn(address: string): boolean {
    const at = address.lastIndexOf('@');
    return at > 0 && this.domains.includes(address.slice(at + 1).toLowerCase());
  }

  parse(address: string): ParsedAddress {
    const at = address.lastIndexOf('@');
    if (at < 1) return { kind: 'unknown' };
    const local = address.slice(0, at).toLowerCase();
    if (!this.domains.includes(address.slice(at + 1).toLowerCase())) return { kind: 'unknown' };
    if (isAlias(local)) return { kind: 'alias', alias: local };
    if (local === 'postmaster') return { kind: 'postmaster' };
    let m = /^bounce\+([a-z0-9]+)-([0-9a-f]+)$/.exec(local);
    if (m) return this.macOk(`bounce:${m[1]}`, m[2]) ? { kind: 'bounce', token: m[1] } : { kind: 'unknown' };
    m = /^action\+([rn])-([a-z0-9]+)-([0-9a-f]+)$/.exec(local);
    if (m)
      return this.macOk(`action:${m[1]}:${m[2]}`, m[3])
        ? { kind: 'action', action: ACTION_CODES[m[1]], token: m[2] }
        : { kind: 'unknown' };
    m = /^([a-z][a-z0-9-]{2,39})\.([a-z0-9]{15})$/.exec(local);
    if (m) return { kind: 'reply', sellerId: m[1], token: m[2] };
    if (SELLER_ID_PATTERN.test(local)) return { kind: 'seller', sellerId: local };
    return { kind: 'unknown' };
  }

  private mac(data: string): string {
    return crypto.createHmac('sha256', this.secret).update(data).digest('hex').slice(0, MAC_LENGTH);
  }

  private macOk(data: string, given: string): boolean {
    const expected = Buffer.from(this.mac(data));
    const actual = Buffer.from(given);
    return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
  }
}
