import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64DecodedSize, decodeBase64, decodeQuotedPrintable, encodeQuotedPrintable } from './transfer-encoding.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('base64', () => {
  it.each([0, 1, 2, 3, 4, 5, 57, 58, 1000])('decodes and sizes %i random bytes in 76-character lines', (length) => {
    const data = crypto.randomBytes(length);
    const encoded = bytes((data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'));
    expect(decodeBase64(encoded).equals(data)).toBe(true);
    expect(base64DecodedSize(encoded)).toBe(length);
  });

  it.each([
    ['whitespace and garbage', 'SGVs bG8*\r\n!!', 'Hello'],
    ['missing padding', 'SGVsbG8', 'Hello'],
    ['concatenated padded chunks', 'SGk=SGk=', 'HiHi'],
    ['url-safe alphabet', '-_8', Buffer.from([0xfb, 0xff]).toString('latin1')],
  ])('tolerates %s, and the size matches the decoded length', (_name, input, expected) => {
    expect(decodeBase64(bytes(input)).toString('latin1')).toBe(expected);
    expect(base64DecodedSize(bytes(input))).toBe(expected.length);
  });

  it('stops at the limit', () => {
    const data = crypto.randomBytes(2000);
    expect(decodeBase64(bytes(data.toString('base64')), 512).equals(data.subarray(0, 512))).toBe(true);
  });
});

/** One character at a time, as the decoder worked before it took whole quanta at once: the reference. */
function decodeOneByOne(input: Uint8Array, limit = Infinity): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (let i = 0; i < input.length && out.length < limit; i++) {
    const ch = String.fromCharCode(input[i]);
    if (ch === '=') {
      bits = count = 0;
      continue;
    }
    const v = ch === '-' ? 62 : ch === '_' ? 63 : alphabet.indexOf(ch);
    if (v < 0) continue;
    bits = (bits << 6) | v;
    count++;
    if (count === 2) out.push((bits >> 4) & 0xff);
    else if (count === 3) out.push((bits >> 2) & 0xff);
    else if (count === 4) {
      out.push(bits & 0xff);
      bits = count = 0;
    }
  }
  return Buffer.from(out.slice(0, limit));
}

describe('base64 read back from the store', () => {
  // Attachments are decoded again whenever they are read (verify, export, download): the same bytes every time.
  it('decodes messy input (junk, padding inside, URL-safe letters, cut quanta) exactly as one character at a time', () => {
    const junk = 'AZaz09+/-_=\r\n \t.*é\x00';
    for (let round = 0; round < 300; round++) {
      const length = crypto.randomInt(0, 400);
      const chars: string[] = [];
      for (let i = 0; i < length; i++) {
        const r = crypto.randomInt(0, 100);
        chars.push(
          r < 85
            ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[crypto.randomInt(0, 64)]
            : junk[crypto.randomInt(0, junk.length)],
        );
      }
      const input = Buffer.from(chars.join(''), 'latin1');
      expect(decodeBase64(input).equals(decodeOneByOne(input))).toBe(true);
      const limit = crypto.randomInt(0, 300);
      expect(decodeBase64(input, limit).equals(decodeOneByOne(input, limit))).toBe(true);
      expect(base64DecodedSize(input)).toBe(decodeOneByOne(input).length);
    }
  });
});

describe('quoted-printable', () => {
  it.each([
    ['escapes', 'caf=C3=A9', 'café'],
    ['soft line breaks', 'long=\r\nline=\nend', 'longlineend'],
    ['soft break with padding', 'a= \t\r\nb', 'ab'],
    ['lowercase hex', '=c3=a9', 'é'],
    ['malformed escape kept', 'a=ZZb=', 'a=ZZb'],
    ['transport padding dropped', 'a  \r\nb\t\nc', 'a\r\nb\nc'],
    ['encoded space kept', 'a=20\r\nb', 'a \r\nb'],
  ])('%s', (_name, input, expected) => {
    expect(decodeQuotedPrintable(bytes(input)).toString('utf8')).toBe(expected);
  });

  it('encodes 7-bit lines of at most 76 characters that decode back', () => {
    const text = 'Der Anhang „Rechnung.exe“ wurde entfernt. ' + 'ä'.repeat(80) + '\nzweite Zeile ';
    const encoded = encodeQuotedPrintable(text, '\r\n');
    for (const line of encoded.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(/^[\x20-\x7e]*$/.test(line)).toBe(true);
    }
    expect(decodeQuotedPrintable(bytes(encoded)).toString('utf8')).toBe(text.replace('\n', '\r\n'));
  });
});
