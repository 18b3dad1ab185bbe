/**
 * The PDF transcript speaks the shop's language and keeps every character: a German shop's record has German
 * headings and dates, an English one English, and names and text in Polish, Danish, Greek and Cyrillic, with €, come
 * back out of the PDF as they went in (read the way a reader's copy-and-paste reads them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-text.js';
import type { Language } from '../../../shared/domain.js';
import { CoreContext } from '../context.js';
import { exportConversation } from './record-export.js';
import { appendMessage } from './testing/seeded-record.js';

// DejaVu has no CJK glyphs: "日本" goes in too, but only the scripts below are promised to come back out.
const WORLD = 'Łódź — 日本 — Ærø — € — Ελλάδα — Москва';
const KEPT = ['Łódź', 'Ærø', '€', 'Ελλάδα', 'Москва'];

let tmp: string;
let ctx: CoreContext;

async function exportedPdfText(language: Language): Promise<{ text: string; hashes: string[] }> {
  ctx.sellers.add({ id: 'shop-one', name: `Töpferei ${WORLD}`, email: 'cs@shop.example', password: 'pw', language });
  const pair = ctx.pairs.ensurePair('shop-one', 'lukasz@example.pl', 'Łukasz Żółć');
  const conversation = ctx.pairs.ensureConversation(pair.id, 'buyer', `Tasse aus ${WORLD}`);
  await appendMessage(
    ctx,
    {
      conversationId: conversation,
      envelopeFrom: 'lukasz@example.pl',
      fromName: 'Łukasz Żółć',
      subject: `Tasse aus ${WORLD}`,
      text: `Dzień dobry, die Tasse kam zerbrochen an.\n${WORLD}\nŁukasz`,
    },
    [{ filename: 'Zdjęcie-Ærø.png', declaredType: 'image/png', content: Buffer.from('\x89PNG fake', 'latin1') }],
  );
  const outDir = path.join(tmp, `export-${language}`);
  exportConversation(ctx, { sellerId: 'shop-one', alias: pair.alias, outDir, kind: 'seller-copy' });
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
    files: { path: string; sha256: string }[];
  };
  return {
    text: await pdfText(fs.readFileSync(path.join(outDir, 'transcript.pdf'))),
    hashes: manifest.files.filter((f) => !f.path.startsWith('transcript')).map((f) => f.sha256),
  };
}

describe('the PDF transcript', () => {
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-pdf-'));
    ctx = new CoreContext({ dataDir: path.join(tmp, 'data'), domain: 'relay.test', dns: 'offline' });
  });
  afterEach(() => {
    ctx.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is in German for a German shop, with German dates, and keeps Łódź, Ærø, €, Greek and Cyrillic intact', async () => {
    const { text, hashes } = await exportedPdfText('de');
    expect(text).toContain('Parley-Nachweis für einen Streitfall (R21)');
    expect(text).toContain('Art: Kopie des Verkäufers (nur Aliasse, R5)');
    expect(text).toContain('Richtung: vom Käufer an den Verkäufer (über ein Mailprogramm)');
    expect(text).toContain('Entscheidung: zugestellt');
    expect(text).toContain('Dateien und ihr SHA-256');
    expect(text).toMatch(
      /Exportiert am: \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}/,
    );
    expect(text).not.toMatch(/Direction:|Subject:|Exported at:/);
    for (const word of KEPT) expect(text).toContain(word);
    expect(text).toContain('Łukasz Żółć');
    expect(text).toContain('Zdjęcie-Ærø.png');
    for (const sha256 of hashes) expect(text).toContain(sha256);
  });

  it('is in English for an English shop, with the same characters intact', async () => {
    const { text, hashes } = await exportedPdfText('en');
    expect(text).toContain('Parley dispute record (R21)');
    expect(text).toContain('Direction: from the buyer to the seller (via a mail client)');
    expect(text).toMatch(
      /Exported at: \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    expect(text).not.toMatch(/Richtung:|Betreff:/);
    for (const word of KEPT) expect(text).toContain(word);
    for (const sha256 of hashes) expect(text).toContain(sha256);
  });
});
