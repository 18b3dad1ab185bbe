/**
 * Failed submission logins, counted in memory per remote address and per login: after a few free failures each
 * wrong answer comes later (the delay doubles), and after more the address or the login is locked for a while. A
 * locked attempt is refused before any hash runs. A login locked by guesses from elsewhere stays open to an address
 * that logged in to it before, so guessers cannot lock the seller's own mail client out.
 */
import { createHash } from 'node:crypto';
import { isValidSellerId } from '../store/seller-ids.js';

export interface AuthLimitOptions {
  /** Failures (per address or login) answered without delay. */
  freeFailures: number;
  /** Delay after the first failure past the free ones, in ms; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures from one address that lock it. */
  lockoutAfter: number;
  /**
   * Failures on one login (from anywhere) that lock it; higher, since it counts guesses spread over many addresses
   * and a success does not reset it.
   */
  loginLockoutAfter: number;
  lockoutMs: number;
  /** Failures older than this (ms since the last one) are forgotten. */
  windowMs: number;
  /** Entries kept at most per kind; the oldest go first, so guessing many logins cannot grow memory. */
  maxEntries: number;
  /** Password hashes running at once, so guesses cannot fill libuv's thread pool that file writes share. */
  maxConcurrentChecks: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimitOptions = {
  freeFailures: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  lockoutAfter: 10,
  loginLockoutAfter: 30,
  lockoutMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  maxEntries: 10_000,
  maxConcurrentChecks: 2,
};

export interface AuthLockout {
  kind: 'address' | 'login';
  /** The remote address or the login name as sent (lower-cased). */
  key: string;
  failures: number;
  /** ISO time the lockout ends. */
  until: string;
}

interface Entry {
  failures: number;
  last: number;
  lockedUntil: number;
}

export class AuthLimits {
  private readonly opts: AuthLimitOptions;
  private readonly addresses = new Map<string, Entry>();
  private readonly logins = new Map<string, Entry>();
  /** `login \n address` → time of the last successful login from there. */
  private readonly trusted = new Map<string, number>();
  private running = 0;
  private readonly queue: Array<() => void> = [];
  private stopping = false;
  private readonly lockoutListeners: Array<(lockout: AuthLockout) => void> = [];

  constructor(
    opts: Partial<AuthLimitOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.opts = { ...DEFAULT_AUTH_LIMITS, ...opts };
  }

  /** Called with each new lockout, as it begins (Settings shows it without being reopened). */
  onLockout(listener: (lockout: AuthLockout) => void): void {
    this.lockoutListeners.push(listener);
  }

  /** Before a password is checked: `locked` when the attempt is refused without one. */
  check(address: string, login: string): { locked?: AuthLockout } {
    const byAddress = this.live(this.addresses, address);
    if (byAddress && byAddress.lockedUntil > this.now()) return { locked: lockout('address', address, byAddress) };
    const byLogin = this.live(this.logins, login);
    if (byLogin && byLogin.lockedUntil > this.now() && !this.trusted.has(trustKey(login, address)))
      return { locked: lockout('login', login, byLogin) };
    return {};
  }

  /** Counts a failure; `delayMs` is how long to wait before answering, `locked` set when this one locked. */
  failed(address: string, login: string): { delayMs: number; locked?: AuthLockout } {
    const a = this.count(this.addresses, 'address', address, this.opts.lockoutAfter);
    const l = this.count(this.logins, 'login', login, this.opts.loginLockoutAfter);
    const failures = Math.max(a.entry.failures, l.entry.failures);
    const over = failures - this.opts.freeFailures;
    const delayMs = over <= 0 ? 0 : Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (over - 1));
    return { delayMs, locked: a.locked ?? l.locked };
  }

  /** A right password: the address starts over, and may use the login even while it is locked. */
  succeeded(address: string, login: string): void {
    this.addresses.delete(address);
    const key = trustKey(login, address);
    this.trusted.delete(key);
    this.trusted.set(key, this.now());
    trim(this.trusted, this.opts.maxEntries);
  }

  /** Addresses and logins locked now, for the app and the log. */
  lockouts(): AuthLockout[] {
    const out: AuthLockout[] = [];
    for (const [kind, map] of [
      ['address', this.addresses],
      ['login', this.logins],
    ] as const) {
      for (const key of [...map.keys()]) {
        const entry = this.live(map, key);
        if (entry && entry.lockedUntil > this.now()) out.push(lockout(kind, key, entry));
      }
    }
    return out;
  }

  /** Entries held (addresses and logins), to check memory stays bounded. */
  size(): number {
    return this.addresses.size + this.logins.size;
  }

  /**
   * Runs a password check when fewer than `maxConcurrentChecks` are running; undefined once the relay stops (its store
   * may be closed by the time a queued check would run).
   */
  async run<T>(check: () => Promise<T>): Promise<T | undefined> {
    if (this.running >= this.opts.maxConcurrentChecks) await new Promise<void>((resolve) => this.queue.push(resolve));
    if (this.stopping) return undefined;
    this.running++;
    try {
      return await check();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** The relay is stopping: queued checks are dropped. */
  stop(): void {
    this.stopping = true;
    for (const release of this.queue.splice(0)) release();
  }

  /** The entry, or nothing once its lockout ended or its failures are older than the window. */
  private live(map: Map<string, Entry>, key: string): Entry | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    const now = this.now();
    const lockEnded = entry.lockedUntil !== 0 && entry.lockedUntil <= now;
    if (lockEnded || (entry.lockedUntil === 0 && now - entry.last > this.opts.windowMs)) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private count(map: Map<string, Entry>, kind: AuthLockout['kind'], key: string, lockoutAfter: number) {
    const now = this.now();
    const entry = this.live(map, key) ?? { failures: 0, last: now, lockedUntil: 0 };
    entry.failures++;
    entry.last = now;
    map.delete(key); // re-inserted last: the map's order is the order of last failure, oldest first
    map.set(key, entry);
    trim(map, this.opts.maxEntries);
    let locked: AuthLockout | undefined;
    if (entry.lockedUntil === 0 && entry.failures >= lockoutAfter) {
      entry.lockedUntil = now + this.opts.lockoutMs;
      locked = lockout(kind, key, entry);
      console.warn(
        `parley relay: submission ${kind} ${loggable(kind, key)} locked until ${locked.until} ` +
          `after ${entry.failures} failed logins`,
      );
      for (const listener of this.lockoutListeners) listener(locked);
    }
    return { entry, locked };
  }
}

/**
 * A login is logged only when it has a shop id's shape: a guessed login may be a buyer's address, which the log must
 * not hold (R5), so any other is named by a short hash that still tells repeated guesses apart.
 */
function loggable(kind: AuthLockout['kind'], key: string): string {
  if (kind === 'address' || isValidSellerId(key)) return JSON.stringify(key.slice(0, 100));
  return `(not a shop id, #${createHash('sha256').update(key).digest('hex').slice(0, 8)})`;
}

function lockout(kind: AuthLockout['kind'], key: string, entry: Entry): AuthLockout {
  return { kind, key, failures: entry.failures, until: new Date(entry.lockedUntil).toISOString() };
}

function trustKey(login: string, address: string): string {
  return `${login}\n${address}`;
}

function trim(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
