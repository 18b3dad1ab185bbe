/** `parley intake …` and `parley serve` with a stored mailbox, against a real Dovecot. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { PARLEY_BIN, spawnServe, stopProcess } from '../support/serve-process.js';

// The store's default relay domain.
const DOMAIN = 'relay.parley.localhost';
const PASSWORD = 'imap-secret-7';

describe('parley intake', () => {
  let dovecot: Dovecot;
  let data: string;
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...env },
    });

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'shop', password: PASSWORD }] });
    data = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-intake-cli-'));
    const r = run(['seller', 'add', '--id', 'shop-one', '--name', 'Shop One', '--email', 'cs@shop-one.example']);
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await dovecot?.stop();
    if (data) fs.rmSync(data, { recursive: true, force: true });
  });

  it('add (password from the environment, kept out of the output), list, serve takes mail in, held, remove', async () => {
    const wrong = run(['intake', 'add', '--seller', 'shop-one', '--imap', dovecot.url('shop')], {
      PARLEY_IMAP_PASSWORD: 'nope',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/refused the login/);

    const added = run(['intake', 'add', '--seller', 'shop-one', '--imap', dovecot.url('shop')], {
      PARLEY_IMAP_PASSWORD: PASSWORD,
    });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^intake 1: shop@127\.0\.0\.1:\d+ · INBOX for shop-one/);
    expect(added.stdout + added.stderr).not.toContain(PASSWORD);
    const list = run(['intake', 'list']);
    expect(list.stdout).toMatch(/^1\tshop-one\timap:\/\/shop@127\.0\.0\.1:\d+\tINBOX$/m);
    expect(fs.readFileSync(path.join(data, 'parley.sqlite3')).includes(PASSWORD)).toBe(false);

    await dovecot.appendMany('shop', 'INBOX', [
      `From: Ann <ann@buyers.example>\r\nTo: shop-one@${DOMAIN}\r\nSubject: Hello\r\nMessage-ID: <a1@buyers.example>\r\n\r\nHi\r\n`,
      `From: Ann <ann@buyers.example>\r\nTo: nobody@${DOMAIN}\r\nSubject: Lost, says ann@buyers.example\r\nMessage-ID: <a2@buyers.example>\r\n\r\nHi\r\n`,
    ]);
    const served = await spawnServe(['--data', data, '--dns', 'offline']);
    try {
      const deadline = Date.now() + 20_000;
      while (!/1 recorded, 1 held/.test(served.output()) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(served.output()).toMatch(/intake 1 \(shop@127\.0\.0\.1 · INBOX\): idle; 1 recorded, 1 held/);
      expect(served.output()).not.toContain('ann@buyers.example');
    } finally {
      await stopProcess(served.child);
    }
    // serve --http (the web bridge's app service) runs the intake too and prints the same lines.
    await dovecot.appendMany('shop', 'INBOX', [
      `From: Ann <ann@buyers.example>\r\nTo: shop-one@${DOMAIN}\r\nSubject: Again\r\nMessage-ID: <a3@buyers.example>\r\n\r\nHi\r\n`,
    ]);
    const bridged = await spawnServe(['--data', data, '--dns', 'offline', '--http', '127.0.0.1:0']);
    try {
      const deadline = Date.now() + 20_000;
      while (!/2 recorded, 1 held/.test(bridged.output()) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(bridged.output()).toMatch(/intake 1 \(shop@127\.0\.0\.1 · INBOX\): idle; 2 recorded, 1 held/);
    } finally {
      await stopProcess(bridged.child);
    }
    const held = run(['intake', 'held', '--seller', 'shop-one']);
    expect(held.stdout).toMatch(
      /nobody@relay\.parley\.localhost\t\d+ bytes\tLost, says \(address hidden\)\tno shop or buyer here has the address/,
    );
    expect(held.stdout).not.toContain('ann@buyers.example');
    const removed = run(['intake', 'remove', '--id', '1']);
    expect(removed.stdout).toMatch(/intake 1 removed/);
    expect(run(['intake', 'list']).stdout).toMatch(/no mailboxes/);
    expect(run(['intake', 'remove', '--id', '1']).status).toBe(1);
  }, 90_000);
});
