import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { describe, expect, it } from 'vitest';
import { stuffDots, stuffingTransform } from './dot-stuffing.js';

// nodemailer's own encoder, which the client thread's connections use unless it is replaced there.
const { default: DataStream } = (await import(
  new URL('../../../../node_modules/nodemailer/dist/esm/smtp-connection/data-stream.js', import.meta.url).href
)) as { default: new () => NodeJS.ReadWriteStream & { _transform: unknown } };

/** What a stream makes of `chunks` written one after another, its end marker included. */
async function encode(chunks: Buffer[], fast: boolean): Promise<Buffer> {
  const stream = new DataStream();
  if (fast) stream._transform = stuffingTransform;
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const c of chunks) stream.write(c);
  stream.end();
  await ended;
  return Buffer.concat(out);
}

/** Deterministic bytes heavy in what matters here: CR, LF, dots, next to plain text. */
function sample(seed: number, length: number): Buffer {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 10;
  const alphabet = [0x0d, 0x0a, 0x2e, 0x41, 0x42, 0x20, 0x0d, 0x0a, 0x2e, 0x7a];
  return Buffer.from(Array.from({ length }, () => alphabet[next()]));
}

describe('the DATA encoding of outgoing mail', () => {
  it('doubles leading dots and makes bare CR and LF into CRLF, byte for byte as nodemailer does', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const bytes = sample(seed, 1 + (seed % 97));
      // The same bytes in pieces: what a byte needs depends on the one before, across a piece's edge too.
      const cut = [0, (seed * 7) % bytes.length, (seed * 13) % bytes.length, bytes.length].sort((a, b) => a - b);
      const pieces = cut.slice(1).map((end, i) => bytes.subarray(cut[i], end));
      expect((await encode(pieces, true)).toString('latin1'), `seed ${seed}`).toBe(
        (await encode(pieces, false)).toString('latin1'),
      );
    }
  });

  it('leaves a clean message as it is, and encodes the awkward cases as SMTP asks', () => {
    const clean = Buffer.from('Subject: x\r\n\r\nHallo\r\n');
    expect(stuffDots(clean, false)).toBe(clean);
    expect(stuffDots(Buffer.from('.a\r\n.\r\nb\n.c\rd\r.'), false).toString()).toBe('..a\r\n..\r\nb\r\n..c\r\nd\r\n..');
    expect(stuffDots(Buffer.from('.x'), 0x0a).toString()).toBe('..x');
    expect(stuffDots(Buffer.from('\n'), 0x0d).toString()).toBe('\n');
  });

  it('has the hook in nodemailer that the client thread uses to swap its encoder in', () => {
    expect(typeof (SMTPConnection.prototype as unknown as Record<string, unknown>)._createSendStream).toBe('function');
  });
});
