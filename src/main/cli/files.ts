/**
 * Every file a user names on the command line is read here: a missing file, a directory, a device
 * (`/dev/zero` would read without end), a FIFO (opening one waits for a writer) or a file over the
 * size limit is refused with one line, "parley: --attach x.pdf: is a directory", and exit code 2 like
 * every other unusable argument — the command has done nothing yet, so there is nothing to undo.
 */
import fs from 'node:fs';
import { UsageError } from './args.js';

const MB = 1024 * 1024;

/**
 * Bytes. An attachment may be as large as the whole message the relay accepts (the relay's
 * `DEFAULT_LIMITS.maxMessageBytes`; importing it would load the SMTP stack into `parley send`), so
 * one between 10 MB and this is still read and the policy removes it with its reason (R15).
 */
export const ATTACHMENT_LIMIT = 25 * MB;
/** Bytes: a message body is text a seller writes; 1 MB is hundreds of pages. */
export const BODY_LIMIT = 1 * MB;
/** Bytes: an order report is held in memory whole by the import; 200 MB is about a million orders. */
export const ORDER_REPORT_LIMIT = 200 * MB;
/**
 * Bytes: `verify --export` holds the zip in memory whole to check it. One conversation's record (R21), even hundreds
 * of messages with 10 MB attachments, stays far below; a larger file is not an export of ours.
 */
export const EXPORT_ZIP_LIMIT = 1024 * MB;

// Opening a FIFO that slipped past the stat (a race) must not wait for a writer.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function refusal(what: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UsageError(`${what}: no such file`);
  if (code === 'EISDIR') return new UsageError(`${what}: is a directory`);
  if (code === 'EACCES' || code === 'EPERM') return new UsageError(`${what}: permission denied`);
  return new UsageError(`${what}: cannot read it (${code ?? (err as Error).message})`);
}

function checkStat(stat: fs.Stats, what: string, limit: number): void {
  if (stat.isDirectory()) throw new UsageError(`${what}: is a directory`);
  if (!stat.isFile()) throw new UsageError(`${what}: is not a regular file`);
  if (stat.size > limit) throw tooLarge(what, stat.size, limit);
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;
const tooLarge = (what: string, size: number | null, limit: number) =>
  new UsageError(`${what}: is ${size === null ? '' : `${megabytes(size)}, `}more than the ${megabytes(limit)} allowed`);

/**
 * The whole of the regular file at `file`, at most `limit` bytes; `label` names where it came from
 * in the refusal ("--body-file", "the order report").
 */
export function readUserFile(label: string, file: string, limit: number): Buffer {
  const what = `${label} ${file}`;
  let fd: number;
  try {
    checkStat(fs.statSync(file), what, limit);
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (err) {
    throw err instanceof UsageError ? err : refusal(what, err);
  }
  try {
    checkStat(fs.fstatSync(fd), what, limit);
    // Read to the end, not to the stat's size: the file may grow while we read it.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - total, MB) || 1);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(what, null, limit);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    throw err instanceof UsageError ? err : refusal(what, err);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * For a path the core reads itself (an export to verify): a directory, or a regular file; a missing
 * path or a device is refused here the same way.
 */
export function checkUserPath(label: string, file: string): void {
  const what = `${label} ${file}`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw refusal(what, err);
  }
  if (!stat.isDirectory() && !stat.isFile()) throw new UsageError(`${what}: is not a regular file`);
}

/** Standard input (`--body-file -`), at most `limit` bytes. */
export async function readStdin(label: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      process.stdin.destroy();
      throw tooLarge(`${label} -`, null, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
