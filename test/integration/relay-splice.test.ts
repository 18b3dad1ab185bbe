/**
 * A large buyer message is written once: the forwarded copy keeps only its new header block and the actions footer,
 * and names the raw message's body (already on disk for the record) as a byte range, put together when the outbox
 * sends. The seller's mailbox gets the same bytes as a full copy would have held; the data folder grows by the raw
 * message and its attachment, not a third time. Real SMTP on 127.0.0.1, a temp data folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAll, sqlExec } from '../../src/main/core/store/inspect.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import { folderBytes } from '../support/folder-bytes.js';

const CRLF = '\r\n';

/** A PNG's signature and the start of its header chunk: the attachment check takes the file for what it says. */
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** About 200 KB on the wire: a short text and a 150 KB image in base64, like bench/relay's 200KB profile. */
function bigMessage(n: number): Buffer {
  const image = Buffer.concat([PNG_HEAD, randomBytes(150 * 1024)])
    .toString('base64')
    .replace(/.{76}/g, `$&${CRLF}`);
  return Buffer.from(
    [
      'From: Buyer <buyer@buyers.example>',
      `To: ${SELLER.id}@${DOMAIN}`,
      `Subject: Photo ${n}`,
      `Message-ID: <photo-${n}@buyers.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Here is the photo of the scratch on the table, number ${n}.`,
      '--b1',
      'Content-Type: image/png; name="scratch.png"',
      'Content-Disposition: attachment; filename="scratch.png"',
      'Content-Transfer-Encoding: base64',
      '',
      image,
      '--b1--',
      '',
    ].join(CRLF),
  );
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a 200 KB buyer message is written once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('delivers the bytes of the full forwarded copy while its outbox row keeps only the bytes around the body', async () => {
    const raw = bigMessage(0);
    await expect(h.inbound({ from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, raw)).resolves.toMatch(
      /^250 /,
    );
    await h.sink.waitFor(1);
    const [row] = sqlAll<{ blob_sha256: string; splice: string | null; content: Buffer; kept: number; state: string }>(
      h.ctx.store,
      "SELECT blob_sha256, splice, content, length(content) AS kept, state FROM outbox WHERE kind = 'forward'",
    );
    expect(row.splice).not.toBeNull();
    expect(row.kept).toBeLessThan(8 * 1024);
    const delivered = h.sink.messages[0].raw;
    expect(delivered.length).toBeGreaterThan(200 * 1024);
    // The copy is the row's bytes (named by blob_sha256) around a range of the raw message's blob (named by its hash).
    expect(sha256(row.content)).toBe(row.blob_sha256);
    const splice = JSON.parse(row.splice!) as { sha256: string; start: number; end: number; headLength: number };
    expect(sha256(raw)).toBe(splice.sha256);
    const assembled = Buffer.concat([
      row.content.subarray(0, splice.headLength),
      raw.subarray(splice.start, splice.end),
      row.content.subarray(splice.headLength),
    ]);
    expect(delivered.equals(assembled)).toBe(true);
    expect(delivered.includes(raw.subarray(raw.indexOf('\r\n\r\n') + 4))).toBe(true);
  });

  it('grows the data folder by the raw message alone, not by a copy of it or of its attachment', async () => {
    // Measured with the WAL folded into the database file, so what the checkpoint happens to hold does not count.
    const settled = () => (sqlExec(h.ctx.store, 'PRAGMA wal_checkpoint(TRUNCATE)'), folderBytes(h.dataDir));
    const before = settled();
    const n = 6;
    for (let i = 1; i <= n; i++)
      await h.inbound({ from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, bigMessage(i));
    await h.sink.waitFor(n + 1);
    const perMessage = (settled() - before) / n;
    console.log(`data folder growth per 200 KB message: ${(perMessage / 1024).toFixed(0)} KB`);
    // The raw message (~205 KB) and its rows; the attachment as a file of its own would add ~150 KB, a full outgoing
    // copy ~205 KB more.
    expect(perMessage).toBeLessThan(300 * 1024);
  });
});
