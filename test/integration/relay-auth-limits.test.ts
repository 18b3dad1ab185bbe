import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { AuthLimits, type AuthLimitOptions } from '../../src/main/core/relay/auth-limits.js';
import { startRelay, type RunningRelay } from '../../src/main/core/relay/relay-service.js';

const DOMAIN = 'relay.test';
const SELLER = { id: 'shop-one', name: 'Shop One', email: 'cs@shop-one.example', password: 'secret-1', language: 'en' };

interface Relay {
  ctx: CoreContext;
  relay: RunningRelay;
}

const running: Array<Relay & { dataDir: string }> = [];

async function start(auth?: Partial<AuthLimitOptions>): Promise<Relay> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-auth-'));
  const ctx = new CoreContext({ dataDir, domain: DOMAIN, dns: 'offline' });
  ctx.sellers.add({ ...SELLER, language: 'en' });
  const relay = await startRelay(ctx, {
    smtp: { host: '127.0.0.1', port: 0 },
    submission: { host: '127.0.0.1', port: 0 },
    auth,
  });
  running.push({ ctx, relay, dataDir });
  return { ctx, relay };
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const r of running.splice(0)) {
    await r.relay.stop();
    r.ctx.close();
    fs.rmSync(r.dataDir, { recursive: true, force: true });
  }
});

/** A bare SMTP session: one line-oriented reply reader over a raw socket. */
class Session {
  private buffer = '';
  private waiting: Array<(line: string) => void> = [];
  private lines: string[] = [];
  readonly closed: Promise<void>;
  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i;
      while ((i = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 2);
        if (/^\d{3} /.test(line)) this.deliver(line); // the last line of a reply
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    void this.closed.then(() => this.deliver('closed'));
  }

  private deliver(line: string) {
    const next = this.waiting.shift();
    if (next) next(line);
    else this.lines.push(line);
  }

  reply(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async command(line: string): Promise<string> {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  static async open(port: number): Promise<Session> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const s = new Session(socket);
    await s.reply(); // greeting
    await s.command('EHLO client.example');
    return s;
  }

  async auth(user: string, password: string): Promise<{ reply: string; ms: number }> {
    const t0 = performance.now();
    const reply = await this.command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`);
    return { reply, ms: performance.now() - t0 };
  }

  close() {
    this.socket.destroy();
    return this.closed;
  }
}

async function authOnce(port: number, user: string, password: string) {
  const s = await Session.open(port);
  try {
    return await s.auth(user, password);
  } finally {
    await s.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('submission AUTH under wrong passwords: the relay stays responsive and locks out guessers', () => {
  it('answers a buyer on the inbound port within a second while 20 sessions guess passwords', async () => {
    const { relay } = await start();
    let stop = false;
    let attempts = 0;
    const open = new Set<Session>();
    const attacker = async () => {
      while (!stop) {
        const s = await Session.open(relay.submissionPort).catch(() => null);
        if (!s) continue;
        open.add(s);
        // smtp-server drops a session after a few failed commands; then a new one.
        while (!stop) {
          const { reply } = await s.auth(SELLER.id, `wrong-${attempts++}`);
          if (reply === 'closed') break;
        }
        await s.close();
        open.delete(s);
      }
    };
    const attackers = Array.from({ length: 20 }, attacker);
    // Let the guessing start before the buyer writes.
    await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(20), { timeout: 10_000, interval: 5 });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: relay.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const t0 = performance.now();
    let ms = Infinity;
    try {
      const info = await transport.sendMail({
        envelope: { from: 'anna@buyers.example', to: `${SELLER.id}@${DOMAIN}` },
        from: 'anna@buyers.example',
        to: `${SELLER.id}@${DOMAIN}`,
        subject: 'Question about my order',
        text: 'Hello, when does it ship?',
      });
      ms = performance.now() - t0;
      expect(info.response).toMatch(/^250/);
    } finally {
      transport.close();
      stop = true;
      // Guessers waiting out a delay are cut off rather than waited for.
      await Promise.all([...open].map((s) => s.close()));
      await Promise.all(attackers);
    }
    console.log(`inbound delivery during ${attempts} wrong-password attempts: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1_000);
  });

  it('after the allowed failures from one address, refuses the next attempt with 454 without checking the password', async () => {
    const { ctx, relay } = await start({ freeFailures: 2, baseDelayMs: 10, lockoutAfter: 5, lockoutMs: 60_000 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const check = vi.spyOn(ctx.sellers, 'checkPassword');
    for (let i = 0; i < 5; i++) {
      const { reply } = await authOnce(relay.submissionPort, SELLER.id, `wrong-${i}`);
      expect(reply).toMatch(/^(535|454)/);
    }
    expect(check).toHaveBeenCalledTimes(5);
    // Locked now: even the right password is refused, and no hash runs.
    const { reply, ms } = await authOnce(relay.submissionPort, SELLER.id, SELLER.password);
    expect(reply).toMatch(/^454 4\.7\.0 .*locked/i);
    expect(check).toHaveBeenCalledTimes(5);
    expect(ms).toBeLessThan(40); // one scrypt takes ~50 ms or more
    expect(relay.authLockouts()).toEqual([
      expect.objectContaining({ kind: 'address', key: '127.0.0.1', failures: 5, until: expect.any(String) }),
    ]);
    // One line per lockout in the relay's log.
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => /locked/.test(l) && l.includes('127.0.0.1'))).toHaveLength(1);
  });

  it('takes as long to refuse an unknown login as a wrong password', async () => {
    const { relay } = await start({ freeFailures: 1_000, lockoutAfter: 1_000, loginLockoutAfter: 1_000 });
    const s = await Session.open(relay.submissionPort);
    const wrong: number[] = [];
    const unknown: number[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        // smtp-server allows a few failed commands per session; reopen when it closes.
        const a = await s.auth(SELLER.id, `wrong-${i}`);
        const b = await s.auth(`no-such-seller-${i}`, `wrong-${i}`);
        if (a.reply === 'closed' || b.reply === 'closed') break;
        expect(a.reply).toMatch(/^535/);
        expect(b.reply).toMatch(/^535/);
        expect(b.reply.slice(4)).toBe(a.reply.slice(4));
        wrong.push(a.ms);
        unknown.push(b.ms);
      }
    } finally {
      await s.close();
    }
    expect(wrong.length).toBeGreaterThanOrEqual(3);
    const ratio = median(unknown) / median(wrong);
    console.log(`median unknown ${median(unknown).toFixed(1)} ms, wrong ${median(wrong).toFixed(1)} ms`);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('lets the right password in, and forgets the address failures after a success', async () => {
    const { relay } = await start({ freeFailures: 2, baseDelayMs: 10, lockoutAfter: 3, lockoutMs: 60_000 });
    for (let i = 0; i < 2; i++) await authOnce(relay.submissionPort, SELLER.id, `wrong-${i}`);
    expect((await authOnce(relay.submissionPort, SELLER.id, SELLER.password)).reply).toMatch(/^235/);
    for (let i = 0; i < 2; i++) await authOnce(relay.submissionPort, SELLER.id, `wrong-${i}`);
    expect((await authOnce(relay.submissionPort, SELLER.id, SELLER.password)).reply).toMatch(/^235/);
    expect(relay.authLockouts()).toEqual([]);
  });
});

