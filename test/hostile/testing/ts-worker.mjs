// A worker thread that runs a TypeScript module (workerData.entry) through tsx, as `node --import tsx` does for the
// main thread: a test or a bench can then watch it from outside and end it when it hangs.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
