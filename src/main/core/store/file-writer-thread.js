// Durable file writes for the blob store, on a worker thread: synchronous open/write/fdatasync/
// rename here cost the main event loop one message each way instead of a dozen promise hops.
// Plain JavaScript: it must load in a worker without the TypeScript loader.
// In: { id, op: 'put', file, tmp, data }. Out: { id, ok, message? }.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

function put(file, tmp, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(tmp, 'wx');
  try {
    fs.writeSync(fd, data);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

parentPort.on('message', (msg) => {
  try {
    put(msg.file, msg.tmp, msg.data);
    parentPort.postMessage({ id: msg.id, ok: true });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, ok: false, message: String(err?.message ?? err) });
  }
});
