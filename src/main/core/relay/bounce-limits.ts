/**
 * How many bounces (mail to a VERP return path) the relay takes in an hour, per remote address and per seller. Each
 * one is read as a failure report and may queue a notice to the seller; past the limit RCPT gets 450 (a real mail
 * server tries again later, nothing is lost) and the log gets one line per address or seller and hour.
 */
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';

export interface BounceLimitOptions {
  /** Bounces one remote address may send in an hour. */
  bouncesPerAddressPerHour: number;
  /** Bounces about one seller's messages in an hour, from anywhere. */
  bouncesPerSellerPerHour: number;
}

export const DEFAULT_BOUNCE_LIMITS: BounceLimitOptions = {
  // 120 an hour: a receiving server that rejects a whole campaign of one seller's mail reports in minutes, not
  // thousands at once; a flood of forged reports from one address is cut off after two a minute.
  bouncesPerAddressPerHour: 120,
  // 200 an hour: a seller sends at most its daily limit (R16: 5 × average daily orders + 600) in a day, so more than
  // 200 failures an hour about one seller's mail is somebody feeding the return paths, not a real delivery problem.
  bouncesPerSellerPerHour: 200,
};

const HOUR_MS = 60 * 60_000;
const MAX_KEYS = 10_000; // addresses and sellers remembered at most; the oldest go first, so memory stays bounded

/** Event times per key within the last hour. */
class HourWindow {
  private readonly hits = new Map<string, number[]>();
  private readonly logged = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  full(key: string): boolean {
    return this.recent(key).length >= this.limit;
  }

  count(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.hits.delete(key); // re-inserted last: the map's order is the order of use, oldest first
    this.hits.set(key, times);
    for (const old of this.hits.keys()) {
      if (this.hits.size <= MAX_KEYS) break;
      this.hits.delete(old);
    }
  }

  /** When the refusals for `key` are new this hour (one log line each hour), and when it can send again. */
  refusal(key: string): { log: boolean; until: number } {
    const until = (this.recent(key)[0] ?? this.now()) + HOUR_MS;
    const log = (this.logged.get(key) ?? 0) <= this.now();
    if (log) {
      this.logged.delete(key);
      this.logged.set(key, until);
      for (const old of this.logged.keys()) {
        if (this.logged.size <= MAX_KEYS) break;
        this.logged.delete(old);
      }
    }
    return { log, until };
  }

  private recent(key: string): number[] {
    const since = this.now() - HOUR_MS;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.hits.delete(key);
    return times;
  }
}

export class BounceLimits {
  private readonly byAddress: HourWindow;
  private readonly bySeller: HourWindow;

  constructor(
    private readonly limits: BounceLimitOptions,
    now: () => number = Date.now,
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {
    this.byAddress = new HourWindow(limits.bouncesPerAddressPerHour, now);
    this.bySeller = new HourWindow(limits.bouncesPerSellerPerHour, now);
  }

  /** At RCPT to a return path: counts the bounce, or throws 450 when its address or its seller is over the limit. */
  take(ctx: CoreContext, token: string, address: string): void {
    const sellerId = ctx.messageByRelayToken(token)?.sellerId ?? null;
    if (this.byAddress.full(address)) throw this.refuse(this.byAddress, 'address', address);
    if (sellerId && this.bySeller.full(sellerId)) throw this.refuse(this.bySeller, 'seller', sellerId);
    this.byAddress.count(address);
    if (sellerId) this.bySeller.count(sellerId);
  }

  private refuse(window: HourWindow, kind: 'address' | 'seller', key: string): ParleyError {
    const limit = kind === 'address' ? this.limits.bouncesPerAddressPerHour : this.limits.bouncesPerSellerPerHour;
    const { log, until } = window.refusal(key);
    if (log)
      this.log(
        `parley relay: bounces ${kind === 'address' ? 'from' : 'about seller'} ${key} over ${limit} an hour: ` +
          `refused with 450 until ${new Date(until).toISOString()}`,
      );
    const who = kind === 'address' ? 'from your address' : 'for this sender';
    return new ParleyError(
      'EBADINPUT',
      `4.7.1 Too many bounces ${who} (${limit} an hour at most); try again later`,
      450,
    );
  }
}
