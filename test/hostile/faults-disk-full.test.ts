/**
 * The data directory fills up (a small tmpfs: real ENOSPC from the kernel, for the blob files and for SQLite):
 * inbound SMTP answers 452 4.3.1 (try later) instead of crashing or a 451 with a stack trace, the outbox keeps
 * what it had, and once there is room again the store opens, `parley verify` passes, and new mail is accepted and
 * delivered once. Needs root (mount); skipped with the reason where mounting is not allowed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../src/main/core/app/testing/test-app.js';
import { CoreContext } from '../../src/main/core/context.js';
import { startRelay } from '../../src/main/core/relay/relay-service.js';
import { sqlValue } from '../../src/main/core/store/inspect.js';
import { PARLEY_BIN } from '../support/serve-process.js';
import { FaultSmarthost } from '../support/fault-smarthost.js';

const DOMAIN = 'relay.test';
const SELLER = {
  id: 'shop-one',
  name: 'Shop One',
  email: 'cs@shop-one.example',
  password: 'pw',
  language: 'en' as const,
};

/** Mounts a tmpfs of `size` on a new directory; undefined (with why) where this process may not mount. */
function mountTmpfs(size: string): { dir: string } | { why: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (err) {
    fs.rmdirSync(dir);
    return { why: String((err as { stderr?: Buffer }).stderr ?? err).trim() || 'mount failed' };
  }
}

/** Writes until the file system says ENOSPC; the filler's path. */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  // The last few bytes too, so that even a small write fails.
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

async function send(port: number, n: number): Promise<string> {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await client.sendMail({
      from: `buyer-${n}@buyers.example`,
      to: `${SELLER.id}@${DOMAIN}`,
      subject: `Question ${n}`,
      text: `Where is order ${n}?\n`.repeat(200), // a few KB: a blob file and WAL pages
    });
    return info.response;
  } catch (err) {
    const e = err as { response?: string; message: string };
    return e.response ?? e.message;
  } finally {
    client.close();
  }
}

describe('disk full', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('answers 452 while the disk is full, keeps the store intact, and accepts mail again once there is room', async (t) => {
    const mount = mountTmpfs('8m');
    if ('why' in mount) return t.skip(`cannot mount a small tmpfs here (${mount.why}); the disk-full run needs root`);
    const dataDir = mount.dir;
    cleanup.push(() => {
      execFileSync('umount', ['-l', dataDir]);
      fs.rmdirSync(dataDir);
    });
    // The 4th and 5th message to the seller get their 250 slowly: the disk fills while they are being handed over.
    const host = new FaultSmarthost((_rcpt, n) =>
      n === 4 || n === 5 ? { kind: 'slow-final-reply', ms: 1_500 } : { kind: 'accept' },
    );
    await host.start();
    cleanup.push(() => host.stop());
    const ctx = new CoreContext({ dataDir, domain: DOMAIN, dns: 'offline' });
    let open = true;
    cleanup.push(() => (open ? ctx.close() : undefined));
    ctx.sellers.add(SELLER);
    const relay = await startRelay(ctx, {
      smtp: { host: '127.0.0.1', port: 0 },
      submission: { host: '127.0.0.1', port: 0 },
      smarthost: host.url,
      outbox: { pollMs: 100, baseBackoffMs: 200, maxBackoffMs: 1_000 },
    });
    let running = true;
    cleanup.push(() => (running ? relay.stop() : undefined));
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    cleanup.push(() => spy.mockRestore());
    const idOf = (reply: string) => /<[^>\s]+@relay\.test>/.exec(reply)![0];

    const before = await Promise.all([1, 2, 3].map((n) => send(relay.smtpPort, n)));
    for (const r of before) expect(r).toMatch(/^250 /);
    await host.until((t) => t.length === 3, 15_000, 'the first three');
    const inFlight = await Promise.all([4, 5].map((n) => send(relay.smtpPort, n)));
    for (const r of inFlight) expect(r).toMatch(/^250 /);
    // Both on their way to the smarthost (the outbox wrote down "sending") before the disk fills: under load the
    // worker might otherwise first look at them once nothing can be written, and this test is about mail in flight.
    const sending = `SELECT COUNT(*) FROM outbox o
      WHERE (SELECT e.state FROM delivery_events e WHERE e.outbox_id = o.id ORDER BY e.id DESC LIMIT 1) = 'sending'`;
    await eventually(() => sqlValue<number>(ctx.store, sending) === 2, 10_000, '4 and 5 on their way');

    const filler = fillUp(dataDir);
    const during = await Promise.all([6, 7, 8, 9].map((n) => send(relay.smtpPort, n)));
    for (const r of during) expect(r).toMatch(/^452 4\.3\.1 /);
    // The smarthost took 4 and 5 while the disk was full. (Writing that down may still fit: SQLite reuses the WAL's
    // frames. If it does not, the worker keeps it in flight and tries again; it never sends it again.)
    await host.until((t) => t.length === 5, 15_000, 'the two slow ones');
    expect(logged.filter((l) => /the data directory is full/.test(l))).toHaveLength(1);
    expect(logged.join('\n')).not.toMatch(/internal error|\n\s+at /);

    fs.rmSync(filler);
    const after = await send(relay.smtpPort, 10);
    expect(after).toMatch(/^250 /);
    await host.until((t) => t.length >= 6, 15_000, 'the one after');
    await eventually(
      () => sqlValue<number>(ctx.store, `SELECT COUNT(*) FROM outbox WHERE state = 'delivered'`) === 6,
      15_000,
      'six deliveries on record',
    );
    // Each accepted message once, nothing else: the two whose 250 came while the disk was full were not sent again.
    const copies = host.copies();
    expect([...copies.keys()].sort()).toEqual([...before, ...inFlight, after].map(idOf).sort());
    for (const [id, n] of copies) expect(n, `${id} delivered once`).toBe(1);
    expect(sqlValue<number>(ctx.store, `SELECT COUNT(*) FROM messages`)).toBe(6);

    await relay.stop();
    running = false;
    ctx.close();
    open = false;
    // The store opens again and checks out: SQLite's own check, and the record's hash chain and files.
    const check = new CoreContext({ dataDir, dns: 'offline' });
    expect(sqlValue<string>(check.store, 'PRAGMA integrity_check')).toBe('ok');
    check.close();
    const verify = spawnSync(process.execPath, [PARLEY_BIN, 'verify', '--data', dataDir], { encoding: 'utf8' });
    expect(verify.stdout + verify.stderr).toMatch(/^ok: 6 messages, hash chain intact, every file matches/);
    expect(verify.status).toBe(0);
  }, 60_000);
});
