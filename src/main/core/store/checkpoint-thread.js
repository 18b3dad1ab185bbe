// WAL checkpoints on a worker thread with a connection of its own. A checkpoint copies the WAL's
// pages into the database file and fsyncs both; on the relay's connection that work, and the wait
// for the disk, would stall every SMTP session at the commit that crossed the threshold.
// PASSIVE: it never blocks the writer; what it cannot copy yet, it copies next time.
// Plain JavaScript: it must load in a worker without the TypeScript loader.
// workerData: { file, nativeBinding?, everyMs }. Messages in: 'stop' (closes the connection, then the thread ends).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

// Test-only: PARLEY_TEST_TRACE=1 writes where each checkpoint begins and ends to stderr, synchronously, so that a
// fault run (test/support/kill-run.ts) can kill the process in the middle of one and tell whether it did.
const trace = process.env.PARLEY_TEST_TRACE ? (what) => fs.writeSync(2, `parley-trace: ${what}\n`) : () => {};

const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 1000'); // ms
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

// The WAL starts over only after a checkpoint copied all of it, which under a steady stream of
// commits may not happen: the thread tells the main connection how long the WAL is, and over a
// limit the main connection checkpoints once itself (between its commits, so it completes).
const timer = setInterval(() => {
  try {
    trace('checkpoint-begin');
    const [result] = checkpoint.all();
    trace(`checkpoint-end ${result?.checkpointed ?? 0}`);
    parentPort.postMessage({ walFrames: result?.log ?? 0 });
  } catch (err) {
    // SQLITE_BUSY and the like: the next tick tries again.
    if (err?.code !== 'SQLITE_BUSY' && err?.code !== 'SQLITE_LOCKED')
      parentPort.postMessage({ error: String(err?.message ?? err) });
  }
}, workerData.everyMs);

parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
