// Preloaded into `parley serve` by bench/soak (`node --import bench/lib/soak-probe.mjs …`), so the relay itself needs
// no bench-only code. When PARLEY_SOAK_STATS names a file, the main thread appends one JSON line to it every
// PARLEY_SOAK_INTERVAL_MS (10 s): process.memoryUsage(), and the event-loop delay (perf_hooks.monitorEventLoopDelay,
// 10 ms resolution, in ms beyond that resolution): p99 and max over the last interval, and p99 and max over the run
// since the time (ms since the epoch) the driver writes into `<file>.run-from` (the end of its warm-up).
// The main thread's line also carries the process's memory by kind from /proc/self/status (RssAnon: malloc'd and
// other private memory; RssFile: mapped files; RssShmem; VmData; Threads) and /proc/self/smaps_rollup (Private_Dirty,
// Shared_Clean, …), in bytes, so anonymous (allocator) growth tells itself from file-mapped growth at once.
// Worker threads get the same preload; each appends its own V8 heap (v8.getHeapStatistics(): process.memoryUsage()
// in the main thread counts only the main isolate) to `<file>.threads.jsonl` at the same interval.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { isMainThread, threadId } from 'node:worker_threads';

const STATUS_FIELDS = ['VmRSS', 'RssAnon', 'RssFile', 'RssShmem', 'VmData', 'VmSize', 'Threads'];
/** Selected /proc/self/status and smaps_rollup fields; sizes in bytes, Threads as a count. */
function procMemory() {
  const out = {};
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    for (const k of STATUS_FIELDS) {
      const m = new RegExp(`^${k}:\\s+(\\d+)( kB)?`, 'm').exec(status);
      if (m) out[k] = Number(m[1]) * (m[2] ? 1024 : 1);
    }
  } catch {
    /* not Linux */
  }
  try {
    const roll = fs.readFileSync('/proc/self/smaps_rollup', 'utf8');
    for (const m of roll.matchAll(/^(\w+):\s+(\d+) kB/gm)) out[`smaps_${m[1]}`] = Number(m[2]) * 1024;
  } catch {
    /* older kernels */
  }
  return out;
}

const file = process.env.PARLEY_SOAK_STATS;

// Experiment only: SOAK_WORKER_YOUNG_MB=N starts every worker thread with resourceLimits.maxYoungGenerationSizeMb = N
// unless the product sets one itself, to tell a worker's young generation growing from a leak without a rebuild.
const youngMb = Number(process.env.SOAK_WORKER_YOUNG_MB) || 0;
if (youngMb > 0 && isMainThread) {
  const wt = createRequire(import.meta.url)('node:worker_threads');
  const Base = wt.Worker;
  wt.Worker = class extends Base {
    constructor(what, opts = {}) {
      super(what, { ...opts, resourceLimits: { maxYoungGenerationSizeMb: youngMb, ...opts.resourceLimits } });
    }
  };
  syncBuiltinESMExports();
}
if (file && isMainThread) {
  const every = Number(process.env.PARLEY_SOAK_INTERVAL_MS) || 10_000;
  const RESOLUTION_MS = 10;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  // A second monitor for the run after the warm-up, started then and never reset (Node 20 cannot add an interval
  // histogram into another).
  const run = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let runFrom = null;
  // The histogram records the timer's whole period in ns; its floor is the resolution, which is not a delay.
  const ms = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  const sample = () => {
    if (runFrom === null) {
      try {
        runFrom = Number(fs.readFileSync(`${file}.run-from`, 'utf8')) || null;
      } catch {
        /* not yet */
      }
    }
    if (runFrom !== null && Date.now() >= runFrom && !run.started) {
      run.enable();
      run.started = true;
    }
    const m = process.memoryUsage();
    const line = {
      t: Date.now(),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      intervalP99Ms: delay.count ? ms(delay.percentile(99)) : 0,
      intervalMaxMs: delay.count ? ms(delay.max) : 0,
      intervalMinMs: delay.count ? delay.min / 1e6 : 0,
      runP99Ms: run.count ? ms(run.percentile(99)) : null,
      runMaxMs: run.count ? ms(run.max) : null,
      handles: process.getActiveResourcesInfo?.().length ?? null,
      ...procMemory(),
    };
    delay.reset();
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  // A probe that fails must not take the relay down with it: one line on stderr, then it stops.
  const timer = setInterval(() => {
    try {
      sample();
    } catch (err) {
      clearInterval(timer);
      process.stderr.write(`soak probe stopped: ${err.stack ?? err}\n`);
    }
  }, every);
  timer.unref();
}

/** The limit this worker was started with (resourceLimits), in MB; null when the default. */
function workerYoungLimit() {
  try {
    return createRequire(import.meta.url)('node:worker_threads').resourceLimits?.maxYoungGenerationSizeMb ?? null;
  } catch {
    return null;
  }
}

if (file && !isMainThread) {
  const every = Number(process.env.PARLEY_SOAK_INTERVAL_MS) || 10_000;
  const timer = setInterval(() => {
    try {
      const h = v8.getHeapStatistics();
      const line = {
        t: Date.now(),
        threadId,
        heapUsed: h.used_heap_size,
        heapTotal: h.total_heap_size,
        external: h.external_memory,
        malloced: h.malloced_memory,
        spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((x) => [x.space_name, x.space_size])),
        youngMax: workerYoungLimit(),
      };
      fs.appendFileSync(`${file}.threads.jsonl`, `${JSON.stringify(line)}\n`);
    } catch (err) {
      clearInterval(timer);
      process.stderr.write(`soak probe (thread ${threadId}) stopped: ${err.stack ?? err}\n`);
    }
  }, every);
  timer.unref();
}
