import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { freePort, spawnServe, stopProcess, type ServeProcess } from '../support/serve-process.js';
import { Sink } from '../support/sink.js';
import { sqlAll } from '../../src/main/core/store/inspect.js';

const DOMAIN = 'relay.test';

describe('durability: a relay killed after its 250 delivers exactly once after restart', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('keeps the accepted message through SIGKILL and sends it once when the smarthost is back', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-restart-'));
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const setup = new CoreContext({ dataDir, domain: DOMAIN, dns: 'offline' });
    setup.sellers.add({
      id: 'shop-one',
      name: 'Shop One',
      email: 'cs@shop-one.example',
      password: 'pw',
      language: 'en',
    });
    setup.close();

    const smarthostPort = await freePort(); // nothing listens yet: delivery must wait
    const args = [
      '--data',
      dataDir,
      '--dns',
      'offline',
      '--smarthost',
      `smtp://127.0.0.1:${smarthostPort}?starttls=never`,
      '--retry-base',
      '300ms',
    ];
    let serve: ServeProcess = await spawnServe(args);
    cleanup.push(() => stopProcess(serve.child, 'SIGKILL'));

    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: serve.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const info = await client.sendMail({
      from: 'buyer@buyers.example',
      to: `shop-one@${DOMAIN}`,
      subject: 'Where is my parcel?',
      text: 'Order 302-1',
    });
    client.close();
    expect(info.response).toMatch(/^250 /);

    await new Promise((r) => setTimeout(r, 500)); // the outbox tries and defers (connection refused)
    await stopProcess(serve.child, 'SIGKILL');

    const sink = new Sink();
    await sink.start(smarthostPort);
    cleanup.push(() => sink.stop());
    serve = await spawnServe(args);
    await sink.waitFor(1, { ms: 15_000 });
    await new Promise((r) => setTimeout(r, 1_500)); // time for a duplicate to show up, if there were one
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0].to).toEqual(['cs@shop-one.example']);
    expect(sink.messages[0].raw.toString()).toContain('Subject: Where is my parcel?');
    await stopProcess(serve.child);

    const check = new CoreContext({ dataDir, dns: 'offline' });
    const rows = sqlAll<{ state: string; attempts: number }>(check.store, 'SELECT state, attempts FROM outbox');
    check.close();
    expect(rows).toHaveLength(1);
    expect(rows[0].state).toBe('delivered');
    expect(rows[0].attempts).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
