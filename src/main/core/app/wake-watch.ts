/**
 * After the laptop sleeps or the network changes, deferred mail must go out without a restart
 * (an outbox stuck after sleep is a complaint Parley must not earn). Two signals:
 * a timer that fires much later than it was scheduled (the wall clock jumped: the machine
 * slept), and a change of the network interfaces (polled: Node has no event for it).
 */
import os from 'node:os';

export type WakeReason = 'clock-jump' | 'network-change';

export interface WakeWatchOptions {
  /** ms between checks. */
  intervalMs?: number;
  /** ms a tick may be late before it counts as a jump of the clock. */
  jumpMs?: number;
  /** Wall-clock time in ms (Date.now): it runs on during sleep, the timers do not. */
  now?: () => number;
  /** A fingerprint of the network interfaces; a change means the network changed. */
  interfaces?: () => string;
}

/** Addresses per interface, sorted, so that only a real change changes the fingerprint. */
export function interfaceFingerprint(): string {
  const all = os.networkInterfaces();
  return Object.keys(all)
    .sort()
    .map(
      (name) =>
        `${name}=${(all[name] ?? [])
          .map((a) => a.address)
          .sort()
          .join(',')}`,
    )
    .join(';');
}

export class WakeWatch {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private fingerprint = '';
  private readonly intervalMs: number;
  private readonly jumpMs: number;
  private readonly now: () => number;
  private readonly interfaces: () => string;

  constructor(
    private readonly onWake: (reason: WakeReason) => void,
    opts: WakeWatchOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 10_000; // 10 s: as the issue asks for the network poll
    this.jumpMs = opts.jumpMs ?? 20_000; // 20 s late: no busy event loop is that slow, a suspend is
    this.now = opts.now ?? Date.now;
    this.interfaces = opts.interfaces ?? interfaceFingerprint;
  }

  start(): void {
    this.last = this.now();
    this.fingerprint = this.safeInterfaces();
    this.timer = setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One tick: exposed so tests can drive it with a fake clock. */
  check(): void {
    const now = this.now();
    const late = now - this.last - this.intervalMs;
    this.last = now;
    const fingerprint = this.safeInterfaces();
    const changed = fingerprint !== this.fingerprint;
    this.fingerprint = fingerprint;
    if (late > this.jumpMs) this.onWake('clock-jump');
    else if (changed) this.onWake('network-change');
  }

  private safeInterfaces(): string {
    try {
      return this.interfaces();
    } catch {
      return this.fingerprint;
    }
  }
}
