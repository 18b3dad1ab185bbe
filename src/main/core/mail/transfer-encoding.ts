/**
 * Content-Transfer-Encoding codecs that work on bytes. Our own rather than Buffer.from(…,
 * 'base64') because we need a size without decoding, an early stop for the sniffing head, and
 * the same tolerance in both so that the size we report is the length we would decode. Node's
 * decoder still does the bulk of the work where it provably gives our bytes (decodeBase64Native).
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
  if (nativeDecodes(input, limit)) {
    const decoded = decodeBase64Native(input);
    if (decoded) return decoded;
  }
  return decodeBase64Js(input, limit);
}

/** decodeBase64 in JavaScript only: the reference the native path is tested against. */
export function decodeBase64Js(input: Uint8Array, limit = Infinity): Buffer {
  const out = Buffer.allocUnsafe(Math.min(limit, Math.floor((input.length * 3) / 4) + 3));
  return out.subarray(0, Math.min(decodeBase64Into(input, out, limit), limit));
}

// Below this many characters the JavaScript loop is as quick as the round trip through a string (encoded-words, heads).
const NATIVE_MIN_CHARS = 1024;

/**
 * Whether Node's own decoder gives exactly our bytes: it skips what is outside the alphabet (URL-safe '-' '_' included)
 * as ours does and writes a cut quantum's whole bytes as ours does, but stops at the first '=' where ours only ends the
 * quantum. So: no character of the alphabet after the first '=' (an attachment's body: lines, padding at its end). A
 * limit below the whole length takes our loop, which stops there instead of decoding everything.
 */
export function nativeDecodes(input: Uint8Array, limit: number): boolean {
  if (input.length < NATIVE_MIN_CHARS || limit < Math.floor((input.length * 3) / 4) + 3) return false;
  const firstEquals = bufferOf(input).indexOf(EQUALS);
  if (firstEquals === -1) return true;
  for (let i = firstEquals + 1; i < input.length; i++) if (BASE64_VALUE[input[i]] >= 0) return false;
  return true;
}

// Characters per string handed to Node's decoder: a string of more than 128 KB is a large object of V8's, whose pages
// are mapped and faulted in anew each time (a 270 KB body: 140 µs in the kernel, more than the decoding itself).
const NATIVE_CHUNK_CHARS = 60 * 1024;

/**
 * Node's decoder (C++, about five times our loop's pace), a piece at a time through latin1 strings. A piece that is not
 * the last must end on a whole quantum, or its last characters would be decoded without the next piece's: so a large
 * body is cut after whole lines of the first line's length, when that holds a whole number of quanta (76 characters as
 * everyone writes them). Each line end is checked where it should be, and each piece must give exactly the bytes its
 * lines hold: a character skipped anywhere (garbage, a shorter line) gives fewer bytes, and more cannot be, so a
 * piece is only kept when its cut was on a quantum. Anything else: null, and our loop decodes the whole body.
 */
function decodeBase64Native(input: Uint8Array): Buffer | null {
  const bytes = bufferOf(input);
  const out = Buffer.allocUnsafe(Math.floor((input.length * 3) / 4) + 3);
  let n = 0;
  let at = 0;
  if (bytes.length > NATIVE_CHUNK_CHARS) {
    const line = bytes.indexOf(LF) + 1;
    const eol = line >= 2 && bytes[line - 2] === CR ? 2 : 1;
    const quanta = line - eol;
    if (line === 0 || quanta <= 0 || quanta % 4 !== 0 || line > NATIVE_CHUNK_CHARS) return null;
    const linesPerPiece = Math.floor(NATIVE_CHUNK_CHARS / line);
    const pieceBytes = (linesPerPiece * quanta * 3) / 4;
    for (; at + linesPerPiece * line < bytes.length; at += linesPerPiece * line) {
      for (let end = at + line; end <= at + linesPerPiece * line; end += line)
        if (bytes[end - 1] !== LF || (eol === 2 && bytes[end - 2] !== CR)) return null;
      const written = out.write(bytes.toString('latin1', at, at + linesPerPiece * line), n, out.length - n, 'base64');
      if (written !== pieceBytes) return null;
      n += written;
    }
  }
  n += out.write(bytes.toString('latin1', at, bytes.length), n, out.length - n, 'base64');
  return out.subarray(0, n);
}

function bufferOf(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
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
