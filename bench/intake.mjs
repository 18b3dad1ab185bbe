#!/usr/bin/env node
// IMAP intake benchmark: N buyer messages of about 2 KB waiting in a loopback Dovecot mailbox
// (test/support/dovecot.ts), taken in by Parley's intake (batched UID FETCH, the accept pipeline with its group
// commit, MOVE after the commit), next to the ceiling: a plain imapflow FETCH of the same folder's bodies, which is all
// the server can hand out.
//
//   node bench/intake.mjs            (npm run bench:intake)
//   env: N=2000 SIZE=2048 KEEP=0 (keep the data directory)
//
// Measured: messages/s from the intake's start until every message is recorded and moved to Parley/Done. Goal: ≥ 200.
// Exit code: 0 when the measurement ran and every message was recorded exactly once, 1 otherwise.
process.env.UV_THREADPOOL_SIZE ??= '16';

const { performance } = await import('node:perf_hooks');
const { register } = await import('tsx/esm/api');
register();

const fs = await import('node:fs');
const os = await import('node:os');
const path = await import('node:path');
const { ImapFlow } = await import('imapflow');
const { startDovecot } = await import('../test/support/dovecot.ts');
const { CoreContext } = await import('../src/main/core/context.ts');
const { FileSecretStore } = await import('../src/main/core/app/secrets.ts');
const { IntakeService } = await import('../src/main/core/intake/index.ts');

const N = Number(process.env.N ?? 2000);
const SIZE = Number(process.env.SIZE ?? 2048);
const DOMAIN = 'relay.bench';
const SELLER = { id: 'shop-one', name: 'Shop One', email: 'cs@shop-one.example', password: 'pw', language: 'en' };
const USER = 'shop';
const PASSWORD = 'bench-pass';

function message(i) {
  const head =
    `Return-Path: <buyer${i % 200}@buyers.example>\r\nDelivered-To: ${SELLER.id}@${DOMAIN}\r\n` +
    `From: Buyer ${i % 200} <buyer${i % 200}@buyers.example>\r\nTo: ${SELLER.id}@${DOMAIN}\r\n` +
    `Subject: Question ${i}\r\nMessage-ID: <bench${i}.${process.pid}@buyers.example>\r\n` +
    `Date: Fri, 04 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`;
  const line = 'Hello, when will my order arrive? I am looking forward to it very much.\r\n';
  let body = '';
  while (head.length + body.length + line.length <= SIZE) body += line;
  return Buffer.from(head + body);
}

async function until(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The ceiling: every body of the folder fetched by one plain client, nothing done with it. */
async function plainFetch(dovecot) {
  const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, logger: false });
  c.options.auth = { user: USER, pass: PASSWORD };
  await c.connect();
  const lock = await c.getMailboxLock('INBOX', { readOnly: true });
  const t0 = performance.now();
  let n = 0;
  try {
    for await (const m of c.fetch('1:*', { uid: true, source: true })) if (m.source) n++;
  } finally {
    lock.release();
    await c.logout();
  }
  return { n, seconds: (performance.now() - t0) / 1000 };
}

async function main() {
  const dovecot = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-intake-'));
  let ok = false;
  try {
    for (let i = 0; i < N; i++) dovecot.deliver(USER, message(i));
    const ceiling = await plainFetch(dovecot);
    const ctx = new CoreContext({ dataDir, domain: DOMAIN, dns: 'offline' });
    ctx.sellers.add(SELLER);
    const intake = new IntakeService(ctx, new FileSecretStore(dataDir), { pollMs: 1000 });
    await intake.add({ sellerId: SELLER.id, url: dovecot.url(USER), password: PASSWORD });
    const t0 = performance.now();
    await intake.start();
    await until(() => intake.status()[0].recorded >= N, 600_000);
    const recordedAt = performance.now();
    await until(async () => (await dovecot.count(USER, 'Parley/Done')) >= N, 120_000);
    const movedAt = performance.now();
    await intake.stop();
    const { recorded, held } = intake.status()[0];
    ctx.close();
    const rate = (n, ms) => (n / (ms / 1000)).toFixed(0);
    const rows = [
      [
        'plain imapflow FETCH (ceiling)',
        ceiling.n,
        ceiling.seconds.toFixed(2),
        (ceiling.n / ceiling.seconds).toFixed(0),
      ],
      ['Parley intake: recorded', recorded, ((recordedAt - t0) / 1000).toFixed(2), rate(recorded, recordedAt - t0)],
      ['Parley intake: recorded and moved', recorded, ((movedAt - t0) / 1000).toFixed(2), rate(recorded, movedAt - t0)],
    ];
    console.log(`\nIMAP intake, ${N} messages of ${SIZE} bytes, Dovecot on 127.0.0.1 (${os.cpus().length} cores)\n`);
    console.log('| run | messages | seconds | messages/s |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    ok = recorded === N && held === 0;
    console.log(`\nrecorded ${recorded}, held ${held}: ${ok ? 'each message exactly once' : 'NOT exactly once'}`);
  } finally {
    await dovecot.stop();
    if (process.env.KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(`data kept in ${dataDir}`);
  }
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`bench: ${err.stack ?? err}`);
    process.exit(1);
  },
);
