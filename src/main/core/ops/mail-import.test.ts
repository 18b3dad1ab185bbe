import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { sqlAll, sqlValue } from '../store/inspect.js';
import { importMail, MAIL_IMPORT_BATCH } from './mail-import.js';
import { mboxSource } from './mail-sources.js';
import { mboxOf, testMail } from './testing/mbox.js';
import { verifyStore } from './verify-store.js';

const MIME_FIXTURES = path.resolve(__dirname, '../../../../../shared/fixtures/mime');

let dir: string;
let ctx: CoreContext;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-mail-import-'));
  ctx = new CoreContext({ dataDir: path.join(dir, 'data'), domain: 'relay.test', dns: 'offline' });
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
  ctx.sellers.authorize('shop-one', 'owner@shop.example');
  ctx.sellers.add({ id: 'shop-two', name: 'Shop Two', email: 'cs@two.example', password: 'pw', language: 'en' });
});
afterEach(() => {
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, bytes: Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

type Row = { direction: string; via: string; alias: string; buyer: string; conversation: number; subject: string };
const recorded = () =>
  sqlAll<Row>(
    ctx.store,
    `SELECT m.direction, m.via, p.alias, b.email AS buyer, m.conversation_id AS conversation, m.subject
     FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN pairs p ON p.id = c.pair_id
     JOIN buyers b ON b.id = p.buyer_id ORDER BY m.id`,
  );

const conversation = [
  testMail({ from: 'Anna Buyer <anna@buyer.example>', to: 'cs@shop.example', subject: 'Parcel?', messageId: 'a1@b' }),
  testMail({
    from: 'Shop One <cs@shop.example>',
    to: 'anna@buyer.example',
    subject: 'Re: Parcel?',
    messageId: 's1@shop',
    inReplyTo: 'a1@b',
    attachment: 'invoice.pdf',
  }),
  // Anna answers from another address: her own pair (as on the relay), not the first one's.
  testMail({ from: 'anna.work@office.example', to: 'cs@shop.example', subject: 'Re: Parcel?', inReplyTo: 's1@shop' }),
  // The owner answers to the thread with Anna and a colleague in copy: the thread names the buyer.
  testMail({
    from: 'owner@shop.example',
    to: 'anna@buyer.example, helper@shop-partner.example',
    subject: 'Re: Parcel?',
    messageId: 's2@shop',
    inReplyTo: 'a1@b',
  }),
  testMail({ from: 'news@list.example', to: 'cs@shop.example', subject: 'Weekly', headers: { 'List-Id': '<w.list>' } }),
  testMail({
    from: 'bob@buyer.example',
    to: 'cs@shop.example',
    subject: 'Away',
    headers: { 'Auto-Submitted': 'auto-replied' },
  }),
  testMail({ from: 'x@bulk.example', to: 'cs@shop.example', subject: 'Sale', headers: { Precedence: 'bulk' } }),
  // R9: another shop's address is never a buyer.
  testMail({ from: 'cs@two.example', to: 'cs@shop.example', subject: 'Hello colleague', messageId: 'o1@two' }),
  Buffer.from('this is no mail at all'),
];

describe('importMail', () => {
  it('records past conversations by pair and direction, without delivery or notices, and skips lists and auto-replies', async () => {
    const result = await importMail(ctx, {
      sellerId: 'shop-one',
      kind: 'mbox',
      source: write('a.mbox', mboxOf(conversation)),
    });
    expect(result).toMatchObject({ total: 9, done: 9, imported: 4, duplicates: 0, skipped: 3, refused: 2 });
    expect(result.skippedBy).toMatchObject({ list: 1, autoReply: 1, bulk: 1 });
    expect(result.refusedList.map((r) => [r.at, r.key])).toEqual([
      [8, 'sender.otherShop'],
      [9, 'mailImport.noSender'],
    ]);
    const rows = recorded();
    expect(rows.map((r) => [r.direction, r.buyer])).toEqual([
      ['buyer-to-seller', 'anna@buyer.example'],
      ['seller-to-buyer', 'anna@buyer.example'],
      ['buyer-to-seller', 'anna.work@office.example'],
      ['seller-to-buyer', 'anna@buyer.example'],
    ]);
    expect(rows.every((r) => r.via === 'import' && /^[a-z0-9]{15}$/.test(r.alias))).toBe(true);
    expect(rows[0].conversation).toBe(rows[1].conversation);
    expect(rows[3].conversation).toBe(rows[0].conversation);
    expect(rows[2].conversation).not.toBe(rows[0].conversation);
    expect(sqlValue(ctx.store, 'SELECT COUNT(*) FROM outbox')).toBe(0);
    expect(sqlValue(ctx.store, `SELECT COUNT(*) FROM messages WHERE direction = 'relay-to-seller'`)).toBe(0);
    // The attachment is kept as the record keeps an arriving one: a row and its blob.
    const att = sqlAll<{ filename: string; sha256: string }>(ctx.store, 'SELECT filename, sha256 FROM attachments');
    expect(att.map((a) => a.filename)).toEqual(['invoice.pdf']);
    expect(ctx.store.blobs.verify(att[0].sha256)).toBe(true);
    // The message keeps the date it was written, and the record still verifies (R21).
    expect(sqlValue(ctx.store, 'SELECT MIN(received_at) FROM messages')).toBe('2026-11-03T09:00:00.000Z');
    expect(verifyStore(ctx, { files: 'hash' }).ok).toBe(true);
  });

  it('adds nothing on a second import, nor for the same mail in another file or without a Message-ID twice', async () => {
    const noId = testMail({ from: 'carl@buyer.example', to: 'cs@shop.example', subject: 'No id' });
    const file = write('a.mbox', mboxOf([...conversation, noId, noId]));
    const first = await importMail(ctx, { sellerId: 'shop-one', kind: 'mbox', source: file });
    expect(first).toMatchObject({ imported: 5, duplicates: 1 });
    const count = sqlValue(ctx.store, 'SELECT COUNT(*) FROM messages');
    const again = await importMail(ctx, { sellerId: 'shop-one', kind: 'mbox', source: file });
    expect(again).toMatchObject({ imported: 0, duplicates: 6, skipped: 3, refused: 2, resumed: false });
    // The same messages in a Maildir, one with another header order (other bytes, the same Message-ID).
    const md = path.join(dir, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(md, sub), { recursive: true });
    fs.writeFileSync(path.join(md, 'cur', '1:2,S'), conversation[0]);
    fs.writeFileSync(
      path.join(md, 'new', '2'),
      conversation[1].toString().replace('Subject: Re: Parcel?', 'Subject:  Re: Parcel?'),
    );
    fs.writeFileSync(path.join(md, 'new', '3'), noId);
    const fromMaildir = await importMail(ctx, { sellerId: 'shop-one', kind: 'maildir', source: md });
    expect(fromMaildir).toMatchObject({ total: 3, imported: 0, duplicates: 3 });
    expect(sqlValue(ctx.store, 'SELECT COUNT(*) FROM messages')).toBe(count);
  });

  it('reads a Maildir’s new/ and cur/, not tmp/', async () => {
    const md = path.join(dir, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(md, sub), { recursive: true });
    fs.writeFileSync(path.join(md, 'cur', '100.M1:2,S'), conversation[0]);
    fs.writeFileSync(path.join(md, 'new', '200.M2'), conversation[1]);
    fs.writeFileSync(
      path.join(md, 'tmp', '300.M3'),
      testMail({ from: 'half@b.example', to: 'cs@shop.example', subject: 'half' }),
    );
    const result = await importMail(ctx, { sellerId: 'shop-one', kind: 'maildir', source: md });
    expect(result).toMatchObject({ total: 2, imported: 2 });
    expect(recorded().map((r) => r.subject)).toEqual(['Parcel?', 'Re: Parcel?']);
  });

  it('splits an mbox only at "From " after an empty line and takes the mboxrd escape off ">From "', async () => {
    const body = 'Line one\nFrom the workshop: ready.\n\n>From the shop with love\n>>From twice';
    const file = write(
      'esc.mbox',
      mboxOf([testMail({ from: 'dora@buyer.example', to: 'cs@shop.example', subject: 'Esc', body }), conversation[0]]),
    );
    expect(fs.readFileSync(file, 'latin1')).toContain('\n>From the workshop');
    const result = await importMail(ctx, { sellerId: 'shop-one', kind: 'mbox', source: file });
    expect(result).toMatchObject({ total: 2, imported: 2 });
    const sha = sqlValue<string>(ctx.store, `SELECT raw_sha256 FROM messages WHERE subject = 'Esc'`)!;
    const raw = ctx.store.blobs.get(sha).toString();
    expect(raw).toContain('\nFrom the workshop: ready.\n\n>From the shop with love\n>>From twice');
    expect(raw.endsWith('>>From twice\n')).toBe(true);
  });

  it('refuses a file that is no mbox with its reason, before anything is recorded', async () => {
    await expect(
      importMail(ctx, { sellerId: 'shop-one', kind: 'mbox', source: write('x.eml', conversation[0]) }),
    ).rejects.toMatchObject({ code: 'EBADINPUT', detail: { key: 'mailImport.notMbox', params: { name: 'x.eml' } } });
  });

  it('goes on where it stopped after an interruption mid-file, adding each message once', async () => {
    const mails = Array.from({ length: MAIL_IMPORT_BATCH * 3 + 7 }, (_, i) =>
      testMail({
        from: `buyer${i % 40}@buyer.example`,
        to: 'cs@shop.example',
        subject: `Question ${i}`,
        messageId: `q${i}@buyer.example`,
      }),
    );
    const file = write('big.mbox', mboxOf(mails));
    let batches = 0;
    await expect(
      importMail(ctx, {
        sellerId: 'shop-one',
        kind: 'mbox',
        source: file,
        onProgress: (p) => {
          if (p.done > 0 && ++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const kept = sqlValue<number>(ctx.store, 'SELECT COUNT(*) FROM messages')!;
    expect(kept).toBe(MAIL_IMPORT_BATCH * 2);
    const progress: number[] = [];
    const result = await importMail(ctx, {
      sellerId: 'shop-one',
      kind: 'mbox',
      source: file,
      onProgress: (p) => progress.push(p.done),
    });
    // It went on from the stored position: nothing read twice, so nothing counted as a duplicate.
    expect(result).toMatchObject({
      resumed: true,
      total: mails.length,
      done: mails.length,
      imported: mails.length,
      duplicates: 0,
    });
    expect(progress[0]).toBe(MAIL_IMPORT_BATCH * 2);
    expect(sqlValue(ctx.store, 'SELECT COUNT(DISTINCT message_id) FROM messages')).toBe(mails.length);
    expect(sqlValue(ctx.store, 'SELECT COUNT(*) FROM conversations')).toBe(40);
    expect(verifyStore(ctx).ok).toBe(true);
  });

  it('imports the 393 real-world messages of the MIME fixtures as one mbox without a crash, each one counted', async () => {
    const files = fs
      .readdirSync(MIME_FIXTURES)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(393);
    const file = write('fixtures.mbox', mboxOf(files.map((f) => fs.readFileSync(path.join(MIME_FIXTURES, f)))));
    expect(mboxSource(file).total).toBe(files.length);
    const result = await importMail(ctx, { sellerId: 'shop-one', kind: 'mbox', source: file });
    expect(result.done).toBe(files.length);
    expect(result.imported + result.duplicates + result.skipped + result.refused).toBe(files.length);
    expect(result.imported).toBeGreaterThan(100);
    for (const r of result.refusedList) expect(r.key).toMatch(/^[a-zA-Z]+\.[a-zA-Z]+$/);
    console.log(`MIME fixtures: ${JSON.stringify({ ...result, refusedList: result.refusedList.slice(0, 5) })}`);
    expect(verifyStore(ctx).ok).toBe(true);
  }, 60_000);
});
