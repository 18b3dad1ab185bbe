// Durable file writes for the blob store, on one worker thread, in batches: the puts that queue
// while a batch runs form the next one. A batch writes all its files, then syncs them, then syncs
// their directories. The first sync commits the file system's journal for every file of the batch
// at once, so a batch costs about one journal commit instead of one or two per file. The syncs of a
// batch run at the same time on libuv's thread pool: each still waits for its own file, but the
// device's cache flushes they ask for merge, so 250 files cost a few flushes instead of 250 in a row.
//
// A new blob is written under its final name: no row can point at it before the batch is durable,
// and a file a crash left short is found by its content (below) and replaced through a rename.
// Plain JavaScript: it must load in a worker without the TypeScript loader.
// The blob's name is the sha256 of its bytes, computed here rather than on the thread that hands them over.
// In: { id, root, data }. Out, once the batch is durable: [{ id, ok, sha256?, message? }, …].
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

// Readable by the owner only, like the whole store (private-file.ts); the umask can only take bits away.
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

// Test-only: PARLEY_TEST_TRACE=1 writes where each batch begins and ends to stderr, synchronously, and
// PARLEY_TEST_BLOB_PAUSE_MS holds each batch that long between its writes and its syncs, so that a fault run
// (test/support/kill-run.ts) can kill the process in the middle of a batch and tell whether it did.
const trace = process.env.PARLEY_TEST_TRACE ? (what) => fs.writeSync(2, `parley-trace: ${what}\n`) : () => {};
const pauseMs = Number(process.env.PARLEY_TEST_BLOB_PAUSE_MS) || 0;

let pending = [];
let scheduled = false;
let tmpCounter = 0;
const madeDirs = new Set();

function ensureDir(dir) {
  if (madeDirs.has(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  madeDirs.add(dir);
}

/** Makes a directory's entries durable. Windows cannot open a directory; NTFS journals names itself. */
async function syncDir(dir) {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fdatasync on the thread pool. */
const datasync = (fd) => new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));

/** Opens and writes one blob; returns the descriptor to sync and the temporary name to rename, if any. */
function start(item, dirs) {
  const dir = path.dirname(item.file);
  ensureDir(dir);
  let fd;
  let tmp = null;
  try {
    fd = fs.openSync(item.file, 'wx', FILE_MODE);
  } catch (err) {
    if (err?.code !== 'EEXIST') throw err;
    // Content-addressed: a file of that name holding exactly these bytes is this blob (synced
    // again below, it may be one a crash caught before its sync). Anything else there, such as
    // a write a crash cut short, is replaced whole.
    // r+: Windows syncs only a writable handle
    if (fs.readFileSync(item.file).equals(item.data)) return { fd: fs.openSync(item.file, 'r+'), tmp };
    tmp = `${item.file}.${process.pid}.${++tmpCounter}.tmp`;
    fd = fs.openSync(tmp, 'wx', FILE_MODE);
  }
  dirs.add(dir);
  try {
    // A nearly full disk takes part of a write without an error; the next write says ENOSPC.
    for (let done = 0; done < item.data.length;) done += fs.writeSync(fd, item.data, done);
  } catch (err) {
    fs.closeSync(fd);
    // Ours and short: no row names it yet, and a short file would only be replaced later.
    fs.rmSync(tmp ?? item.file, { force: true });
    throw err;
  }
  return { fd, tmp };
}

/** What the main thread needs of an error: its words, and its code (ENOSPC is answered differently). */
function failure(id, err) {
  return { id, ok: false, message: String(err?.message ?? err), code: err?.code };
}

async function writeBatch(batch) {
  const dirs = new Set();
  const files = [];
  const results = [];
  trace(`blob-batch-begin ${batch.length}`);
  for (const item of batch) {
    try {
      files.push({ item, ...start(item, dirs), error: null });
    } catch (err) {
      results.push(failure(item.id, err));
    }
  }
  if (pauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
  // The names must survive a power cut too, before any row may point at them. A file made under its final name has
  // its directory entry already: that directory syncs beside the file's data, one wait for the disk instead of two.
  // A directory where a damaged file is replaced syncs after the rename.
  let dirError = null;
  const syncDirs = (list) =>
    Promise.all(
      [...list].map((dir) =>
        syncDir(dir).catch((err) => {
          dirError ??= err;
        }),
      ),
    );
  const renamed = new Set(files.filter((f) => f.tmp).map((f) => path.dirname(f.item.file)));
  await Promise.all([
    ...files.map(async (f) => {
      try {
        await datasync(f.fd);
        if (f.tmp) fs.renameSync(f.tmp, f.item.file);
      } catch (err) {
        f.error = err;
      } finally {
        fs.closeSync(f.fd);
      }
    }),
    syncDirs([...dirs].filter((dir) => !renamed.has(dir))),
  ]);
  await syncDirs(renamed);
  trace('blob-batch-end');
  for (const f of files) {
    const error = f.error ?? dirError;
    results.push(error ? failure(f.item.id, error) : { id: f.item.id, ok: true, sha256: f.item.sha256 });
  }
  return results;
}

// One batch at a time: the puts that come while one syncs wait for the next.
async function flush() {
  while (pending.length > 0) {
    const batch = pending;
    pending = [];
    parentPort.postMessage(await writeBatch(batch));
  }
  scheduled = false;
}

/** Where a blob lives: `<root>/ab/abcdef…` (blobs.ts pathOf). */
function named(message) {
  const sha256 = crypto.createHash('sha256').update(message.data).digest('hex');
  return { ...message, sha256, file: path.join(message.root, sha256.slice(0, 2), sha256) };
}

parentPort.on('message', (message) => {
  pending.push(named(message));
  if (!scheduled) {
    scheduled = true;
    setImmediate(() => void flush());
  }
});
