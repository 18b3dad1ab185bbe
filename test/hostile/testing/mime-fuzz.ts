/**
 * The MIME fuzz run: `n` mutated messages of one seed through the in-process pipeline
 * (mime-pipeline.ts), spread over worker threads that the main thread watches. A message that takes longer than
 * `slowMs` counts as a hang; one that has not finished after `stuckMs` has its worker ended and replaced, and the
 * run goes on with the next message. The vitest test and bench/hostile/fuzz-mime.mjs both run this.
 */
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { loadFixtures, mutant, type Fixture, type Mutant } from './mime-mutator.js';
import type { WorkerResult } from './mime-fuzz-worker.js';

export interface MimeFuzzOptions {
  seed: number;
  n: number;
  /** First message number (a replay of one message: `start: i, n: 1`). */
  start?: number;
  workers?: number;
  /** ms: slower than this is a hang (the issue: "no hang over 1 s"). */
  slowMs?: number;
  /** ms: a message still running after this is given up on and its worker ended. */
  stuckMs?: number;
  onProgress?: (done: number) => void;
}

export interface Finding {
  index: number;
  fixture: string;
  mutations: string[];
  bytes: number;
  ms: number;
  what: string;
}

export interface MimeFuzzReport {
  seed: number;
  messages: number;
  ok: number;
  crashes: Finding[];
  /** Slower than slowMs, and again when run alone (or never finished). */
  hangs: Finding[];
  /** Slower than slowMs during the run, but not when run alone: the machine was busy. */
  passingHangs: Finding[];
  unparseable: Finding[];
  /** Removed attachments (R15) still visible in the rewritten copy. */
  escaped: Finding[];
  /** Refusals by code and words (numbers folded), with how many. */
  refused: Map<string, number>;
  maxMs: number;
  p99Ms: number;
  slowest: Finding | null;
  wallMs: number;
}

const WORKER_BOOT = new URL('./ts-worker.mjs', import.meta.url);
const WORKER_ENTRY = new URL('./mime-fuzz-worker.ts', import.meta.url).href;

export async function runMimeFuzz(opts: MimeFuzzOptions): Promise<MimeFuzzReport> {
  const { seed, n } = opts;
  const first = opts.start ?? 0;
  const slowMs = opts.slowMs ?? 1000;
  const stuckMs = opts.stuckMs ?? 10_000;
  const workerCount = Math.max(1, Math.min(opts.workers ?? 2, n));
  const began = performance.now();
  const times = new Float64Array(n);
  const report: MimeFuzzReport = {
    seed,
    messages: 0,
    ok: 0,
    crashes: [],
    hangs: [],
    passingHangs: [],
    unparseable: [],
    escaped: [],
    refused: new Map(),
    maxMs: 0,
    p99Ms: 0,
    slowest: null,
    wallMs: 0,
  };
  let fixtures: Fixture[] | undefined;
  const describeStuck = (index: number, ms: number): Finding => {
    fixtures ??= loadFixtures();
    const m = mutant(seed, index, fixtures);
    const what = `no answer after ${Math.round(ms)} ms: worker ended`;
    return { index, fixture: m.fixture, mutations: m.mutations, bytes: m.raw.length, ms, what };
  };

  const record = (r: WorkerResult): void => {
    times[report.messages++] = r.ms;
    if (opts.onProgress && report.messages % 1000 === 0) opts.onProgress(report.messages);
    const finding = (what: string): Finding => ({ ...r, what });
    if (r.ms > report.maxMs) {
      report.maxMs = r.ms;
      report.slowest = finding(r.outcome.kind);
    }
    if (r.ms > slowMs) report.hangs.push(finding(`${Math.round(r.ms)} ms (${r.outcome.kind})`));
    const o = r.outcome;
    if (o.kind === 'ok') report.ok++;
    else if (o.kind === 'refused') {
      const key = o.reason;
      report.refused.set(key, (report.refused.get(key) ?? 0) + 1);
    } else if (o.kind === 'crash') report.crashes.push(finding(o.error));
    else if (o.kind === 'unparseable') report.unparseable.push(finding(o.error));
    else report.escaped.push(finding(o.error));
  };

  /** Runs `indices` in one worker; a stuck message ends it, and a new worker takes the rest. */
  const runShare = async (
    indices: number[],
    onResult: (r: WorkerResult) => void,
    onStuck: (index: number) => void,
  ): Promise<void> => {
    let rest = indices;
    while (rest.length > 0) {
      const stuck = await new Promise<number | null>((resolve, reject) => {
        const worker = new Worker(WORKER_BOOT, { workerData: { entry: WORKER_ENTRY, seed, indices: rest } });
        let current: { index: number; since: number } | null = null;
        let done = 0;
        const watchdog = setInterval(() => {
          if (current && performance.now() - current.since > stuckMs) {
            clearInterval(watchdog);
            const { index } = current;
            current = null;
            void worker.terminate().then(() => resolve(index));
          }
        }, 250);
        worker.on('message', (m: { type: string; index?: number; result?: WorkerResult }) => {
          if (m.type === 'start') current = { index: m.index!, since: performance.now() };
          else if (m.type === 'result') {
            current = null;
            done++;
            onResult(m.result!);
          } else if (m.type === 'done') {
            clearInterval(watchdog);
            void worker.terminate().then(() => resolve(null));
          }
        });
        worker.on('error', (err) => {
          clearInterval(watchdog);
          // A worker that dies (out of memory, a stack overflow outside any try) is a crash of its message.
          if (current) {
            const index = current.index;
            let m: Pick<Mutant, 'fixture' | 'mutations' | 'raw'> = {
              fixture: '?',
              mutations: [],
              raw: Buffer.alloc(0),
            };
            try {
              fixtures ??= loadFixtures();
              m = mutant(seed, index, fixtures);
            } catch {
              // The generator itself failed on this message: the report still names its number.
            }
            onResult({
              index,
              ...m,
              ms: 0,
              bytes: m.raw.length,
              outcome: { kind: 'crash', error: `worker died: ${err.message}` },
            });
            rest = rest.slice(done + 1);
            resolve(-1);
          } else reject(err);
        });
      });
      if (stuck === null) return;
      if (stuck >= 0) {
        onStuck(stuck);
        rest = rest.slice(rest.indexOf(stuck) + 1);
      }
    }
  };

  const shares = Array.from({ length: workerCount }, (_, w) =>
    Array.from({ length: Math.ceil((n - w) / workerCount) }, (_, k) => first + w + k * workerCount),
  );
  const stuckInRun = (index: number): void => {
    times[report.messages++] = stuckMs;
    report.hangs.push(describeStuck(index, stuckMs));
  };
  await Promise.all(shares.map((share) => runShare(share, record, stuckInRun)));

  // A machine busy with other work makes a message slow now and then: each slow one runs again, alone, and only one
  // that is slow again counts as a hang. One that never finished counts whatever happens.
  const slow = report.hangs.filter((h) => h.ms < stuckMs);
  const again = new Map<number, number>();
  if (slow.length > 0)
    await runShare(
      slow.map((h) => h.index),
      (r) => again.set(r.index, r.ms),
      (index) => again.set(index, stuckMs),
    );
  report.passingHangs = slow.filter((h) => (again.get(h.index) ?? 0) <= slowMs);
  report.hangs = report.hangs.filter((h) => !report.passingHangs.includes(h));
  for (const h of report.hangs)
    if (again.has(h.index)) h.what += `; alone again: ${Math.round(again.get(h.index)!)} ms`;
  for (const h of report.passingHangs) h.what += `; alone again: ${Math.round(again.get(h.index) ?? 0)} ms`;

  const sorted = times.slice(0, report.messages).sort();
  report.p99Ms = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0;
  report.maxMs = Math.max(report.maxMs, sorted.length ? sorted[sorted.length - 1] : 0);
  report.wallMs = performance.now() - began;
  return report;
}

