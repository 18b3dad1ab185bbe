/** A message's DATA as one buffer, read up to the listener's size limit. */
import type { SMTPServerDataStream } from 'smtp-server';
import { ParleyError } from '../errors.js';

/** Reads DATA up to the limit; a larger message is drained and refused (552), never buffered whole. */
export async function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer> {
  const raw = await readLimited(stream, limit);
  if (!raw) throw tooLarge(limit);
  return raw;
}

function readLimited(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    stream.on('error', reject);
    // A message that came in one piece is that piece (a view of the socket's read, which nothing else writes to).
    stream.on('end', () => resolve(size > limit || stream.sizeExceeded ? null : collected(chunks, size)));
  });
}

// Bytes: a message at least this large is collected in shared memory. The blob writer thread then reads it where it
// is: handing it over otherwise copies it (~0.15 ms of the event loop for 200 KB), while collecting it costs one
// memcpy. Smaller ones go as they are (a copy of a few KB costs less than the shared allocation).
const SHARED_FROM = 32 * 1024;

/** The message as one buffer. Nothing writes to it after this: every later step reads it or copies from it. */
function collected(chunks: Buffer[], size: number): Buffer {
  if (size < SHARED_FROM) return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
  const out = Buffer.from(new SharedArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(out, at);
  return out;
}

function tooLarge(limit: number): ParleyError {
  return new ParleyError(
    'ETOOLARGE',
    `5.3.4 Message too big: this relay accepts at most ${Math.floor(limit / 1024 / 1024)} MB per message (attachments at most 10 MB each, R15)`,
    552,
  );
}
