import { SMTPStream } from 'smtp-server/lib/smtp-stream.js';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../../test/support/prng.js';
import {
  feedDataStream,
  installDataReader,
  libraryClassSha256,
  libraryFeedDataStream,
  MIRRORED_CLASS_SHA256,
} from './data-stream.js';

type Feed = typeof feedDataStream;

interface Session {
  /** Each message's bytes as the data stream gave them, with its byteLength and sizeExceeded at the end. */
  messages: { bytes: string; byteLength: number; sizeExceeded: boolean }[];
  /** The command lines read, in order (what follows each terminator). */
  commands: string[];
}

/** Resolves once the stream has taken every chunk written so far (a client waiting for the 354 after DATA). */
async function settled(stream: SMTPStream): Promise<void> {
  for (let turns = 0; stream.writableLength > 0; turns++) {
    if (turns > 10_000) throw new Error('the stream does not take its input');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `groups` of chunks through an SMTPStream whose DATA reader is `feed`, as smtp-server's connection drives it:
 * "DATA" switches to data mode, the message is read to its end, then continue() and the bytes after the terminator
 * are read as commands again. Each group is written once the one before it is taken, as a client sends a message only
 * after the 354 to its DATA. `slow` pauses the reader now and then, so that writes wait for 'drain'.
 */
async function run(feed: Feed, groups: Buffer[][], maxBytes: number, slow: () => boolean): Promise<Session> {
  const stream = new SMTPStream();
  stream._feedDataStream = feed;
  const session: Session = { messages: [], commands: [] };
  stream.oncommand = (command, callback) => {
    const line = command.toString('binary');
    session.commands.push(line);
    if (line === 'DATA') {
      const data = stream.startDataMode(maxBytes);
      const parts: Buffer[] = [];
      data.on('data', (c: Buffer) => {
        parts.push(Buffer.from(c));
        if (slow()) {
          data.pause();
          setImmediate(() => data.resume());
        }
      });
      data.on('end', () => {
        session.messages.push({
          bytes: Buffer.concat(parts).toString('binary'),
          byteLength: data.byteLength,
          sizeExceeded: data.sizeExceeded,
        });
        stream.continue();
      });
    }
    callback?.();
  };
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const chunks of groups) {
    await settled(stream);
    for (const c of chunks) stream.write(c);
  }
  stream.end();
  await finished;
  return session;
}

/** Lines heavy in what matters: dots at line starts, "..", CR and LF alone, "\r\n.\r\n" inside a stuffed body. */
function randomBody(rand: () => number): string {
  const pieces = ['.', '..', '...', '\r\n', '\n', '\r', 'A', 'line of text', ' ', '\r\n.\r\n', '.\r\n', '\n.', '\r\n.'];
  // now and then a long line: more than the data stream buffers (16 KB), so that writes wait for 'drain'
  if (rand() < 0.1) pieces.push(`${'x'.repeat(98)}\r\n`.repeat(200));
  let body = '';
  const n = Math.floor(rand() * 120);
  for (let i = 0; i < n; i++) body += pieces[Math.floor(rand() * pieces.length)];
  return body;
}

/** Dot-stuffed as a client sends it: a dot at a line start (after LF, or at the start) doubled. */
const stuff = (body: string) => body.replace(/(^|\n)\./g, '$1..');

/** Random cuts: often a few bytes (the seams), sometimes larger pieces, now and then one like a socket's read. */
function chunkings(input: Buffer, rand: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < input.length;) {
    const r = rand();
    const size = 1 + Math.floor(rand() * (r < 0.5 ? 6 : r < 0.95 ? 400 : 65_536));
    chunks.push(input.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe("the DATA reader in place of smtp-server's", () => {
  it('mirrors the smtp-server it was written against (a changed SMTPStream fails here: compare data-stream.ts)', () => {
    expect(libraryClassSha256()).toBe(MIRRORED_CLASS_SHA256);
    expect(libraryFeedDataStream).not.toBe(feedDataStream);
    expect(installDataReader()).toBe(true);
    expect(SMTPStream.prototype._feedDataStream).toBe(feedDataStream);
    expect(installDataReader()).toBe(true);
  });

  it('gives the same messages, byte counts, size verdicts and following commands for random input in random chunks', async () => {
    for (let seed = 1; seed <= 600; seed++) {
      const rand = prng(seed);
      // stuffed bodies with their terminator, and raw random bytes read as they come (terminator or not)
      const first = rand() < 0.7 ? stuff(randomBody(rand)) + '\r\n.\r\n' : randomBody(rand);
      const second = stuff(randomBody(rand)) + '\r\n.\r\n';
      const inputs = [`DATA\r\n${first}NOOP\r\nDATA\r\n`, `${second}QUIT\r\n.\r\nRSET\r\n`].map((t) =>
        Buffer.from(t, 'binary'),
      );
      const maxBytes = rand() < 0.3 ? Math.floor(rand() * 200) : 0;
      const cutSeed = Math.floor(rand() * 1e9);
      const slowSeed = Math.floor(rand() * 1e9);
      const slowly = (s: number) => {
        const r = prng(s);
        return () => r() < 0.2;
      };
      const cuts = (cutRand: () => number) => inputs.map((input) => chunkings(input, cutRand));
      const ours = await run(feedDataStream, cuts(prng(cutSeed)), maxBytes, slowly(slowSeed));
      const library = await run(libraryFeedDataStream, cuts(prng(cutSeed)), maxBytes, slowly(slowSeed));
      expect(ours, `seed ${seed}`).toEqual(library);
      // and a third chunking for ours alone: the outcome does not depend on where the cuts fall
      const other = await run(feedDataStream, cuts(prng(cutSeed + 1)), maxBytes, () => false);
      expect(other, `seed ${seed}, other cuts`).toEqual(library);
    }
  });

  it('unescapes a stuffed body exactly and ends at its terminator, in one chunk and in many', async () => {
    const body = '.first line starts with a dot\r\n..two\r\n\r\n.\r\nmiddle\r\n.\r\nend';
    const input = Buffer.from(`DATA\r\n${stuff(body)}\r\n.\r\nQUIT\r\n`, 'binary');
    for (const chunks of [[input], [...input].map((b) => Buffer.from([b]))]) {
      const s = await run(feedDataStream, [chunks], 0, () => false);
      expect(s.messages.map((m) => m.bytes)).toEqual([`${body}\r\n`]);
      expect(s.commands).toEqual(['DATA', 'QUIT']);
    }
  });

  it('holds the input back while the message reader does not read, and goes on once it does', async () => {
    const stream = new SMTPStream();
    stream._feedDataStream = feedDataStream;
    const line = `${'y'.repeat(78)}\r\n`;
    const body = line.repeat(2600); // about 200 KB, in socket-sized reads
    let data: ReturnType<SMTPStream['startDataMode']> | undefined;
    stream.oncommand = (command, callback) => {
      if (command.toString() === 'DATA') data = stream.startDataMode();
      callback?.();
    };
    const input = Buffer.from(`DATA\r\n${body}\r\n.\r\n`);
    for (let at = 0; at < input.length; at += 65_536) stream.write(input.subarray(at, at + 65_536));
    // the reader is not reading yet: the parser waits for 'drain' with most of the input still unread
    for (let turns = 0; !data || data.listenerCount('drain') === 0; turns++) {
      expect(turns, 'waiting for drain').toBeLessThan(10_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(data.readableLength).toBeLessThan(input.length / 2);
    expect(stream.writableLength).toBeGreaterThan(0);
    const parts: Buffer[] = [];
    data.on('data', (c: Buffer) => parts.push(c));
    await new Promise((resolve) => data!.on('end', resolve));
    expect(Buffer.concat(parts).toString()).toBe(`${body}\r\n`);
  });

  it('takes a first line ".." that arrives alone as content, not as the end (no commands smuggled in)', async () => {
    const chunks = ['DATA\r\n', '..', '\r\nMAIL FROM:<x@y>\r\n', '.\r\n'].map((s) => Buffer.from(s));
    const s = await run(feedDataStream, [chunks], 0, () => false);
    expect(s.messages.map((m) => m.bytes)).toEqual(['.\r\nMAIL FROM:<x@y>\r\n']);
    expect(s.commands).toEqual(['DATA']);
  });
});
