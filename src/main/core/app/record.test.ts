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
import { pdfText } from '../../../../test/support/pdf-text.js';
import type { RecordAuthorityExport } from '../../../shared/contract.js';
import { CoreContext } from '../context.js';
import type { Manifest } from '../ops/export-manifest.js';
import { addressLeaks } from '../ops/testing/address-leaks.js';
import { seedLeakyConversation } from '../ops/testing/leaky-record.js';
import { seedConversation, type SeededConversation } from '../ops/testing/seeded-record.js';
import { verifyExportPath } from '../ops/verify-export-path.js';
import { extractZip, readZip } from '../ops/zip.js';
import { sqlColumn } from '../store/inspect.js';
import { exportRecord, exportRecordForAuthority } from './record.js';
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
  it('hands out a valid zip with every file, the PDF transcript stating the hashes, and leaves no temp folder', async () => {
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
    // The PDF's text as a reader copies it: it holds every hash.
    const text = await pdfText(pdf);
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

// R5: the window never receives the export for a dispute authority: its output type carries no bytes.
type AuthorityFields = keyof Extract<RecordAuthorityExport, { saved: true }>;
export const authorityExportHasNoBytes: 'dataBase64' extends AuthorityFields ? never : true = true;

/** Every entry of a zip, its name included, where it shows `address`. */
async function leaksInZip(zip: Buffer, address: string): Promise<string[]> {
  return (await Promise.all(readZip(zip).map((e) => addressLeaks(e.name, e.data, address)))).flat();
}

describe("record.export is the seller's copy; the originals go only to a path the main process writes (R5)", () => {
  it("hands the window a zip with 0 occurrences of the buyer's real address, which verifies", async () => {
    const leaky = await seedLeakyConversation(ctx);
    const conversationId = ctx.conversations.ofPair(leaky.pairId)!;
    const result = exportRecord(ctx, ctx.sellers.require('shop-one'), { conversationId });
    const zip = Buffer.from(result.dataBase64, 'base64');
    expect(await leaksInZip(zip, leaky.buyer)).toEqual([]);
    expect(result.fileName.toLowerCase()).not.toContain(leaky.buyer);
    const file = path.join(tmp, result.fileName);
    fs.writeFileSync(file, zip);
    expect(verifyExportPath(file, { expectedHead: result.head })).toMatchObject({ ok: true, checked: result.files });
  });

  it('writes the originals where the seller chose, byte for byte, hashed in the seller copy, and returns no bytes', async () => {
    const leaky = await seedLeakyConversation(ctx);
    const conversationId = ctx.conversations.ofPair(leaky.pairId)!;
    const seller = ctx.sellers.require('shop-one');
    const asked: string[] = [];
    const target = path.join(tmp, 'for-the-court.zip');
    const result = await exportRecordForAuthority(ctx, seller, { conversationId }, async (name) => {
      asked.push(name);
      return target;
    });
    expect(asked).toEqual([expect.stringMatching(/^parley-authority-record-[a-z0-9]{15}-\d{4}-\d{2}-\d{2}\.zip$/)]);
    expect(Object.keys(result).sort()).toEqual(['files', 'head', 'messages', 'path', 'saved']);
    expect(result).toMatchObject({ saved: true, path: target, messages: 4 });
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(verifyExportPath(target)).toMatchObject({ ok: true });

    const entries = readZip(fs.readFileSync(target));
    const originals = entries.filter((e) => e.name.startsWith('messages/'));
    expect(originals.map((e) => e.data.toString('latin1'))).toEqual(
      leaky.messageIds.map((id) => ctx.store.blobs.get(ctx.record.meta(id)!.rawSha256).toString('latin1')),
    );
    expect(await leaksInZip(fs.readFileSync(target), leaky.buyer)).not.toEqual([]);

    // The seller's copy proves the same set of originals: its list is the authority export's files and hashes.
    const sellerZip = Buffer.from(exportRecord(ctx, seller, { conversationId }).dataBase64, 'base64');
    const manifest = (zip: Buffer): Manifest =>
      JSON.parse(
        readZip(zip)
          .find((e) => e.name === 'manifest.json')!
          .data.toString(),
      );
    const authorityFiles = manifest(fs.readFileSync(target))
      .files.filter((f) => !f.path.startsWith('transcript'))
      .map(({ path: p, sha256, size }) => ({ path: p, sha256, size }));
    expect(manifest(sellerZip).originals).toEqual(authorityFiles);
  });

  it('refuses a relative path, a missing folder and an existing file; a cancelled dialog writes nothing', async () => {
    const seller = ctx.sellers.require('shop-one');
    const conversationId = ctx.conversations.ofPair(seeded.pairId)!;
    const to = (p: string | null) => exportRecordForAuthority(ctx, seller, { conversationId }, async () => p);
    await expect(to('relative.zip')).rejects.toMatchObject({
      code: 'EBADINPUT',
      detail: { key: 'export.pathInvalid' },
    });
    await expect(to(path.join(tmp, 'no-such-folder', 'x.zip'))).rejects.toMatchObject({
      detail: { key: 'export.pathInvalid' },
    });
    const existing = path.join(tmp, 'existing.zip');
    fs.writeFileSync(existing, 'keep me');
    await expect(to(existing)).rejects.toMatchObject({ code: 'EEXISTS', detail: { key: 'export.pathExists' } });
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    const before = fs.readdirSync(tmp).sort();
    expect(await to(null)).toEqual({ saved: false });
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
    // No extension: the zip gets one.
    expect(await to(path.join(tmp, 'court'))).toMatchObject({ saved: true, path: path.join(tmp, 'court.zip') });
  });

  it("with no dialog (the web bridge), goes into the data folder's exports/ (0700), a new name each time", async () => {
    const seller = ctx.sellers.require('shop-one');
    const conversationId = ctx.conversations.ofPair(seeded.pairId)!;
    const first = await exportRecordForAuthority(ctx, seller, { conversationId });
    const second = await exportRecordForAuthority(ctx, seller, { conversationId });
    const exports = path.join(tmp, 'data', 'exports');
    expect(first).toMatchObject({ saved: true, path: expect.stringMatching(new RegExp(`^${exports}/.*\\.zip$`)) });
    expect(second).toMatchObject({ saved: true, path: expect.stringMatching(/-2\.zip$/) });
    expect(fs.statSync(exports).mode & 0o777).toBe(0o700);
    for (const r of [first, second]) if (r.saved) expect(verifyExportPath(r.path).ok).toBe(true);
  });
});

describe('record.export over a demo store (the issue: 23 copies of the address in one message)', () => {
  const apps: Awaited<ReturnType<typeof startDemoApp>>[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it("no buyer's real address in any zip the window gets; the authority export needs confirm and returns a path", async () => {
    const app = await startDemoApp();
    apps.push(app);
    const buyers = sqlColumn<string>(app.ctx.store, 'SELECT email FROM buyers');
    expect(buyers.length).toBeGreaterThan(0);
    const conversations = (await app.call('inbox.list', { filter: 'all', limit: 500 })).rows;
    for (const { id } of conversations) {
      const zip = Buffer.from((await app.call('record.export', { conversationId: id })).dataBase64, 'base64');
      for (const buyer of buyers) expect(await leaksInZip(zip, buyer), `conversation ${id}`).toEqual([]);
    }
    await expect(
      app.call('record.exportForAuthority', { conversationId: conversations[0].id } as never),
    ).rejects.toThrow(/confirm/); // the schema asks for the seller's confirmation (the transports answer EBADINPUT)
    const saved = await app.call('record.exportForAuthority', { conversationId: conversations[0].id, confirm: true });
    expect(saved).not.toHaveProperty('dataBase64');
    expect(saved).toMatchObject({ saved: true, path: expect.stringContaining(path.join(app.dataDir, 'exports')) });
  });
});
