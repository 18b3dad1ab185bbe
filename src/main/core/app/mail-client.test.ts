/**
 * A seller connects a mail client from the app: the status names the submission address that runs, its security and
 * the login; "Reset password" gives a new password once (real SMTP AUTH takes it, the old one is refused). And the web
 * bridge's token belongs to the data folder: the same after a restart, kept in a file only its owner reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../ops/demo.js';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();

async function login(port: number, user: string, pass: string): Promise<boolean> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    auth: { user, pass },
  });
  try {
    await transport.verify();
    return true;
  } catch {
    return false;
  } finally {
    transport.close();
  }
}

describe('connecting a mail client', () => {
  it('shows the submission address that runs, its security and the login; a reset password works at once, the old one no longer', async () => {
    const app = await apps.demo();
    const status = await app.call('app.status', {});
    const port = Number(status.relayStatus.submission!.split(':').pop());
    expect(status.mailClient).toEqual({ host: '127.0.0.1', port, security: 'none', user: DEMO_SELLER.id });
    // The ports of this run come from the command line (the test's port 0), not from Settings.
    expect(status.relay.commandLine).toEqual({ smtp: '127.0.0.1:0', submission: '127.0.0.1:0' });

    const { user, password } = await app.call('seller.resetPassword', {});
    expect(user).toBe(DEMO_SELLER.id);
    expect(password).toMatch(/^[\w-]{20,}$/);
    expect(JSON.stringify(await app.call('app.status', {}))).not.toContain(password);
    expect(await login(port, user, password)).toBe(true);
    expect(await login(port, user, 'demo-password')).toBe(false);
  });

  it('keeps the bridge token per data folder across a restart, in a file only its owner reads, until a new link', async () => {
    const app = await apps.empty();
    const token = app.service.bridgeToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    const file = path.join(app.dataDir, 'secrets.json');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const again = await apps.reopen(app);
    expect(again.service.bridgeToken()).toBe(token);
    const { token: fresh } = await again.call('bridge.newLink', {});
    expect(fresh).not.toBe(token);
    expect(again.service.bridgeToken()).toBe(fresh);
    expect((await apps.reopen(again)).service.bridgeToken()).toBe(fresh);
  });
});
