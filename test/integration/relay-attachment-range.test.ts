/**
 * A buyer's attachments are written once: the record keeps each as a byte range of the raw message's blob, decoded
 * when read, instead of a second file. Whatever reads them (`parley verify`, the record export, the app's download)
 * gets the decoded bytes exactly as sent, and an altered raw file is found. Real SMTP on 127.0.0.1, a temp folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentContent } from '../../src/main/core/app/conversation.js';
import { MimeViews } from '../../src/main/core/app/mime-view.js';
import { exportConversation, verifyExport } from '../../src/main/core/ops/record-export.js';
import { verifyStore } from '../../src/main/core/ops/verify-store.js';
import { CoreContext } from '../../src/main/core/context.js';
import { backupStore, restoreStore } from '../../src/main/core/store/backup.js';
import { sqlAll, sqlExec } from '../../src/main/core/store/inspect.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import { folderBytes } from '../support/folder-bytes.js';

const CRLF = '\r\n';
const BUYER = 'buyer@buyers.example';
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
// Quoted-printable with a soft line break, an escape and trailing blanks the decoder drops: decoded, not copied.
const NOTE_QP = `Ma=C3=9Fe: 120 x 80 cm, Kratzer =\r\nlinks oben.   \r\nDanke!`;
const NOTE = Buffer.from('Maße: 120 x 80 cm, Kratzer links oben.\r\nDanke!', 'utf8');

function message(n: number, image: Buffer): Buffer {
  return Buffer.from(
    [
      'From: Buyer <buyer@buyers.example>',
      `To: ${SELLER.id}@${DOMAIN}`,
      `Subject: Photo ${n}`,
      `Message-ID: <range-${n}@buyers.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `The scratch on the table, photo ${n}.`,
      '--b1',
      'Content-Type: image/png; name="scratch.png"',
      'Content-Disposition: attachment; filename="scratch.png"',
      'Content-Transfer-Encoding: base64',
      '',
      image.toString('base64').replace(/.{76}/g, `$&${CRLF}`),
      '--b1',
      'Content-Type: text/plain; charset=utf-8; name="masse.txt"',
      'Content-Disposition: attachment; filename="masse.txt"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      NOTE_QP,
      '--b1--',
      '',
    ].join(CRLF),
  );
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Row {
  id: number;
  message_id: number;
  filename: string;
  sha256: string;
  raw_start: number | null;
  raw_sha256: string;
}

describe("a buyer's attachments are kept inside the raw message", () => {
  let h: Harness;
  let tmp: string;
  const image = Buffer.concat([PNG_HEAD, randomBytes(150 * 1024)]);
  const rows = () =>
    sqlAll<Row>(
      h.ctx.store,
      `SELECT a.id, a.message_id, a.filename, a.sha256, a.raw_start, m.raw_sha256 FROM attachments a
      JOIN messages m ON m.id = a.message_id ORDER BY a.id`,
    );

  beforeAll(async () => {
    h = await startHarness();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-range-'));
    await expect(h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, message(0, image))).resolves.toMatch(/^250 /);
  });
  afterAll(async () => {
    await h?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('records them as ranges of the raw file, with no file of their own, and the store verifies', () => {
    const found = rows();
    expect(found.map((r) => [r.filename, r.sha256])).toEqual([
      ['scratch.png', sha256(image)],
      ['masse.txt', sha256(NOTE)],
    ]);
    for (const r of found) {
      expect(r.raw_start).not.toBeNull();
      expect(h.ctx.store.blobs.has(r.sha256)).toBe(false);
    }
    expect(verifyStore(h.ctx)).toEqual({ ok: true, messages: 1 });
  });

  it("the app's download and the record export give the decoded bytes as sent", () => {
    const seller = h.ctx.sellers.get(SELLER.id)!;
    const [png, note] = rows();
    const mime = new MimeViews(h.ctx.store.blobs);
    const download = attachmentContent(h.ctx, seller, png.message_id, png.id, mime);
    expect(Buffer.from(download.dataBase64, 'base64').equals(image)).toBe(true);
    const text = attachmentContent(h.ctx, seller, note.message_id, note.id, mime);
    expect(Buffer.from(text.dataBase64, 'base64').equals(NOTE)).toBe(true);

    const outDir = path.join(tmp, 'authority');
    const report = exportConversation(h.ctx, {
      sellerId: SELLER.id,
      alias: h.aliasOf(BUYER),
      outDir,
      kind: 'authority',
    });
    expect(report.warnings).toEqual([]);
    expect(report.attachments).toBe(2);
    const files = fs.readdirSync(path.join(outDir, 'attachments')).sort();
    expect(files).toHaveLength(2);
    const exported = files.map((f) => fs.readFileSync(path.join(outDir, 'attachments', f)));
    expect(exported.map(sha256).sort()).toEqual([sha256(image), sha256(NOTE)].sort());
    expect(verifyExport(outDir).ok).toBe(true);
  });

  it('grows the data folder by the raw message alone', async () => {
    const settled = () => (sqlExec(h.ctx.store, 'PRAGMA wal_checkpoint(TRUNCATE)'), folderBytes(h.dataDir));
    const before = settled();
    const n = 4;
    for (let i = 1; i <= n; i++)
      await h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, message(i, randomBytes(150 * 1024)));
    await h.sink.waitFor(n + 1);
    const perMessage = (settled() - before) / n;
    // The raw message is ~205 KB; a second file of the 150 KB image would make it ~360 KB.
    expect(perMessage).toBeLessThan(280 * 1024);
  });

  it('a backup holds the raw files only, and restored it verifies with the attachments readable', async () => {
    const manifest = await backupStore(h.ctx.store, path.join(tmp, 'backup'));
    expect(manifest.blobs).toBe(manifest.messages); // one raw file per message, no attachment files
    const target = path.join(tmp, 'restored');
    await restoreStore(path.join(tmp, 'backup'), target);
    const restored = new CoreContext({ dataDir: target, domain: DOMAIN, dns: 'offline' });
    try {
      expect(verifyStore(restored).ok).toBe(true);
    } finally {
      restored.close();
    }
  });

  it('finds a raw file altered inside an attachment, and the export flags it', () => {
    const [png] = rows();
    const file = h.ctx.store.blobs.pathOf(png.raw_sha256);
    const bytes = fs.readFileSync(file);
    const at = png.raw_start! + 100;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41; // another base64 letter: decodes, to other bytes
    fs.writeFileSync(file, bytes);
    const result = verifyStore(h.ctx);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.problem).toMatch(/original message file/);
    const report = exportConversation(h.ctx, {
      sellerId: SELLER.id,
      alias: h.aliasOf(BUYER),
      outDir: path.join(tmp, 'after'),
      kind: 'authority',
    });
    expect(report.warnings.some((w) => /attachment "scratch.png".*altered/.test(w))).toBe(true);
  });
});
