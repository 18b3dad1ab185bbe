/* global URLSearchParams -- Node's */
// `parley serve` as a child process: set-up commands, start (until it says it is ready), stop,
// and sampling its memory from /proc while a row runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stopChild, track } from './children.mjs';
import { DOMAIN, HOST, PARLEY, ROOT, SELLER } from './constants.mjs';

/** A one-shot parley command (e.g. `seller add`); throws with its output when it fails. */
export function runParley(args, ms = 60_000) {
  const r = spawnSync(process.execPath, [PARLEY, ...args], { cwd: ROOT, encoding: 'utf8', timeout: ms });
  if (r.status !== 0)
    throw new Error(
      `parley ${args.slice(0, 2).join(' ')} failed (status ${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 2000)}`,
    );
  return r.stdout;
}

/**
 * Starts serve on ephemeral ports, forwarding to the sink, and resolves once it is ready with
 * its state: { entry, proc, port, rcpt, stdout, stderr, internalErrors, exited, stopping }.
 */
/**
 * `parley serve` forwarding to the sink; resolves once it is ready with its state: the inbound port and the seller's
 * relay address, and with `http` also the submission port and the web bridge (url, origin, token).
 * opts: profDir + label (a CPU profile per row), nodeArgs (more node flags, e.g. a preload), env, http, readyMs.
 */
export async function startServe(dataDir, sinkPort, opts = {}) {
  const { profDir, label, http = false, readyMs = 60_000 } = opts;
  // One directory per row: tsx's loader runs in a worker thread, which writes its own profile.
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, label)}`] : [];
  // Extra node/V8 flags for the serve child only (experiments), e.g. SERVE_NODE_ARGS="--max-semi-space-size=64".
  if (process.env.SERVE_NODE_ARGS) nodeArgs.push(...process.env.SERVE_NODE_ARGS.split(/\s+/).filter(Boolean));
  nodeArgs.push(...(opts.nodeArgs ?? []));
  const args = [
    ...nodeArgs,
    PARLEY,
    'serve',
    '--data',
    dataDir,
    '--domain',
    DOMAIN,
    '--smtp',
    `${HOST}:0`,
    '--submission',
    `${HOST}:0`,
    ...(http ? ['--http', `${HOST}:0`] : []),
    '--smarthost',
    `smtp://${HOST}:${sinkPort}?starttls=never`,
    '--dns',
    'offline',
  ];
  const env = { ...process.env, ...opts.env };
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = track(proc, http ? 'parley serve --http' : 'parley serve');
  const state = { entry, proc, stdout: '', stderr: '', internalErrors: 0, exited: null, stopping: false };
  // Anything but our own stop (another process's signal, a crash) makes the row invalid.
  proc.once('exit', (code, signal) => {
    if (!state.stopping) state.exited = { code, signal, at: new Date().toISOString() };
  });
  proc.stderr.on('data', (d) => {
    const s = d.toString();
    state.stderr = (state.stderr + s).slice(-20_000);
    state.internalErrors += (s.match(/internal error/g) ?? []).length;
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`parley serve not ready after ${readyMs / 1000} s:\n${state.stdout}\n${state.stderr}`)),
      readyMs,
    );
    // SERVE_STDOUT_FILE=path keeps all of serve's stdout (e.g. with SERVE_NODE_ARGS=--trace-gc).
    const copy = process.env.SERVE_STDOUT_FILE;
    proc.stdout.on('data', (d) => {
      if (copy) fs.appendFileSync(copy, d);
      state.stdout = (state.stdout + d).slice(-50_000);
      if (state.stdout.includes('ready; Ctrl+C stops')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(
        new Error(
          `parley serve exited (code ${code}, signal ${sig}) before it was ready:\n${state.stdout}\n${state.stderr.slice(-3000)}`,
        ),
      );
    });
  });
  await ready;
  // The ports are ephemeral, so serve's own start-up lines are the only place to learn them.
  const port = (what) => {
    const m = new RegExp(`${what}[^:]*:\\s+\\S+:(\\d+)`).exec(state.stdout);
    if (!m) throw new Error(`cannot find the ${what} port in serve's output:\n${state.stdout}`);
    return Number(m[1]);
  };
  state.port = port('inbound SMTP');
  state.rcpt = new RegExp(`seller ${SELLER.id}: (\\S+)`).exec(state.stdout)?.[1] ?? `${SELLER.id}@${DOMAIN}`;
  if (http) {
    state.submissionPort = port('submission');
    state.url = /web bridge: (\S+)/.exec(state.stdout)?.[1];
    if (!state.url) throw new Error(`no web bridge URL in serve's output:\n${state.stdout}`);
    const u = new URL(state.url);
    state.origin = u.origin;
    state.token = new URLSearchParams(u.hash.slice(1)).get('token');
  }
  return state;
}

/** Stops serve gracefully (it drains its queue), marking the exit as ours. */
export async function stopServe(state) {
  state.stopping = true;
  await stopChild(state.entry, 60_000);
}

// ms per clock tick of /proc's CPU times (USER_HZ; 100 on Linux unless getconf says otherwise).
const TICK_MS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const hz = Number(r.stdout);
  return 1000 / (hz > 0 ? hz : 100);
})();

/**
 * CPU time used so far by serve, in ms: its main thread (the event loop: SMTP, policy, SQLite)
 * and the whole process (worker threads and libuv's pool too). Less noisy than throughput on a
 * shared machine: compare it between runs to see whether a change made the work per message smaller.
 */
export function cpuMs(pid) {
  const ticks = (file) => {
    try {
      const text = fs.readFileSync(file, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
    } catch {
      return NaN;
    }
  };
  // Per thread other than the main one (Node names them all "node": libuv's pool, V8's platform workers for GC and
  // the compiler, our worker threads), by thread id.
  const byName = {};
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      if (tid !== String(pid)) byName[tid] = ticks(`/proc/${pid}/task/${tid}/stat`) || 0;
    }
  } catch {
    /* the process is gone */
  }
  return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`), byName };
}

/** CPU ms per message of each other thread between two `cpuMs` readings, largest first ("tid 0.12"). */
export function threadShares(cpu0, cpu1, messages) {
  return Object.entries(cpu1.byName)
    .map(([name, ms]) => [name, (ms - (cpu0.byName[name] ?? 0)) / Math.max(1, messages)])
    .filter(([, ms]) => ms >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
    .join(', ');
}

function procStatus(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text) ?? [])[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return { rssKb: NaN, hwmKb: NaN };
  }
}

/**
 * Samples VmRSS every 100 ms. The reported peak is the kernel's VmHWM (`hwmKb()`), which no
 * sampling interval can miss; the sampled peak and the last sample are kept for the details.
 */
export class RssSampler {
  constructor(pid) {
    this.pid = pid;
    this.peakKb = 0;
    this.lastKb = NaN;
    this.timer = setInterval(() => {
      const { rssKb } = procStatus(pid);
      if (Number.isFinite(rssKb)) {
        this.lastKb = rssKb;
        this.peakKb = Math.max(this.peakKb, rssKb);
      }
    }, 100);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  hwmKb() {
    return procStatus(this.pid).hwmKb;
  }
}
