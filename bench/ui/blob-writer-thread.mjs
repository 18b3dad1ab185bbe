// bench/ui's blob writer: writes the generated raw messages (content-addressed files) on its
// own thread while the main thread fills SQLite, so the two overlap. Plain JavaScript: a worker
// loads without the TypeScript loader. Messages: { files: [[path, Uint8Array], …] } → 'ok' when
// written, or { error } on failure.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

const dirs = new Set();
parentPort.on('message', ({ files }) => {
  try {
    for (const [file, bytes] of files) {
      const dir = path.dirname(file);
      if (!dirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        dirs.add(dir);
      }
      fs.writeFileSync(file, bytes);
    }
    parentPort.postMessage('ok');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.stack ? err.stack : err) });
  }
});
