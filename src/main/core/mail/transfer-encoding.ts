/**
 * Content-Transfer-Encoding codecs that work on bytes. Our own rather than Buffer.from(…,
 * 'base64') because we need a size without decoding, an early stop for the sniffing head, and
 * the same tolerance in both so that the size we report is the length we would decode.
 */

const CR = 0x0d;
const LF = 0x0a;
const EQUALS = 0x3d;

// -1: not in the alphabet (whitespace, garbage: skipped). URL-safe '-' and '_' are accepted
// because some senders use them and nothing else could mean.
const BASE64_VALUE = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((ch, i) => (BASE64_VALUE[ch.charCodeAt(0)] = i));
BASE64_VALUE[0x2d] = 62;
BASE64_VALUE[0x5f] = 63;

/**
 * Decodes base64, skipping anything outside the alphabet. A '=' ends a quantum: concatenated
 * base64 chunks (each padded) occur in the wild and decode correctly this way.
 */
export function decodeBase64(input: Uint8Array, limit = Infinity): Buffer {
  const out = Buffer.allocUnsafe(Math.min(limit, Math.floor((input.length * 3) / 4) + 3));
  return out.subarray(0, Math.min(decodeBase64Into(input, out, limit), limit));
}

/**
 * The loop of decodeBase64, on its own: it is optimized while it runs (a large body is decoded in its first call), and
 * with nothing after the loop that the optimized code has not seen run, it is not thrown away at the end of each call.
 */
function decodeBase64Into(input: Uint8Array, out: Uint8Array, limit: number): number {
  let n = 0;
  let bits = 0;
  let count = 0;
  const end = input.length;
  for (let i = 0; i < end && n < limit; i++) {
    // Four characters of the alphabet at a quantum's start make three bytes at once: the bulk of a body, whose lines
    // are runs of whole quanta. Anything else ('=', a line break, garbage) takes the careful path below.
    if (count === 0 && i + 4 <= end && n + 3 <= limit) {
      const a = BASE64_VALUE[input[i]];
      const b = BASE64_VALUE[input[i + 1]];
      const c = BASE64_VALUE[input[i + 2]];
      const d = BASE64_VALUE[input[i + 3]];
      if ((a | b | c | d) >= 0) {
        const quantum = (a << 18) | (b << 12) | (c << 6) | d;
        out[n] = quantum >> 16;
        out[n + 1] = (quantum >> 8) & 0xff;
        out[n + 2] = quantum & 0xff;
        n += 3;
        i += 3;
        continue;
      }
    }
    const byte = input[i];
    if (byte === EQUALS) {
      bits = 0;
      count = 0;
      continue;
    }
    const v = BASE64_VALUE[byte];
    if (v < 0) continue;
    bits = (bits << 6) | v;
    count++;
    // Every character after the first completes one byte: 12, 18, 24 bits give bytes 1, 2, 3.
    if (count === 2) out[n++] = (bits >> 4) & 0xff;
    else if (count === 3) out[n++] = (bits >> 2) & 0xff;
    else if (count === 4) {
      out[n++] = bits & 0xff;
      bits = 0;
      count = 0;
    }
  }
  return n;
}

/** The length decodeBase64 would return, counted without decoding: floor(chars × 6 / 8) per chunk. */
export function base64DecodedSize(input: Uint8Array): number {
  let size = 0;
  let count = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i];
    if (byte === EQUALS) {
      size += Math.floor((count * 3) / 4);
      count = 0;
    } else if (BASE64_VALUE[byte] >= 0) {
      count++;
    }
  }
  return size + Math.floor((count * 3) / 4);
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/**
 * Decodes quoted-printable. Malformed escapes are kept literally (what readers show); trailing
 * whitespace before a line break is dropped as RFC 2045 §6.7 asks, because transports add it.
 */
export function decodeQuotedPrintable(input: Uint8Array, limit = Infinity): Buffer {
  const out = Buffer.allocUnsafe(Math.min(limit, input.length));
  let n = 0;
  let keep = 0; // output length after the last byte that is not transport padding
  for (let i = 0; i < input.length && n < limit; i++) {
    const byte = input[i];
    if (byte === EQUALS) {
      // Soft line break: '=' then optional padding then the line break.
      let j = i + 1;
      while (j < input.length && (input[j] === 0x20 || input[j] === 0x09)) j++;
      if (j === input.length || input[j] === LF || (input[j] === CR && input[j + 1] === LF)) {
        i = j === input.length ? j : input[j] === CR ? j + 1 : j;
        continue;
      }
      const hi = hexValue(input[i + 1]);
      const lo = i + 2 < input.length ? hexValue(input[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        keep = n;
        i += 2;
        continue;
      }
      out[n++] = byte;
      keep = n;
    } else if (byte === LF || (byte === CR && input[i + 1] === LF)) {
      n = keep;
      if (byte === CR) {
        if (n < limit) out[n++] = CR;
        i++;
      }
      if (n < limit) out[n++] = LF;
      keep = n;
    } else {
      out[n++] = byte;
      if (byte !== 0x20 && byte !== 0x09) keep = n;
    }
  }
  return out.subarray(0, Math.min(n, limit));
}

/**
 * Encodes text as quoted-printable with `eol` line breaks and soft breaks that keep lines at
 * most 76 characters. Used for the notes and footers we add, never for the sender's content.
 */
export function encodeQuotedPrintable(text: string, eol: string): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    const bytes = Buffer.from(line, 'utf8');
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      const last = i === bytes.length - 1;
      const literal = (byte >= 0x21 && byte <= 0x7e && byte !== EQUALS) || ((byte === 0x20 || byte === 0x09) && !last);
      const token = literal ? String.fromCharCode(byte) : '=' + byte.toString(16).toUpperCase().padStart(2, '0');
      if (current.length + token.length > 75) {
        out.push(current + '=');
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(eol);
}

/** Base64 in lines of 76 characters, for the rare note that must not be readable as a boundary. */
export function encodeBase64Lines(data: Buffer, eol: string): string {
  const text = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines.join(eol);
}
