/**
 * "Export record" (R21): the zip the app hands out is a real zip (checked by Python's
 * zipfile, not only by our reader), holds the originals, attachments, transcript.pdf stating the
 * hashes, transcript.txt and the chained manifest, and `parley verify --export` (verifyExportPath)
 * accepts it as a zip and as a folder, and names the file when one byte of any file changes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { seedConversation, type SeededConversation } from '../ops/testing/seeded-record.js';
import { verifyExportPath } from '../ops/verify-export-path.js';
import { extractZip, readZip } from '../ops/zip.js';
import { exportRecord } from './record.js';
import { startDemoApp } from './testing/test-app.js';

let tmp: string;
let ctx: CoreContext;
let seeded: SeededConversation;

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-record-test-'));
  ctx = new CoreContext({ dataDir: path.join(tmp, 'data'), domain: 'relay.test', dns: 'offline' });
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
  seeded = await seedConversation(ctx);
});
afterEach(() => {
  ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function exportZip(): { zip: Buffer; file: string; head: string } {
  const conversationId = ctx.conversations.ofPair(seeded.pairId)!;
  const result = exportRecord(ctx, ctx.sellers.require('shop-one'), { conversationId });
  const file = path.join(tmp, result.fileName);
  const zip = Buffer.from(result.dataBase64, 'base64');
  fs.writeFileSync(file, zip);
  return { zip, file, head: result.head };
}

describe('record.export', () => {
  it('hands out a valid zip with every file, the PDF transcript stating the hashes, and leaves no temp folder', () => {
    const before = fs
      .readdirSync(os.tmpdir())
      .filter((n) => n.startsWith('parley-record-') && !n.startsWith('parley-record-test-')).length;
    const { zip, file, head } = exportZip();
    const names = readZip(zip).map((e) => e.name);
    expect(names).toContain('transcript.pdf');
    expect(names.slice(-3)).toEqual(['transcript.pdf', 'transcript.txt', 'manifest.json']);
    expect(names.filter((n) => n.startsWith('messages/'))).toHaveLength(3);
    // An independent reader agrees on the CRCs and the central directory.
    const py = 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.namelist()))';
    expect(execFileSync('python3', ['-c', py, file], { encoding: 'utf8' }).split('\n').slice(0, 2)).toEqual([
      'None',
      String(names.length),
    ]);
    const pdf = readZip(zip).find((e) => e.name === 'transcript.pdf')!.data;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = JSON.parse(
      readZip(zip)
        .find((e) => e.name === 'manifest.json')!
        .data.toString(),
    ) as { head: string; files: { path: string; sha256: string }[] };
    expect(manifest.head).toBe(head);
    // pdfkit writes text as hex strings (uncompressed here): decoded in order, they hold every hash.
    const text = [...pdf.toString('latin1').matchAll(/<([0-9a-f]+)>/gi)]
      .map((m) => Buffer.from(m[1], 'hex').toString('latin1'))
      .join('');
    for (const f of manifest.files.filter((x) => !x.path.startsWith('transcript'))) expect(text).toContain(f.sha256);
    expect(text).toContain('Shop One');
    expect(verifyExportPath(file)).toMatchObject({ ok: true, checked: names.length - 1 });
    expect(verifyExportPath(file, { expectedHead: head }).ok).toBe(true);
    const after = fs
      .readdirSync(os.tmpdir())
      .filter((n) => n.startsWith('parley-record-') && !n.startsWith('parley-record-test-')).length;
    expect(after).toBe(before);
  });

  it('names the file when one byte changes in an eml, an attachment, the PDF, the transcript or the manifest — in the zip and in the folder', () => {
    const { zip, file } = exportZip();
    const entries = readZip(zip);
    const targets = [
      'messages/0001-buyer-to-seller.eml',
      'attachments/0002-Rücksendeetikett.pdf',
      'transcript.pdf',
      'transcript.txt',
      'manifest.json',
    ];
    for (const name of targets) {
      const entry = entries.find((e) => e.name === name)!;
      // In the zip: the byte in the middle of the stored file.
      const damaged = Buffer.from(zip);
      damaged[entry.data.byteOffset - zip.byteOffset + Math.floor(entry.data.length / 2)] ^= 0x01;
      const damagedFile = path.join(tmp, 'damaged.zip');
      fs.writeFileSync(damagedFile, damaged);
      const inZip = verifyExportPath(damagedFile);
      expect(inZip.ok, name).toBe(false);
      // A changed manifest names the entry it no longer vouches for, or itself.
      const expectBad = (r: typeof inZip) =>
        name === 'manifest.json'
          ? expect(`${r.firstBad?.path} ${r.firstBad?.problem}`, name).toMatch(/manifest/)
          : expect(r.firstBad?.path, name).toBe(name);
      expectBad(inZip);

      // In the folder.
      const dir = fs.mkdtempSync(path.join(tmp, 'folder-'));
      extractZip(zip, dir);
      expect(verifyExportPath(dir).ok).toBe(true);
      const target = path.join(dir, name);
      const data = fs.readFileSync(target);
      data[Math.floor(data.length / 2)] ^= 0x01;
      fs.writeFileSync(target, data);
      const inFolder = verifyExportPath(dir);
      expect(inFolder.ok, name).toBe(false);
      expectBad(inFolder);
    }
    expect(verifyExportPath(file).ok).toBe(true);
  });

  it('refuses a zip that would write outside its folder, and a path that does not exist', () => {
    expect(() => verifyExportPath(path.join(tmp, 'nope.zip'))).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
    const evil = path.join(tmp, 'evil.zip');
    fs.writeFileSync(
      evil,
      Buffer.from(exportZip().zip.toString('latin1').replaceAll('transcript.txt', '../../evil.tx'), 'latin1'),
    );
    expect(verifyExportPath(evil)).toMatchObject({ ok: false, firstBad: { path: 'evil.zip' } });
    expect(fs.existsSync(path.join(os.tmpdir(), 'evil.tx'))).toBe(false);
  });
});

describe('record.export through the app service', () => {
  const apps: Awaited<ReturnType<typeof startDemoApp>>[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it("exports the record of an order (its buyer's conversation) and of a conversation; both verify", async () => {
    const app = await startDemoApp();
    apps.push(app);
    const order = (await app.call('orders.list', { query: '302-1184503' })).rows[0];
    const byOrder = await app.call('record.export', { orderId: order.orderId });
    const byConversation = await app.call('record.export', { conversationId: order.conversationId! });
    expect(byOrder.messages).toBeGreaterThan(0);
    expect(byOrder.messages).toBe(byConversation.messages);
    expect(byOrder.fileName).toMatch(new RegExp(`^parley-record-${order.alias}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const file = path.join(tmp, byOrder.fileName);
    fs.writeFileSync(file, Buffer.from(byOrder.dataBase64, 'base64'));
    expect(verifyExportPath(file, { expectedHead: byOrder.head })).toMatchObject({ ok: true, checked: byOrder.files });
    await expect(app.call('record.export', { orderId: 'unknown' })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(app.call('record.export', { conversationId: 99999 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
