import { createHash } from 'node:crypto';
import { SMTPStream } from 'smtp-server/lib/smtp-stream.js';

/**
 * smtp-server's DATA reader, rewritten for speed with the same output. The library's SMTPStream._feedDataStream
 * (smtp-server 3.21.6) walks every byte of a message in JavaScript looking for a dot at a line start, and for each
 * chunk after the first joins the 4 bytes it kept back with the whole chunk (a copy of every byte). This one finds
 * the line-start dots with Buffer.indexOf("\n.") and looks at the kept bytes and the new chunk side by side (a
 * virtual buffer: kept bytes first, then the chunk), so the message's bytes are neither walked nor copied.
 *
 * Everything else is the library's, and so is the outcome, byte for byte (data-stream.test.ts feeds the same random
 * messages in random chunkings through both):
 * - the stream is read as the library reads it: at the start of DATA a leading ".\r\n" ends the message and a
 *   leading ".." loses its first dot; after that, a dot at position 2 or later right after a LF ends the message when
 *   it is "\r\n.\r\n" and is dropped when another dot follows it. The start rules apply until a payload byte is
 *   consumed (_atDataStart), never after: a first line ".." that arrives alone is content, not a terminator
 *   (the library's guard against commands smuggled in by TCP segmentation);
 * - the last 4 bytes of the input seen are kept back (_lastBytes) until the next chunk shows whether they end the
 *   message, the byte count (_countDataBytes, hence size limits) is the library's, the end goes through the library's
 *   _endDataMode with the bytes after the terminator, and a chunk's last write waits for 'drain' (or 'close').
 *  */

const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;
const LF_DOT = Buffer.from('\n.');
/** Below this many bytes a new chunk is simply joined to the kept bytes, as the library does. */
const JOIN_BELOW = 16;

type Done = (err?: Error | null) => void;
type Feed = (this: SMTPStream, chunk: Buffer, done: Done) => void;

/** The library's own method, before installDataReader() replaces it (the reference the tests compare against). */
export const libraryFeedDataStream: Feed = SMTPStream.prototype._feedDataStream;

/**
 * sha256 of the source of the library's SMTPStream class in its ESM build (smtp-server 3.21.6: _feedDataStream, the
 * state and methods it uses). When an update changes it, data-stream.test.ts fails: compare this module with the new
 * class.
 */
export const MIRRORED_CLASS_SHA256 = '448a713e7d6e85aa3c269f0fb35f8ae1dcdf857660c229571143294e626ead51';

export function libraryClassSha256(): string {
  return createHash('sha256').update(SMTPStream.toString()).digest('hex');
}

export function feedDataStream(this: SMTPStream, input: Buffer, done: Done): void {
  // only called in data mode, which always has a stream
  const dataStream = this._dataStream!;
  let kept: Buffer | null = this._lastBytes && this._lastBytes.length ? this._lastBytes : null;
  let chunk = input;
  this._lastBytes = false;
  if (kept && chunk.length < JOIN_BELOW) {
    chunk = Buffer.concat([kept, chunk]);
    kept = null;
  }
  const k = kept ? kept.length : 0;
  const len = chunk.length;
  const total = k + len;
  // Positions below are in the virtual buffer: `kept`, then `chunk`.
  const at = (p: number): number => (p < k ? kept![p] : chunk[p - k]);
  const from = (p: number): Buffer =>
    p >= k ? chunk.subarray(p - k) : Buffer.concat([kept!.subarray(p), chunk], total - p);
  /** Writes [start, end) if the stream takes it, as one or two views; returns the last write's answer. */
  const write = (start: number, end: number): boolean => {
    let handled = true;
    if (start < k && dataStream.writable) handled = dataStream.write(kept!.subarray(start, Math.min(end, k)));
    if (end > k && dataStream.writable) handled = dataStream.write(chunk.subarray(Math.max(start, k) - k, end - k));
    return handled;
  };

  let start = 0;
  if (this._atDataStart) {
    if (total >= 3 && at(0) === DOT && at(1) === CR && at(2) === LF) {
      this._endDataMode(false, from(3), done);
      return;
    }
    if (total >= 2 && at(0) === DOT && at(1) === DOT) {
      // the escape dot is consumed payload, so the leading dot from now on is content and never a terminator
      start = 1;
      this._atDataStart = false;
    }
  }

  /** A dot at p after a LF: the end of the message, an escape dot, or content (false: read on). */
  const lineStartDot = (p: number): boolean => {
    if (at(p - 2) === CR && at(p + 1) === CR && at(p + 2) === LF) {
      // everything before the terminator is message content, the CRLF that ends the last line included
      this._countDataBytes(p - start);
      if (start < k) write(start, Math.min(p, k));
      this._endDataMode(p > k ? chunk.subarray(Math.max(start, k) - k, p - k) : false, chunk.subarray(p + 3 - k), done);
      return true;
    }
    if (at(p + 1) !== DOT) return false;
    // emit what came before and go on without the dot; like the library, this write does not wait for 'drain', and
    // the rest is read in a later turn of the event loop (smtp-server's continue() relies on a message not ending
    // within the call that started reading it)
    this._countDataBytes(p - start);
    write(start, p);
    let rest = chunk;
    if (p + 1 < k) this._lastBytes = kept!.subarray(p + 1);
    else rest = chunk.subarray(p + 1 - k);
    setImmediate(() => this._feedDataStream(rest, done));
    return true;
  };

  // Dots at the seam: the LF before them in the kept bytes or the chunk's first byte. Only positions from 2 on are
  // looked at (as in the library), and only those with 2 bytes after them.
  const seamEnd = Math.min(k + 1, total - 3);
  for (let p = Math.max(2, start + 1); p <= seamEnd; p++) {
    if (at(p) === DOT && at(p - 1) === LF && lineStartDot(p)) return;
  }
  // Dots inside the chunk: the LF at chunk index 1 or later, the dot at most 3 bytes before the chunk's end.
  for (let q = chunk.indexOf(LF_DOT, 1); q !== -1 && q <= len - 4; q = chunk.indexOf(LF_DOT, q + 2)) {
    if (lineStartDot(k + q + 1)) return;
  }

  // keep the last bytes (4, or what is left if less) for the next chunk, emit the rest
  const keepFrom = Math.max(start, total - 4);
  this._lastBytes = from(keepFrom);
  if (keepFrom <= start) return done();
  this._countDataBytes(keepFrom - start);
  if (!dataStream.writable) return done();
  // write to stream but stop if need to wait for drain
  if (write(start, keepFrom) || dataStream.destroyed) return done();
  // a stream that the application destroys never drains, it only closes
  const onDrain = (): void => {
    dataStream.removeListener('drain', onDrain);
    dataStream.removeListener('close', onDrain);
    done();
  };
  dataStream.once('drain', onDrain);
  dataStream.once('close', onDrain);
}

/**
 * Puts feedDataStream in place of the library's method, once for the process (every SMTPServer shares the class).
 * Only when the library's method is still there with the shape this module mirrors: otherwise the library's stays.
 */
export function installDataReader(): boolean {
  const proto = SMTPStream.prototype;
  if (proto._feedDataStream === feedDataStream) return true;
  const shaped =
    typeof libraryFeedDataStream === 'function' &&
    libraryFeedDataStream.length === 2 &&
    typeof proto._endDataMode === 'function' &&
    typeof proto._countDataBytes === 'function';
  if (!shaped) return false;
  proto._feedDataStream = feedDataStream;
  return true;
}
