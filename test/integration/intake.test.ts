/**
 * The IMAP intake against a real Dovecot (test/support/dovecot.ts): buyer mail appended to the shop's mailbox is
 * recorded exactly once through the accept pipeline, byte for byte, and filed in Parley/Done; what cannot be routed
 * is filed in Parley/Held with its reason; drops, a new UIDVALIDITY, a wrong password and a renamed folder are clear
 * states and never record anything twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/main/core/app/secrets.js';
import { CoreContext } from '../../src/main/core/context.js';
import { IntakeService, type IntakeStatus } from '../../src/main/core/intake/index.js';
import { sqlAll } from '../../src/main/core/store/inspect.js';
import { makeCertKit, type CertKit } from '../support/certs.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';

const DOMAIN = 'relay.test';
const SELLER = {
  id: 'shop-one',
  name: 'Shop One',
  email: 'cs@shop-one.example',
  password: 'pw-1',
  language: 'en' as const,
};
const OTHER = {
  id: 'shop-two',
  name: 'Shop Two',
  email: 'cs@shop-two.example',
  password: 'pw-2',
  language: 'de' as const,
};
const PASSWORD = 'secret-pass';
// A mailbox of its own for each test.
const USERS = Array.from({ length: 10 }, (_, i) => ({ user: `shop${i}`, password: PASSWORD }));
let USER = 'shop0';

function buyerMessage(i: number, extra = ''): Buffer {
  return Buffer.from(
    `Return-Path: <buyer${i}@buyers.example>\r\nDelivered-To: ${SELLER.id}@${DOMAIN}\r\n` +
      `From: Buyer ${i} <buyer${i}@buyers.example>\r\nTo: ${SELLER.id}@${DOMAIN}\r\nSubject: Question ${i}\r\n` +
      `Message-ID: <q${i}.${Date.now()}@buyers.example>\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\n${extra}\r\n` +
      `Hello, where is my order ${i}?\r\n`,
  );
}

interface World {
  dir: string;
  ctx: CoreContext;
  secrets: FileSecretStore;
  intake: IntakeService;
  statuses: (IntakeStatus & { at: number })[];
}

function makeWorld(opts: ConstructorParameters<typeof IntakeService>[2] = {}): World {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-intake-'));
  const ctx = new CoreContext({ dataDir: dir, domain: DOMAIN, dns: 'offline' });
  ctx.sellers.add(SELLER);
  ctx.sellers.add(OTHER);
  const secrets = new FileSecretStore(dir);
  const intake = new IntakeService(ctx, secrets, { pollMs: 200, minBackoffMs: 100, maxBackoffMs: 400, ...opts });
  const statuses: World['statuses'] = [];
  intake.onStatus((s) => statuses.push({ ...s, at: Date.now() }));
  return { dir, ctx, secrets, intake, statuses };
}

async function closeWorld(w: World): Promise<void> {
  await w.intake.stop();
  w.ctx.close();
  fs.rmSync(w.dir, { recursive: true, force: true });
}

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const recorded = (ctx: CoreContext) =>
  sqlAll<{ id: number; subject: string; raw_sha256: string }>(
    ctx.store,
    "SELECT id, subject, raw_sha256 FROM messages WHERE direction = 'buyer-to-seller' ORDER BY id",
  );

describe('IMAP intake against Dovecot', () => {
  let dovecot: Dovecot;
  let w: World;

  let next = 0;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: USERS });
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  beforeEach(() => {
    USER = USERS[next++].user;
    w = makeWorld();
  });
  afterEach(async () => {
    await closeWorld(w);
  });

  const add = () => w.intake.add({ sellerId: SELLER.id, url: dovecot.url(USER), password: PASSWORD });

  it('1,000 buyer messages with the connection killed 5 times: each recorded once, byte-identical, moved', async () => {
    const N = 1000;
    const raws = Array.from({ length: N }, (_, i) => buyerMessage(i));
    await add();
    await w.intake.start();
    const user = USER;
    // Delivered as files (no IMAP connection of the test's own to be kicked), in bursts while the intake runs.
    const appending = (async () => {
      for (let i = 0; i < N; i += 50) {
        raws.slice(i, i + 50).forEach((r) => dovecot.deliver(user, r));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const connected = () => ['fetching', 'idle'].includes(w.statuses.at(-1)?.state ?? '');
    const drops = () => w.statuses.filter((s) => s.state === 'retrying').length;
    const kills = (async () => {
      for (let k = 0; k < 5; k++) {
        // Each kill hits a live connection, at a random moment of its work.
        await until('connected', connected);
        await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 300)));
        const before = drops();
        await dovecot.kick(user);
        // A kick that found no session yet (it had only just logged in) is made again, until the drop is seen.
        let kickedAt = Date.now();
        await until('the drop seen', async () => {
          if (drops() > before) return true;
          if (Date.now() - kickedAt > 3_000) {
            await dovecot.kick(user);
            kickedAt = Date.now();
          }
          return false;
        });
      }
    })();
    await Promise.all([appending, kills]);
    await until('all recorded', () => recorded(w.ctx).length >= N, 60_000);
    await until('all moved', async () => (await dovecot.count(USER, 'Parley/Done')) === N, 30_000);
    const rows = recorded(w.ctx);
    expect(rows.length).toBe(N);
    expect(new Set(rows.map((r) => r.subject)).size).toBe(N);
    const want = new Map(raws.map((r, i) => [`Question ${i}`, r]));
    for (const r of rows) expect(w.ctx.store.blobs.get(r.raw_sha256).equals(want.get(r.subject)!)).toBe(true);
    expect(await dovecot.count(USER, 'INBOX')).toBe(0);
    expect(await dovecot.count(USER, 'Parley/Held')).toBe(0);
    expect(w.intake.status()[0]).toMatchObject({ recorded: N, held: 0 });
    // The kicks were seen as drops and recovered from; after a connection that worked, the backoff starts again at its
    // minimum (100 ms here), it does not keep growing with every drop over the mailbox's life.
    const waits = w.statuses.filter((s) => s.state === 'retrying').map((s) => Date.parse(s.nextRetryAt!) - s.at);
    expect(waits.length).toBeGreaterThanOrEqual(5);
    expect(waits.slice(1).some((ms) => ms < 190)).toBe(true);
  }, 120_000);

  it('a recreated folder (new UIDVALIDITY) with the same messages records nothing twice', async () => {
    const raws = Array.from({ length: 20 }, (_, i) => buyerMessage(i));
    await dovecot.appendMany(USER, 'INBOX', raws);
    await add();
    await w.intake.start();
    await until('recorded', async () => (await dovecot.count(USER, 'Parley/Done')) === 20);
    await w.intake.stop();
    // The same messages come back under a new UIDVALIDITY (a restored mailbox).
    await dovecot.appendMany(USER, 'INBOX', raws.slice(0, 10));
    const { before, after } = await dovecot.recreateFolder(USER, 'INBOX');
    expect(after).not.toBe(before);
    await w.intake.start();
    await until('moved again', async () => (await dovecot.count(USER, 'Parley/Done')) === 30);
    expect(recorded(w.ctx).length).toBe(20);
    expect(await dovecot.count(USER, 'INBOX')).toBe(0);
  });

  it('after a restart, messages recorded but still in the folder (a crash before the move) are only moved', async () => {
    const raws = Array.from({ length: 10 }, (_, i) => buyerMessage(i));
    await dovecot.appendMany(USER, 'INBOX', raws);
    await add();
    await w.intake.start();
    await until('filed', async () => (await dovecot.count(USER, 'Parley/Done')) === 10);
    await w.intake.stop();
    w.ctx.close();
    // The state a crash between the commit and the MOVE leaves: recorded, and still in the folder.
    await dovecot.appendMany(USER, 'INBOX', raws.slice(0, 6));
    const ctx = new CoreContext({ dataDir: w.dir, dns: 'offline' });
    const again = new IntakeService(ctx, w.secrets, { pollMs: 200, minBackoffMs: 100, maxBackoffMs: 400 });
    w = { ...w, ctx, intake: again };
    await again.start();
    await until('moved again', async () => (await dovecot.count(USER, 'Parley/Done')) === 16);
    expect(recorded(ctx).length).toBe(10);
    expect(again.status()[0]).toMatchObject({ recorded: 10, held: 0 });
  });

  it('unknown recipient, no recipient of ours, unparseable, another shop: held with reasons, nothing deleted', async () => {
    const unknown = Buffer.from(
      `From: a@buyers.example\r\nTo: nobody-here@${DOMAIN}\r\nSubject: For nobody\r\nMessage-ID: <u1@x>\r\n\r\nhi\r\n`,
    );
    const notOurs = Buffer.from(
      'From: a@buyers.example\r\nTo: someone@elsewhere.example\r\nSubject: Elsewhere\r\nMessage-ID: <n1@x>\r\n\r\nhi\r\n',
    );
    const garbage = Buffer.from('this is not a mail at all\r\njust lines\r\n');
    const otherShop = Buffer.from(
      `From: a@buyers.example\r\nTo: ${OTHER.id}@${DOMAIN}\r\nSubject: Wrong shop\r\nMessage-ID: <o1@x>\r\n\r\nhi\r\n`,
    );
    const postmaster = Buffer.from(
      `From: ops@isp.example\r\nTo: postmaster@${DOMAIN}\r\nSubject: Abuse report\r\nMessage-ID: <p1@x>\r\n\r\nhi\r\n`,
    );
    await dovecot.appendMany(USER, 'INBOX', [unknown, notOurs, garbage, otherShop, buyerMessage(1), postmaster]);
    await add();
    await w.intake.start();
    await until('held', async () => (await dovecot.count(USER, 'Parley/Held')) === 4);
    await until('done', async () => (await dovecot.count(USER, 'Parley/Done')) === 2);
    // postmaster@ reaches the postmaster box, as over SMTP.
    expect(w.ctx.postmaster.list().map((m) => m.subject)).toEqual(['Abuse report']);
    const held = w.intake.held(SELLER.id);
    const keys = held.map((h) => h.reason.key).sort();
    expect(keys).toEqual(['intake.noRecipient', 'intake.refused', 'intake.unknownRecipient', 'intake.unparseable']);
    expect(held.find((h) => h.reason.key === 'intake.unknownRecipient')).toMatchObject({
      subject: 'For nobody',
      recipient: `nobody-here@${DOMAIN}`,
      reason: { params: { recipient: `nobody-here@${DOMAIN}` } },
    });
    // Never the sender (R5).
    expect(JSON.stringify(held)).not.toContain('a@buyers.example');
    const kept = await dovecot.list(USER, 'Parley/Held', { raw: true });
    expect(kept.map((m) => m.raw.toString()).sort()).toEqual(
      [unknown, notOurs, garbage, otherShop].map((b) => b.toString()).sort(),
    );
    expect(recorded(w.ctx).length).toBe(1);
    expect(w.intake.status()[0]).toMatchObject({ recorded: 1, held: 4 });
  });

  it('8-bit and binary parts are recorded byte for byte', async () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 0 && b !== 10 && b !== 13));
    const raw = Buffer.concat([
      Buffer.from(
        `Delivered-To: ${SELLER.id}@${DOMAIN}\r\nFrom: Jörg <joerg@buyers.example>\r\nTo: ${SELLER.id}@${DOMAIN}\r\n` +
          'Subject: Grüße\r\nMessage-ID: <bin1@buyers.example>\r\nMIME-Version: 1.0\r\n' +
          'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n' +
          'Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln – äöü ß\r\n--b1\r\n' +
          'Content-Type: application/octet-stream; name="x.bin"\r\nContent-Transfer-Encoding: binary\r\n\r\n',
      ),
      binary,
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    await dovecot.append(USER, 'INBOX', raw);
    await add();
    await w.intake.start();
    await until('recorded', () => recorded(w.ctx).length === 1);
    expect(w.ctx.store.blobs.get(recorded(w.ctx)[0].raw_sha256).equals(raw)).toBe(true);
  });

  it('a 30 MB message is held as too large (the inbound limit) without its body being fetched', async () => {
    const head = buyerMessage(7);
    const huge = Buffer.concat([head, Buffer.alloc(30 * 1024 * 1024, 'a'), Buffer.from('\r\n')]);
    dovecot.deliver(USER, huge);
    dovecot.deliver(USER, buyerMessage(8));
    await add();
    await w.intake.start();
    await until('held', async () => (await dovecot.count(USER, 'Parley/Held')) === 1);
    await until('done', async () => (await dovecot.count(USER, 'Parley/Done')) === 1);
    const [h] = w.intake.held();
    expect(h.reason).toMatchObject({ key: 'intake.tooLarge', params: { limit: 25 * 1024 * 1024 } });
    expect(h.subject).toBe('Question 7');
    expect(h.reason.params.size).toBeGreaterThan(30 * 1024 * 1024);
    expect(recorded(w.ctx).map((r) => r.subject)).toEqual(['Question 8']);
  });

  it('a wrong password: add refuses it in words; a stored one turns wrong → retrying with intake.authFailed', async () => {
    await expect(
      w.intake.add({ sellerId: SELLER.id, url: dovecot.url(USER), password: 'wrong' }),
    ).rejects.toMatchObject({ detail: { key: 'intake.authFailed' } });
    const account = await add();
    w.secrets.set(`intake_password:${account.id}`, 'wrong');
    await w.intake.start();
    const s = await until('retrying twice', () => {
      const r = w.statuses.filter((x) => x.state === 'retrying');
      return r.length >= 2 ? r : undefined;
    });
    expect(s[0].lastError).toMatchObject({ key: 'intake.authFailed' });
    // Backoff: 100 ms, then 200 ms.
    const wait = (x: (typeof s)[number]) => Date.parse(x.nextRetryAt!) - x.at;
    expect(wait(s[1])).toBeGreaterThan(wait(s[0]) * 1.5);
  });

  it('the folder renamed under the running intake: retrying with intake.folderMissing, back when it returns', async () => {
    await dovecot.createFolder(USER, 'Shop');
    const account = await w.intake.add({
      sellerId: SELLER.id,
      url: dovecot.url(USER),
      password: PASSWORD,
      folder: 'Shop',
    });
    await w.intake.start();
    await until('idle', () => w.statuses.some((s) => s.state === 'idle'));
    await dovecot.renameFolder(USER, 'Shop', 'Shop-old');
    await dovecot.kick(USER);
    const s = await until('folder missing', () =>
      w.statuses.find((x) => x.state === 'retrying' && x.lastError?.key === 'intake.folderMissing'),
    );
    expect(s.lastError!.params).toEqual({ folder: 'Shop' });
    await dovecot.renameFolder(USER, 'Shop-old', 'Shop');
    await dovecot.append(USER, 'Shop', buyerMessage(3));
    w.intake.checkNow(account.id);
    await until('recorded', () => recorded(w.ctx).length === 1);
  });
});

describe('IMAP intake over TLS', () => {
  let kit: CertKit;
  let dovecot: Dovecot;
  let w: World;
  beforeAll(async () => {
    kit = makeCertKit();
    USER = 'shop0';
    dovecot = await startDovecot({ users: USERS, tls: kit.selfSigned(['127.0.0.1']) });
    w = makeWorld();
  });
  afterAll(async () => {
    await closeWorld(w);
    await dovecot?.stop();
    kit?.remove();
  });

  it('a self-signed certificate is refused with its fingerprint, and taken once the seller trusts it', async () => {
    const url = `imaps://${USER}@127.0.0.1:${dovecot.tlsPort}`;
    const err = await w.intake.add({ sellerId: SELLER.id, url, password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toMatchObject({ detail: { key: 'intake.certificate', params: { reason: 'cert.selfSigned' } } });
    const fingerprint = (err as { detail: { params: { fingerprint: string } } }).detail.params.fingerprint;
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const account = await w.intake.add({ sellerId: SELLER.id, url, password: PASSWORD, trustFingerprint: fingerprint });
    expect(account).toMatchObject({ secure: true, trustFingerprint: fingerprint, hasSecret: true });
    await dovecot.append(USER, 'INBOX', buyerMessage(1));
    await w.intake.start();
    await until('recorded', () => recorded(w.ctx).length === 1);
  });

  it('imap:// upgrades with STARTTLS where offered: the same refusal and the same trust', async () => {
    const url = `imap://shop1@127.0.0.1:${dovecot.port}`;
    const err = await w.intake.add({ sellerId: SELLER.id, url, password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toMatchObject({ detail: { key: 'intake.certificate', params: { reason: 'cert.selfSigned' } } });
    const { fingerprint } = (err as { detail: { params: { fingerprint: string } } }).detail.params;
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const result = await w.intake.test({ sellerId: SELLER.id, url, password: PASSWORD, trustFingerprint: fingerprint });
    expect(result).toEqual({ idleSupported: true, messages: 0 });
  });

  it('an expired certificate is refused as expired, even when its fingerprint is trusted', async () => {
    const expired = await startDovecot({ users: USERS, tls: kit.leaf(['127.0.0.1'], { expired: true }) });
    try {
      const url = `imaps://shop2@127.0.0.1:${expired.tlsPort}`;
      const first = await w.intake.test({ sellerId: SELLER.id, url, password: PASSWORD }).catch((e: unknown) => e);
      expect(first).toMatchObject({ detail: { key: 'intake.certificate' } });
      const { fingerprint } = (first as { detail: { params: { fingerprint: string } } }).detail.params;
      const again = await w.intake
        .test({ sellerId: SELLER.id, url, password: PASSWORD, trustFingerprint: fingerprint })
        .catch((e: unknown) => e);
      expect(again).toMatchObject({
        detail: { key: 'intake.certificate', params: { reason: 'cert.expired', fingerprint } },
      });
    } finally {
      await expired.stop();
    }
  });
});

describe('IMAP intake on a server without IDLE and MOVE', () => {
  let dovecot: Dovecot;
  let w: World;
  beforeAll(async () => {
    USER = 'shop0';
    dovecot = await startDovecot({ users: USERS, noIdle: true, noMove: true });
    w = makeWorld();
  });
  afterAll(async () => {
    await closeWorld(w);
    await dovecot?.stop();
  });

  it('polls (pollMs), takes what arrives, and files it with COPY + \\Deleted + UID EXPUNGE', async () => {
    await w.intake.add({ sellerId: SELLER.id, url: dovecot.url(USER), password: PASSWORD });
    await w.intake.start();
    const polling = await until('polling', () => w.statuses.find((s) => s.state === 'polling'));
    expect(polling.idleSupported).toBe(false);
    dovecot.deliver(USER, buyerMessage(5));
    await until('recorded', () => recorded(w.ctx).length === 1);
    await until('moved', async () => (await dovecot.count(USER, 'Parley/Done')) === 1);
    expect(await dovecot.count(USER, 'INBOX')).toBe(0);
    expect(w.statuses.some((s) => s.state === 'idle')).toBe(false);
  });
});
