import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { buildManifest, type Manifest } from './export-manifest.js';
import { exportConversation, safeFileName, verifyExport } from './record-export.js';
import { flipByte, seedConversation, type SeededConversation } from './testing/seeded-record.js';

let tmp: string;
let ctx: CoreContext;
let seeded: SeededConversation;
let outDir: string;

const readManifest = (): Manifest => JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
const writeManifest = (m: Manifest) => fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(m, null, 2));
const sha = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');
const doExport = () =>
  exportConversation(ctx, { sellerId: 'shop-one', alias: seeded.alias, outDir, kind: 'authority' });

// R21: the record of a conversation can be exported for a dispute, and the export shows tampering.
describe('with a recorded conversation', () => {
  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-'));
    ctx = new CoreContext({ dataDir: path.join(tmp, 'data'), domain: 'relay.test', dns: 'offline' });
    ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
    seeded = await seedConversation(ctx);
    outDir = path.join(tmp, 'export');
  });

  afterEach(() => {
    ctx.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('exportConversation', () => {
    it('writes the originals, attachments, transcript and a chained manifest', () => {
      const report = doExport();
      const files = readManifest().files.map((f) => f.path);
      expect(files).toEqual([
        'messages/0001-buyer-to-seller.eml',
        'attachments/0001-photo.png',
        'messages/0002-seller-to-buyer.eml',
        'attachments/0002-Rücksendeetikett.pdf',
        'attachments/0002-photo.png',
        'attachments/0002-photo-2.png',
        'attachments/0002-setup.exe',
        'messages/0003-seller-to-buyer.eml',
        'transcript.pdf',
        'transcript.txt',
      ]);
      expect(report).toMatchObject({
        seller: 'shop-one',
        alias: `${seeded.alias}@relay.test`,
        messages: 3,
        attachments: 5,
        files: 10,
        warnings: [],
      });

      // The originals are the stored bytes exactly.
      const stored = seeded.messageIds.map((id) => ctx.record.meta(id)!.rawSha256);
      const originals = files.filter((f) => f.startsWith('messages/'));
      expect(originals.map((f) => sha(fs.readFileSync(path.join(outDir, f))))).toEqual(stored);
      expect(fs.readFileSync(path.join(outDir, 'attachments/0002-Rücksendeetikett.pdf'), 'utf8')).toBe(
        '%PDF-1.4 label',
      );

      const manifest = readManifest();
      expect(manifest).toMatchObject({
        format: 'parley-export/1',
        seller: 'shop-one',
        alias: `${seeded.alias}@relay.test`,
      });
      let prev = '0'.repeat(64);
      for (const f of manifest.files) {
        const data = fs.readFileSync(path.join(outDir, f.path));
        expect(f).toEqual({
          path: f.path,
          sha256: sha(data),
          size: data.length,
          prevHash: prev,
          chainHash: sha(`${prev}\n${f.path}\n${sha(data)}`),
        });
        prev = f.chainHash;
      }
      expect(manifest.head).toBe(prev);
      expect(report.head).toBe(prev);
    });

    it('writes a readable transcript with verdicts, rules and texts', () => {
      doExport();
      const transcript = fs.readFileSync(path.join(outDir, 'transcript.txt'), 'utf8');
      const manifest = readManifest();
      expect(transcript).toContain(
        `Seller: shop-one\nAlias: ${seeded.alias}@relay.test\nExported at: ${manifest.exportedAt}\n`,
      );
      expect(transcript).toContain('"head" hash, in manifest.json');
      expect(transcript).toContain('From:      Anna B <anna@example.de>');
      expect(transcript).toContain('the mug arrived in pieces');
      expect(transcript).toContain('Delivery:  forward queued (state at export time)');
      expect(transcript).toContain('Verdict:   deliver (rules: R10a, R15)');
      expect(transcript).toMatch(
        /Attachment: setup\.exe .*→ attachments\/0002-setup\.exe — removed by the relay: setup\.exe is not an allowed type \(R15\)/,
      );
      expect(transcript).toContain('Verdict:   block (rules: R10)');
      expect(transcript).toContain('R10: The buyer opted out of unsolicited messages.');
      expect(transcript).not.toContain('Any news?'); // another buyer's conversation
    });

    it('accepts the alias as an address and an existing empty directory; refuses a non-empty one', () => {
      fs.mkdirSync(outDir);
      exportConversation(ctx, {
        sellerId: 'shop-one',
        alias: `${seeded.alias.toUpperCase()}@relay.test`,
        outDir,
        kind: 'authority',
      });
      expect(verifyExport(outDir).ok).toBe(true);
      expect(() => doExport()).toThrow(expect.objectContaining({ code: 'EEXISTS' }));
      const file = path.join(tmp, 'a-file');
      fs.writeFileSync(file, '');
      expect(() =>
        exportConversation(ctx, { sellerId: 'shop-one', alias: seeded.alias, outDir: file, kind: 'authority' }),
      ).toThrow(expect.objectContaining({ code: 'EEXISTS' }));
    });

    it("refuses another seller's alias and an unknown one", () => {
      ctx.sellers.add({ id: 'shop-two', name: 'Shop Two', email: 'cs@two.example', password: 'pw', language: 'de' });
      expect(() =>
        exportConversation(ctx, { sellerId: 'shop-two', alias: seeded.alias, outDir, kind: 'authority' }),
      ).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
      expect(() =>
        exportConversation(ctx, { sellerId: 'shop-one', alias: 'aaaaaaaaaaaaaaa', outDir, kind: 'authority' }),
      ).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
      expect(fs.existsSync(outDir)).toBe(false);
    });

    it('exports a conversation with no messages', () => {
      const pair = ctx.pairs.ensurePair('shop-one', 'quiet@example.com');
      const report = exportConversation(ctx, { sellerId: 'shop-one', alias: pair.alias, outDir, kind: 'authority' });
      expect(report).toMatchObject({ messages: 0, files: 2 });
      expect(verifyExport(outDir)).toEqual({ ok: true, checked: 2 });
    });

    it('flags, and does not hide, a stored file that was altered or lost', () => {
      flipByte(ctx.store.blobs.pathOf(ctx.record.meta(seeded.messageIds[0])!.rawSha256));
      const photo = ctx.recordReader
        .attachmentsOf(seeded.messageIds[1])
        .find((a) => a.filename === 'Rücksendeetikett.pdf')!;
      fs.rmSync(ctx.store.blobs.pathOf(photo.sha256));
      const report = doExport();
      expect(report.warnings).toEqual([
        expect.stringMatching(/^message 0001: the original message .* was altered in the store/),
        expect.stringMatching(/^message 0002: attachment "Rücksendeetikett.pdf" .* is missing from the store/),
      ]);
      const transcript = fs.readFileSync(path.join(outDir, 'transcript.txt'), 'utf8');
      expect(transcript).toContain('WARNING:   the original message');
      expect(transcript).toContain('Rücksendeetikett.pdf (application/pdf, 14 bytes) (file not kept)');
    });
  });

  describe('verifyExport', () => {
    beforeEach(() => {
      doExport();
    });

    it('passes an untouched export', () => {
      expect(verifyExport(outDir)).toEqual({ ok: true, checked: 10 });
      expect(verifyExport(outDir, { expectedHead: readManifest().head }).ok).toBe(true);
    });

    it('names each file in turn when one byte of it changes', () => {
      for (const { path: file } of readManifest().files) {
        flipByte(path.join(outDir, file));
        const result = verifyExport(outDir);
        expect(result.ok, file).toBe(false);
        expect(result.firstBad, file).toEqual({ path: file, problem: expect.stringContaining('altered') });
        flipByte(path.join(outDir, file));
      }
      expect(verifyExport(outDir).ok).toBe(true);
    });

    it('names a deleted file', () => {
      fs.rmSync(path.join(outDir, 'attachments/0002-photo.png'));
      expect(verifyExport(outDir)).toEqual({
        ok: false,
        checked: 4,
        firstBad: { path: 'attachments/0002-photo.png', problem: 'missing' },
      });
    });

    it.each([
      'messages/0004-buyer-to-seller.eml',
      'attachments/0001-extra.pdf',
      'notes.txt',
      'messages/sub/hidden.eml',
    ])('names an extra file %s', (extra) => {
      fs.mkdirSync(path.dirname(path.join(outDir, extra)), { recursive: true });
      fs.writeFileSync(path.join(outDir, extra), 'planted');
      expect(verifyExport(outDir).firstBad).toEqual({ path: extra, problem: 'not listed in the manifest' });
    });

    it('names files listed out of order', () => {
      const m = readManifest();
      [m.files[1], m.files[2]] = [m.files[2], m.files[1]];
      writeManifest(m);
      expect(verifyExport(outDir).firstBad).toEqual({
        path: m.files[1].path,
        problem: expect.stringContaining('out of order'),
      });
    });

    it('catches a manifest whose hashes, head or facts were edited', () => {
      const original = readManifest();
      const cases: [(m: Manifest) => void, string][] = [
        [
          (m) => {
            m.files[3].sha256 = m.files[3].sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
          },
          original.files[3].path,
        ],
        [
          (m) => {
            m.files[3].chainHash = '0'.repeat(64);
          },
          original.files[3].path,
        ],
        [
          (m) => {
            m.head = '1'.repeat(64);
          },
          'manifest.json',
        ],
        [
          (m) => {
            m.exportedAt = '2020-01-01T00:00:00.000Z';
          },
          'manifest.json',
        ],
        [
          (m) => {
            m.seller = 'shop-two';
          },
          'manifest.json',
        ],
        [
          (m) => {
            m.files[0].path = '../../etc/passwd';
          },
          'manifest.json',
        ],
        [
          (m) => {
            m.files.pop();
            m.head = m.files.at(-1)!.chainHash;
          },
          'manifest.json',
        ],
      ];
      for (const [edit, named] of cases) {
        const m = structuredClone(original);
        edit(m);
        writeManifest(m);
        const result = verifyExport(outDir);
        expect(result.ok).toBe(false);
        expect(result.firstBad?.path).toBe(named);
      }
      fs.writeFileSync(path.join(outDir, 'manifest.json'), '{"format": "parley-export/1", "files": [');
      expect(verifyExport(outDir).firstBad?.path).toBe('manifest.json');
      fs.rmSync(path.join(outDir, 'manifest.json'));
      expect(verifyExport(outDir).firstBad).toEqual({ path: 'manifest.json', problem: 'missing' });
    });

    it('catches a consistently rebuilt manifest only against the head kept at export time', () => {
      const original = readManifest();
      const file = path.join(outDir, 'attachments/0002-Rücksendeetikett.pdf');
      fs.writeFileSync(file, '%PDF-1.4 forged label');
      const files = original.files.map((f) => ({ path: f.path, data: fs.readFileSync(path.join(outDir, f.path)) }));
      const { seller, alias, exportedAt, kind } = original;
      writeManifest(buildManifest({ seller, alias, exportedAt, kind }, files));
      expect(verifyExport(outDir).ok).toBe(true); // self-consistent: the chain alone cannot tell
      expect(verifyExport(outDir, { expectedHead: original.head }).firstBad?.path).toBe('manifest.json');
    });
  });
});

describe('safeFileName', () => {
  it.each([
    ['a plain name', 'invoice.pdf', 'invoice.pdf'],
    ['a relative path', '../../etc/passwd', 'passwd'],
    ['a Windows path', 'C:\\Users\\x\\photo.jpg', 'photo.jpg'],
    ['a hidden name', '.hidden', 'hidden'],
    ['dots only', '..', 'attachment'],
    ['nothing', '', 'attachment'],
    ['reserved characters', 'a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['control characters', 'line\r\nbreak.txt', 'line__break.txt'],
    ['umlauts', 'Rücksendeetikett.pdf', 'Rücksendeetikett.pdf'],
    ['a very long name', `${'x'.repeat(300)}.pdf`, `${'x'.repeat(116)}.pdf`],
  ])('%s', (_case, name, safe) => expect(safeFileName(name)).toBe(safe));
});