/** The counts as a table, then every finding with what replays it. */
export function formatReport(r: MimeFuzzReport): string {
  const refusedTotal = [...r.refused.values()].reduce((a, b) => a + b, 0);
  const rows: [string, string | number][] = [
    ['seed', r.seed],
    ['messages', r.messages],
    ['through, both copies re-parsed', r.ok],
    ['crashes', r.crashes.length],
    ['hangs (> 1 s, and again alone)', r.hangs.length],
    ['> 1 s in the run only (machine busy)', r.passingHangs.length],
    ['not re-parseable', r.unparseable.length],
    ['removed attachments still visible (R15)', r.escaped.length],
    ['refused with a reason', refusedTotal],
    ['max ms', r.maxMs.toFixed(1)],
    ['p99 ms', r.p99Ms.toFixed(1)],
    ['wall s', (r.wallMs / 1000).toFixed(1)],
  ];
  const lines = ['| MIME fuzz | |', '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (r.refused.size > 0) {
    lines.push('', 'refused with reason:');
    for (const [reason, count] of [...r.refused].sort((a, b) => b[1] - a[1])) lines.push(`  ${count} × ${reason}`);
  }
  const show = (title: string, list: Finding[]) => {
    if (list.length === 0) return;
    lines.push('', `${title} (replay: --seed ${r.seed} --start <index> --n 1):`);
    for (const f of list.slice(0, 30))
      lines.push(
        `  #${f.index} ${f.fixture} [${f.mutations.join(', ')}] ${f.bytes} B, ${f.ms.toFixed(0)} ms: ${f.what}`,
      );
    if (list.length > 30) lines.push(`  … and ${list.length - 30} more`);
  };
  show('crashes', r.crashes);
  show('hangs', r.hangs);
  show('> 1 s in the run only', r.passingHangs);
  show('not re-parseable', r.unparseable);
  show('removed attachments still visible', r.escaped);
  if (r.slowest)
    lines.push(
      '',
      `slowest: #${r.slowest.index} ${r.slowest.fixture} [${r.slowest.mutations.join(', ')}] ${r.slowest.bytes} B, ${r.slowest.ms.toFixed(0)} ms`,
    );
  return lines.join('\n');
}
