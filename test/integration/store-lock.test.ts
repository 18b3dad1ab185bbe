import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { PARLEY_BIN, spawnServe, stopProcess, type ServeProcess } from '../support/serve-process.js';

/** Runs a second `parley serve` to its end, or until it says it is ready (which it must not). */
function serveOutcome(dataDir: string): Promise<{ code: number | null; ready: boolean; stderr: string }> {
  const child = spawn(
    process.execPath,
    [PARLEY_BIN, 'serve', '--json', '--smtp', '127.0.0.1:0', '--submission', '127.0.0.1:0', '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second parley serve neither exited nor started: ${out}${stderr}`));
    }, 20_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('"submission"')) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve({ code: null, ready: true, stderr });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ready: false, stderr });
    });
  });
}

/** Runs a one-shot command with --json and returns what it printed; it must succeed. */
function parley(dataDir: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--json', '--data', dataDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  return r.stdout;
}

/** The first line the relay's SMTP port says. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(10_000, () => socket.destroy(new Error('no greeting')));
    socket.once('error', reject);
    socket.once('data', (d) => {
      socket.end('QUIT\r\n');
      resolve(String(d));
    });
  });
}

describe('one relay per store: the data directory is locked while a relay runs', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('refuses a second serve naming the first, keeps one-shot commands working, and takes over a stale lock', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const setup = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
    setup.sellers.add({
      id: 'shop-one',
      name: 'Shop One',
      email: 'cs@shop-one.example',
      password: 'pw',
      language: 'en',
    });
    setup.close();
    const args = ['--data', dataDir, '--dns', 'offline'];

    const first: ServeProcess = await spawnServe(args);
    cleanup.push(() => stopProcess(first.child, 'SIGKILL'));

    const second = await serveOutcome(dataDir);
    expect(second.ready).toBe(false);
    expect(second.code).not.toBe(0);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`pid ${first.child.pid}`);

    // The first relay keeps serving, and a one-shot command works beside it.
    expect(await greeting(first.smtpPort)).toMatch(/^220 /);
    const messages = spawnSync(
      process.execPath,
      [PARLEY_BIN, 'messages', '--seller', 'shop-one', '--json', '--data', dataDir],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(messages.stderr).toBe('');
    expect(messages.status).toBe(0);
    expect(JSON.parse(messages.stdout).messages).toEqual([]);

    // `parley send` commits to the store beside the relay; the relay's outbox delivers what it queued.
    const body = path.join(dataDir, '..', `${path.basename(dataDir)}-body.txt`);
    fs.writeFileSync(body, 'Your parcel left today.\n');
    cleanup.push(() => fs.rmSync(body, { force: true }));
    const alias = JSON.parse(parley(dataDir, 'alias', '--seller', 'shop-one', '--buyer-email', 'anna@buyers.example'));
    parley(
      dataDir,
      'send',
      '--seller',
      'shop-one',
      '--to',
      alias.alias,
      '--subject',
      'Your parcel',
      '--body-file',
      body,
    );
    const inbox = path.join(dataDir, 'mailbox', 'anna@buyers.example', 'new');
    await expect.poll(() => (fs.existsSync(inbox) ? fs.readdirSync(inbox).length : 0), { timeout: 15_000 }).toBe(1);

    // Killed, the first relay cannot release its lock: the next serve takes the stale lock over.
    await stopProcess(first.child, 'SIGKILL');
    const third = await spawnServe(args);
    cleanup.push(() => stopProcess(third.child, 'SIGKILL'));
    expect(await greeting(third.smtpPort)).toMatch(/^220 /);
  });
});
