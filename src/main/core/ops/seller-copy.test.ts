/**
 * R5 in the dispute record (R21): the seller's copy of an export never shows the buyer's real address — not in a
 * header, a body in any transfer encoding, a quoted reply, a display name, a file name, an attachment, the transcript
 * or the PDF — and still proves itself complete: its manifest lists the sha256 of every original as stored, which are
 * exactly the files of the export for a dispute authority.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import type { Manifest } from './export-manifest.js';
import { exportConversation, verifyExport } from './record-export.js';
import { sellerCopyOfMessage } from './seller-copy.js';
import { addressLeaks } from './testing/address-leaks.js';
import { seedLeakyConversation, type LeakyConversation } from './testing/leaky-record.js';

let tmp: string;
let ctx: CoreContext;
let leaky: LeakyConversation;

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-seller-copy-'));
  ctx = new CoreContext({ dataDir: path.join(tmp, 'data'), domain: 'relay.test', dns: 'offline' });
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'de' });
  leaky = await seedLeakyConversation(ctx);
});
afterEach(() => {
  ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const exportAs = (kind: 'seller-copy' | 'authority') => {
  const outDir = path.join(tmp, kind);
  const report = exportConversation(ctx, { sellerId: 'shop-one', alias: leaky.alias, outDir, kind });
  return { outDir, report };
};
const filesOf = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
const manifestOf = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

describe("the seller's copy of the record (R5, R21)", () => {
  it("shows the buyer's real address nowhere: 0 occurrences in every file and file name", async () => {
    // The fixture is worth something only if the originals are full of it.
    const authority = exportAs('authority');
    const inOriginals = (
      await Promise.all(
        filesOf(authority.outDir).map((f) =>
          addressLeaks(f, fs.readFileSync(path.join(authority.outDir, f)), leaky.buyer),
        ),
      )
    ).flat();
    expect(inOriginals.length).toBeGreaterThan(20);

    const { outDir, report } = exportAs('seller-copy');
    const files = filesOf(outDir);
    expect(files.filter((f) => f.startsWith('messages/'))).toHaveLength(4);
    const leaks = (
      await Promise.all(files.map((f) => addressLeaks(f, fs.readFileSync(path.join(outDir, f)), leaky.buyer)))
    ).flat();
    expect(leaks).toEqual([]);
    expect(report).toMatchObject({ kind: 'seller-copy', messages: 4 });
    expect(verifyExport(outDir)).toEqual({ ok: true, checked: files.length - 1 });
  });

  it('shows the alias where the address was, and the messages as the seller saw them', async () => {
    const { outDir } = exportAs('seller-copy');
    const { simpleParser } = await import('mailparser');
    const first = await simpleParser(fs.readFileSync(path.join(outDir, 'messages/0001-buyer-to-seller.eml')));
    expect(first.from?.value[0].address).toBe(leaky.aliasAddress);
    expect(first.subject).toBe(`Frage von ${leaky.aliasAddress}`);
    expect(first.text).toContain(`bitte schreiben Sie an ${leaky.aliasAddress} oder an ${leaky.aliasAddress}.`);
    expect(first.text).toContain('Grüße'); // the part was re-encoded, its charset read right
    expect(first.html).toContain(`mailto:${leaky.aliasAddress}`);
    expect(first.headers.has('received')).toBe(false); // the relay's rewrite drops trace fields, as in the inbox copy
    const notes = first.attachments.find((a) => a.contentType === 'text/plain')!;
    expect(notes.filename).toBe(`notes-${leaky.aliasAddress}.txt`);
    expect(notes.content.toString()).toContain(`Kontakt: ${leaky.aliasAddress}`);
    // The PDF holds the address in its bytes, which cannot be rewritten: withheld, and said so.
    expect(first.attachments.some((a) => a.filename === 'scan.pdf')).toBe(false);
    expect(first.text).toContain('"scan.pdf" is withheld from the seller\'s copy');
    const transcript = fs.readFileSync(path.join(outDir, 'transcript.txt'), 'utf8');
    expect(transcript).toContain('Kind: seller-copy');
    expect(transcript).toMatch(/Attachment: scan\.pdf .*withheld from the seller's copy/);
    expect(transcript).toContain(`> bitte schreiben Sie an ${leaky.aliasAddress}`);
    expect(transcript).toContain(`550 5.1.1 <${leaky.aliasAddress}>: Recipient address rejected`);
    expect(filesOf(outDir)).toContain(`attachments/0001-notes-${leaky.aliasAddress}.txt`);
    expect(filesOf(outDir)).not.toContain('attachments/0001-scan.pdf');
  });

  it("lists the originals' hashes, which are exactly the files of the export for a dispute authority", () => {
    const seller = exportAs('seller-copy');
    const authority = exportAs('authority');
    const originals = manifestOf(seller.outDir).originals!;
    expect(manifestOf(seller.outDir).kind).toBe('seller-copy');
    expect(manifestOf(authority.outDir)).toMatchObject({ kind: 'authority' });
    expect(manifestOf(authority.outDir).originals).toBeUndefined();
    const authorityFiles = manifestOf(authority.outDir)
      .files.filter((f) => !f.path.startsWith('transcript'))
      .map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
    expect(originals).toEqual(authorityFiles);
    expect(originals).toHaveLength(4 + 2); // every message and attachment, the withheld PDF too

    // The authority's originals are the stored bytes exactly, and they verify.
    leaky.messageIds.forEach((id, i) => {
      const file = authorityFiles.filter((f) => f.path.startsWith('messages/'))[i].path;
      const stored = ctx.store.blobs.get(ctx.record.meta(id)!.rawSha256);
      expect(fs.readFileSync(path.join(authority.outDir, file)).equals(stored), file).toBe(true);
    });
    expect(verifyExport(authority.outDir).ok).toBe(true);
    const transcript = fs.readFileSync(path.join(authority.outDir, 'transcript.txt'), 'utf8');
    expect(transcript).toContain('Kind: authority');
    expect(transcript.toLowerCase()).toContain(`<${leaky.buyer}>`);
  });

  it("catches a seller's copy whose list of originals or kind was edited", () => {
    const { outDir } = exportAs('seller-copy');
    const original = manifestOf(outDir);
    const edits: ((m: Manifest) => void)[] = [
      (m) => {
        m.originals![0].sha256 = '0'.repeat(64);
      },
      (m) => {
        m.originals!.pop();
      },
      (m) => {
        delete m.originals;
      },
      (m) => {
        m.kind = 'authority';
      },
      (m) => {
        delete m.kind;
      },
    ];
    for (const edit of edits) {
      const m = structuredClone(original);
      edit(m);
      fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(m));
      expect(verifyExport(outDir).firstBad?.path).toBe('manifest.json');
    }
  });
});

describe("the seller's copy of real-world mail", () => {
  const fixtureDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/mime');

  // Each message's own sender stands in for the buyer: its address is in headers, bodies, signatures, reports.
  it.skipIf(!fs.existsSync(fixtureDir))(
    "shows its sender's address nowhere in any of the shared MIME fixtures, and never fails",
    async () => {
      const names = fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.eml'));
      expect(names.length).toBeGreaterThan(300);
      let checked = 0;
      const problems: string[] = [];
      for (const name of names) {
        const raw = fs.readFileSync(path.join(fixtureDir, name));
        const sender = (await simpleParser(raw).catch(() => undefined))?.from?.value[0]?.address;
        if (!sender?.includes('@')) continue;
        const copy = sellerCopyOfMessage({
          raw,
          buyerAddress: sender,
          aliasAddress: 'abcdefghijklmno@relay.test',
          forSeller: {
            buyerName: null,
            relayMessageId: '<copy@relay.test>',
            mapId: () => undefined,
            authResults: 'relay.test; spf=none',
          },
        });
        problems.push(...(await addressLeaks(name, copy.data, sender)));
        checked++;
      }
      expect(checked).toBeGreaterThan(300);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});
