// Preloaded into `parley serve` by bench/soak (`node --import bench/lib/soak-probe.mjs …`), so the relay itself needs
// no bench-only code. When PARLEY_SOAK_STATS names a file, the main thread appends one JSON line to it every
// PARLEY_SOAK_INTERVAL_MS (10 s): process.memoryUsage(), and the event-loop delay (perf_hooks.monitorEventLoopDelay,
// 10 ms resolution, in ms beyond that resolution): p99 and max over the last interval, and p99 and max over the run
// since the time (ms since the epoch) the driver writes into `<file>.run-from` (the end of its warm-up).
// Worker threads get the same preload and stay quiet.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.PARLEY_SOAK_STATS;
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
