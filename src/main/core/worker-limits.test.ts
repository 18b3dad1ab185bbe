import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SmarthostTransport } from './relay/transports.js';
import { Store } from './store/store.js';
import { HELPER_THREAD_LIMITS } from './worker-limits.js';

/** The thread behind a helper object (a private field: the limit is only visible on the Worker itself). */
const threadOf = (owner: object, field: string) => (owner as Record<string, Worker | undefined>)[field];

describe('helper threads', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  // Without the cap each thread's young generation grew under a steady relay load and stayed grown: the serve
  // process's resident memory rose by tens of MB per 10 minutes (bench/soak).
  it('run with a small young generation: the blob writer, the WAL checkpointer and the SMTP client', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-limits-'));
    dirs.push(dir);
    const store = new Store(dir);
    await store.blobs.put(Buffer.from('hello\r\n'));
    store.checkpoints.start();
    const transport = new SmarthostTransport('smtp://127.0.0.1:1?starttls=never');
    try {
      const threads = [
        threadOf(store.blobs, 'writer'),
        threadOf(store.checkpoints, 'worker'),
        threadOf(transport, 'worker'),
      ];
      for (const t of threads) {
        expect(t).toBeDefined();
        expect(t!.resourceLimits?.maxYoungGenerationSizeMb).toBe(HELPER_THREAD_LIMITS.maxYoungGenerationSizeMb);
      }
    } finally {
      transport.close();
      await store.checkpoints.stop();
      store.close();
    }
  });
});
