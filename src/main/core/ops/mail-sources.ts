/**
 * Where the history import reads mail from: an mbox file (read in chunks, never whole: a mailbox may be gigabytes)
 * or a Maildir (cur/ and new/). Each message comes with the position to go on from after it, which the import keeps
 * in the store with the batch it belongs to.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SourceMessage {
  raw: Buffer;
  /** Where the next message starts: the mbox's byte offset, the Maildir's file index. */
  next: number;
}

export interface MailSource {
  /** How many messages the source holds (the progress bar's end). */
  total: number;
  /** The messages from `position` on. */
  read(position: number): Iterable<SourceMessage>;
}

const CHUNK_BYTES = 4 * 1024 * 1024; // read size: large enough that a 10,000-message mbox takes a few reads
const FROM_LINE = Buffer.from('From ');

/** Offsets of every "From " line that starts a message (from `from` on): the file's start or after an empty line. */
function* separators(fd: number, from: number): Generator<number> {
  const size = fs.fstatSync(fd).size;
  let base = Math.max(0, from - 3); // the file offset of buf[0]: three bytes back, to see the empty line before `from`
  let buf = readAt(fd, base, Math.min(CHUNK_BYTES, size - base));
  let last = -1;
  for (;;) {
    for (let i = buf.indexOf(FROM_LINE); i !== -1; i = buf.indexOf(FROM_LINE, i + 1)) {
      const at = base + i;
      if (at < from || at <= last) continue;
      const lf = (k: number) => k >= 0 && buf[k] === 0x0a;
      const blank = lf(i - 1) && (lf(i - 2) || (buf[i - 2] === 0x0d && lf(i - 3)));
      if (at === 0 || at === from || blank) yield (last = at);
    }
    const end = base + buf.length;
    if (end >= size) return;
    // Keep the last 7 bytes: a "From " cut by the read, and the empty line before it, are seen in the next round.
    const keep = Math.min(7, buf.length);
    const next = readAt(fd, end, Math.min(CHUNK_BYTES, size - end));
    buf = Buffer.concat([buf.subarray(buf.length - keep), next]);
    base = end - keep;
  }
}

function readAt(fd: number, at: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, at);
  return buf.subarray(0, n);
}

/** mboxrd: a body line ">From " (any number of '>') was escaped by one '>' when written; take it off again. */
export function unescapeMboxrd(body: Buffer): Buffer {
  if (body.indexOf('>From ') === -1) return body;
  const lines = body.toString('latin1').split('\n');
  const out = lines.map((l) => (/^>+From /.test(l) ? l.slice(1) : l));
  return Buffer.from(out.join('\n'), 'latin1');
}

/** The message between one separator line and the next, without the separator and the blank line before the next. */
function messageBytes(fd: number, start: number, end: number): Buffer {
  // Between messages an mbox has an empty line: the message ends at the line break before it.
  const bytes = readAt(fd, start, end - start);
  const eol = bytes.indexOf(0x0a);
  let body = eol === -1 ? Buffer.alloc(0) : bytes.subarray(eol + 1);
  if (body.length > 0 && body[body.length - 1] === 0x0a) body = body.subarray(0, body.length - 1);
  if (body.length > 0 && body[body.length - 1] === 0x0d) body = body.subarray(0, body.length - 1);
  return unescapeMboxrd(body);
}

/** Whether a file starts like an mbox ("From " and the envelope sender), checked before an import starts. */
export function isMbox(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    return readAt(fd, 0, 5).equals(FROM_LINE);
  } finally {
    fs.closeSync(fd);
  }
}

export function mboxSource(file: string): MailSource {
  const fd = fs.openSync(file, 'r');
  let total = 0;
  const all = separators(fd, 0);
  while (!all.next().done) total++;
  fs.closeSync(fd);
  return {
    total,
    *read(position: number) {
      const fd = fs.openSync(file, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        let start: number | undefined;
        for (const at of separators(fd, position)) {
          if (start !== undefined) yield { raw: messageBytes(fd, start, at), next: at };
          start = at;
        }
        if (start !== undefined) yield { raw: messageBytes(fd, start, size), next: size };
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/** Every message file of a Maildir (cur/ and new/, not tmp/, where a delivery is still being written), by name. */
export function maildirSource(dir: string): MailSource {
  const files = ['cur', 'new'].flatMap((sub) => {
    const at = path.join(dir, sub);
    if (!fs.existsSync(at)) return [];
    return fs
      .readdirSync(at, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => path.join(at, e.name));
  });
  files.sort();
  return {
    total: files.length,
    *read(position: number) {
      for (let i = position; i < files.length; i++) yield { raw: fs.readFileSync(files[i]), next: i + 1 };
    },
  };
}

/** Whether a folder looks like a Maildir (the import's check before it starts). */
export function isMaildir(dir: string): boolean {
  return ['cur', 'new'].some((sub) => fs.existsSync(path.join(dir, sub)));
}
