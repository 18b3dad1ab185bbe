/**
 * The app's mail history import through the contract, as both transports carry it: the mbox in pieces
 * (mailImport.upload), then mailImport.start with 'job.progress' per batch; the conversations come into the inbox, the
 * same file again adds nothing, and a piece out of order is refused in words the renderer knows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../ops/demo.js';
import { MAIL_IMPORT_BATCH } from '../ops/mail-import.js';
import { mboxOf, testMail } from '../ops/testing/mbox.js';
import { startDemoApp, type TestApp } from './testing/test-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await startDemoApp();
});
afterEach(async () => {
  await app.close();
});

const mbox = (n: number) =>
  mboxOf(
    Array.from({ length: n }, (_, i) =>
      testMail({
        from: `Käufer ${i % 20} <old.buyer${i % 20}@example.org>`,
        to: DEMO_SELLER.email,
        subject: `Alte Frage ${i}`,
        messageId: `old${i}@example.org`,
      }),
    ),
  );

async function upload(bytes: Buffer, uploadId: string, piece = 64 * 1024): Promise<void> {
  for (let at = 0; at < bytes.length; at += piece) {
    const r = await app.call('mailImport.upload', {
      uploadId,
      offset: at,
      dataBase64: bytes.subarray(at, at + piece).toString('base64'),
    });
    expect(r.received).toBe(Math.min(bytes.length, at + piece));
  }
}

describe('mailImport', () => {
  it('imports an uploaded mbox with progress, the conversations appear, and the same file again adds nothing', async () => {
    const n = MAIL_IMPORT_BATCH * 2 + 10;
    const bytes = mbox(n);
    await upload(bytes, 'old-mail-0001');
    const result = await app.call('mailImport.start', {
      uploadId: 'old-mail-0001',
      fileName: 'alt.mbox',
      size: bytes.length,
    });
    expect(result).toMatchObject({ total: n, done: n, imported: n, duplicates: 0, refused: 0, resumed: false });
    const progress = app.events
      .filter((e) => e.event === 'job.progress')
      .map((e) => e.payload as { job: string; done: number; total: number });
    expect(progress.every((p) => p.job === 'mail.import' && p.total === n)).toBe(true);
    expect(new Set(progress.map((p) => p.done)).size).toBeGreaterThanOrEqual(3);
    const found = await app.call('inbox.search', { query: 'Alte Frage' });
    expect(JSON.stringify(found)).toContain('Alte Frage');
    expect(JSON.stringify(found)).not.toContain('old.buyer'); // the alias, never the buyer's address (R5)

    await upload(bytes, 'old-mail-0001');
    const again = await app.call('mailImport.start', {
      uploadId: 'old-mail-0001',
      fileName: 'alt.mbox',
      size: bytes.length,
    });
    expect(again).toMatchObject({ imported: 0, duplicates: n });
  });

  it('refuses a piece that does not follow the last one, and a file that is no mbox, with keys the UI words', async () => {
    await expect(
      app.call('mailImport.upload', { uploadId: 'old-mail-0002', offset: 10, dataBase64: 'QUJD' }),
    ).rejects.toMatchObject({ detail: { key: 'mailImport.upload' } });
    const eml = testMail({ from: 'a@example.org', to: DEMO_SELLER.email, subject: 'x' });
    await upload(eml, 'old-mail-0003');
    await expect(
      app.call('mailImport.start', { uploadId: 'old-mail-0003', fileName: 'one.eml', size: eml.length }),
    ).rejects.toMatchObject({ detail: { key: 'mailImport.notMbox', params: { name: 'one.eml' } } });
    expect(fs.readdirSync(path.join(app.dataDir, 'imports'))).toEqual([]); // the upload does not stay behind
  });
});
