import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../../test/support/prng.js';
import {
  base64DecodedSize,
  decodeBase64,
  decodeBase64Js,
  decodeQuotedPrintable,
  encodeQuotedPrintable,
  nativeDecodes,
} from './transfer-encoding.js';

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

describe('base64 of attachments, decoded by Node where that gives our bytes', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  /**
   * A body as senders write them (lines, padding, URL-safe letters), small or larger than the pieces Node's decoder is
   * given, and now and then spoiled the ways mail is, anywhere in it.
   */
  function body(random: () => number, large: boolean): Buffer {
    const pick = (n: number): number => Math.floor(random() * n);
    const length = pick(large ? 300_000 : 4000);
    const words = new Uint32Array(Math.ceil(length / 4)).map(() => pick(2 ** 32));
    const data = Buffer.from(words.buffer, 0, length);
    let text = data.toString('base64');
    if (random() < 0.2) text = text.replace(/=+$/, '');
    if (random() < 0.1) text = text.replace(/\+/g, '-').replace(/\//g, '_');
    const lineLength = [76, 76, 64, 72, 4, 1 + pick(200)][pick(6)];
    const eol = ['\r\n', '\r\n', '\n', ''][pick(4)];
    const lines = text.match(new RegExp(`.{1,${lineLength}}`, 'gs')) ?? [];
    let out = lines.join(eol) + (random() < 0.5 ? eol : '');
    const at = (): number => pick(out.length + 1);
    const insert = (s: string): void => {
      const i = at();
      out = out.slice(0, i) + s + out.slice(i);
    };
    const spoil = pick(13);
    if (spoil === 0) insert('='); // a '=' inside: concatenated chunks, or a stray one
    if (spoil === 1) insert(ALPHABET[pick(64)].repeat(1 + pick(3)) + '=' + ALPHABET[pick(64)]);
    if (spoil === 2) for (let n = 1 + pick(3); n > 0; n--) insert(' \t.*\x00\xe9\xff-_'[pick(11)]); // garbage, high bytes
    if (spoil === 3) out += '=\r\n \t' + (random() < 0.5 ? ALPHABET[pick(64)] : ''); // padding, then more or not
    if (spoil === 4) out = out.slice(0, out.length - pick(4)); // a cut quantum
    if (spoil === 5) out = (data.subarray(0, 3000).toString('base64') + '=').repeat(1 + pick(3)); // concatenated
    if (spoil === 6) {
      const i = at(); // a character lost
      out = out.slice(0, i) + out.slice(i + 1);
    }
    if (spoil === 7) out = out.replace(/\r\n/g, (m) => (random() < 0.001 ? ALPHABET[pick(64)] + '\n' : m)); // a CR lost
    if (spoil === 8) out = '\r\n' + out; // a blank line first
    if (spoil === 9) {
      const i = pick(out.length); // a character turned to garbage: every line still as long
      out = out.slice(0, i) + ' .*\x00\xe9'[pick(5)] + out.slice(i + 1);
    }
    return Buffer.from(out, 'latin1');
  }

  it('gives the same bytes, and the size its count says, on thousands of bodies (clean and spoiled) and limits', () => {
    const random = prng(0x6261);
    let native = 0;
    for (let round = 0; round < 3000; round++) {
      const input = body(random, round % 10 === 0);
      const offset = Math.floor(random() * 3); // not always a Buffer of its own: a view into a larger one
      const view = new Uint8Array(input.length + offset).fill(0x41);
      view.set(input, offset);
      const given = random() < 0.5 ? input : view.subarray(offset, offset + input.length);
      const limit = [Infinity, Infinity, Math.floor(random() * 4000), input.length][Math.floor(random() * 4)];
      if (nativeDecodes(given, limit)) native++;
      const expected = decodeBase64Js(input, limit);
      expect(decodeBase64(given, limit).equals(expected), `round ${round}`).toBe(true);
      if (limit === Infinity) expect(base64DecodedSize(input), `round ${round}`).toBe(expected.length);
    }
    // Both paths ran: most bodies are clean and large enough for Node's decoder.
    expect(native).toBeGreaterThan(1000);
    expect(native).toBeLessThan(2700);
  });

  it('decodes concatenated padded chunks past the first padding (where Node alone would stop)', () => {
    const chunk = crypto.randomBytes(100);
    const input = bytes((chunk.toString('base64') + '\r\n').repeat(20));
    expect(decodeBase64(input).equals(Buffer.concat(Array(20).fill(chunk)))).toBe(true);
    expect(Buffer.from(input.toString('latin1'), 'base64').length).toBe(100);
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