describe('AuthLimits: per-address and per-login counts', () => {
  const opts = {
    freeFailures: 2,
    baseDelayMs: 100,
    maxDelayMs: 350,
    lockoutAfter: 6,
    loginLockoutAfter: 6,
    lockoutMs: 60_000,
  };

  it('grows the delay after the free failures, up to the cap', () => {
    const limits = new AuthLimits({ ...opts, lockoutAfter: 100, loginLockoutAfter: 100 }, () => 0);
    const delays = Array.from({ length: 6 }, () => limits.failed('10.0.0.1', 'shop-one').delayMs);
    expect(delays).toEqual([0, 0, 100, 200, 350, 350]);
  });

  it('locks a login guessed from many addresses, but not for an address that logged in to it before', () => {
    let now = 1_000;
    const limits = new AuthLimits(opts, () => now);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    limits.succeeded('192.0.2.7', 'shop-one');
    for (let i = 0; i < 6; i++) limits.failed(`198.51.100.${i}`, 'shop-one');
    expect(limits.check('203.0.113.9', 'shop-one')).toMatchObject({ locked: { kind: 'login', key: 'shop-one' } });
    expect(limits.check('192.0.2.7', 'shop-one')).toEqual({});
    expect(limits.check('203.0.113.9', 'shop-two')).toEqual({});
    expect(limits.lockouts()).toEqual([expect.objectContaining({ kind: 'login', key: 'shop-one', failures: 6 })]);
    now += 60_001;
    expect(limits.check('203.0.113.9', 'shop-one')).toEqual({});
    expect(limits.lockouts()).toEqual([]);
  });

  it('keeps a bounded number of entries', () => {
    const limits = new AuthLimits({ ...opts, maxEntries: 100 }, () => 0);
    for (let i = 0; i < 1_000; i++) limits.failed(`10.0.${i >> 8}.${i & 255}`, `guess-${i}`);
    expect(limits.size()).toBeLessThanOrEqual(200);
  });
});
