/**
 * Submission lockouts reach the app: after too many wrong passwords the locked remote address is part of the relay
 * status Settings reads (which address or login, how many failures, until when). The limits are scaled down so two
 * wrong logins lock; real SMTP AUTH on the app's loopback submission port.
 */
import nodemailer from 'nodemailer';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_SELLER } from '../ops/demo.js';
import { appsPerTest, startDemoApp } from './testing/test-app.js';

appsPerTest(); // removes the data folders after each test

async function login(port: number, user: string, pass: string): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    auth: { user, pass },
  });
  try {
    await transport.verify();
    return 'ok';
  } catch (err) {
    return String((err as { response?: string }).response);
  } finally {
    transport.close();
  }
}

describe('submission lockouts in the relay status', () => {
  it('lists the locked address with its failures and end, and nothing before', async () => {
    const app = await startDemoApp({
      relayOverrides: {
        auth: { freeFailures: 0, baseDelayMs: 1, maxDelayMs: 1, lockoutAfter: 2, loginLockoutAfter: 50 },
      },
    });
    try {
      const port = Number(app.service.relayInfo().submission!.split(':')[1]);
      expect((await app.call('app.status', {})).relayStatus.authLockouts).toEqual([]);
      app.events.length = 0;
      expect(await login(port, DEMO_SELLER.id, 'wrong-1')).toMatch(/^535 /);
      expect(await login(port, DEMO_SELLER.id, 'wrong-2')).toMatch(/^454 .*locked/);
      // An open Settings learns of it at once: the relay status is pushed as the lockout begins.
      await app.waitForEvent('relay.status', (s) => (s.authLockouts ?? []).length === 1);
      const before = Date.now();
      const { relayStatus } = await app.call('app.status', {});
      expect(relayStatus.authLockouts).toEqual([
        { kind: 'address', key: '127.0.0.1', failures: 2, until: expect.any(String) },
      ]);
      const until = Date.parse(relayStatus.authLockouts![0].until);
      expect(until).toBeGreaterThan(before + 14 * 60_000); // the 15-minute lockout
    } finally {
      await app.close();
    }
  });

  it('names a locked login only when it is a shop’s id: a guessed buyer address never reaches the UI (R5)', async () => {
    const app = await startDemoApp({
      relayOverrides: {
        auth: { freeFailures: 0, baseDelayMs: 1, maxDelayMs: 1, lockoutAfter: 50, loginLockoutAfter: 2 },
      },
    });
    try {
      const port = Number(app.service.relayInfo().submission!.split(':')[1]);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      for (const user of ['anna.mueller@example.de', DEMO_SELLER.id]) {
        expect(await login(port, user, 'wrong-1')).toMatch(/^535 /);
        expect(await login(port, user, 'wrong-2')).toMatch(/^454 .*locked/);
      }
      // The log names the shop's login, never the guessed buyer address (R5): a hash tells guesses apart.
      const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('locked until'));
      warn.mockRestore();
      expect(lines).toEqual([
        expect.stringMatching(/^parley relay: submission login \(not a shop id, #[0-9a-f]{8}\) locked until /),
        expect.stringContaining(`submission login "${DEMO_SELLER.id}" locked until`),
      ]);
      const { relayStatus } = await app.call('app.status', {});
      expect(relayStatus.authLockouts).toEqual([
        { kind: 'login', key: '', failures: 2, until: expect.any(String) },
        { kind: 'login', key: DEMO_SELLER.id, failures: 2, until: expect.any(String) },
      ]);
    } finally {
      await app.close();
    }
  });
});
