/**
 * bench/ui's report: the table `metric | target | measured | ok` of the inbox's targets and the
 * details behind each number, as markdown (printed and written to bench/results/).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import type { Manifest } from './generate.js';
import type { Measured } from './measure.js';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const max = (xs: number[]) => Math.max(...xs);
/** The nearest-rank percentile (p in 0..100). */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x: number) => `${Math.round(x)} ms`;

interface Row {
  metric: string;
  target: string;
  measured: string;
  ok: boolean;
}

export function rows(m: Measured, manifest: Manifest): Row[] {
  const heapMb = m.heapBytes / 1_048_576;
  return [
    {
      metric: `inbox interactive after load (median of ${m.interactive.length} cold loads)`,
      target: '≤ 500 ms',
      measured: ms(median(m.interactive)),
      ok: median(m.interactive) <= 500,
    },
    {
      metric: `open a conversation (median / p95 of ${m.open.length})`,
      target: 'p95 ≤ 100 ms',
      measured: `${ms(median(m.open.map((o) => o.ms)))} / ${ms(
        percentile(
          m.open.map((o) => o.ms),
          95,
        ),
      )}`,
      ok:
        percentile(
          m.open.map((o) => o.ms),
          95,
        ) <= 100,
    },
    {
      metric: `search results on screen (median of ${m.search.length})`,
      target: '≤ 50 ms',
      measured: ms(median(m.search.map((s) => s.ms))),
      ok: median(m.search.map((s) => s.ms)) <= 50,
    },
    {
      metric: `list rows in the DOM, scrolling ${m.scroll.listTotal.toLocaleString('en')} conversations`,
      target: '≤ 200',
      measured: String(m.scroll.maxRows),
      ok: m.scroll.maxRows <= 200 && m.scroll.maxRows > 0,
    },
    {
      metric: 'renderer JS heap after scrolling (after GC)',
      target: '≤ 150 MB',
      measured: `${heapMb.toFixed(1)} MB`,
      ok: heapMb <= 150,
    },
    // The performance view: first open (its code loads then) and the median of all.
    {
      metric: `performance view open (first / median of ${m.performanceView.length})`,
      target: '≤ 300 ms',
      measured: `${ms(m.performanceView[0])} / ${ms(median(m.performanceView))}`,
      ok: max(m.performanceView) <= 300,
    },
  ].map((r) => ({ ...r, metric: r.metric.replace(/10,000/, manifest.conversations.toLocaleString('en')) }));
}

export function table(list: Row[]): string {
  return [
    '| metric | target | measured | ok |',
    '|---|---|---:|:---:|',
    ...list.map((r) => `| ${r.metric} | ${r.target} | ${r.measured} | ${r.ok ? '✓' : '✗'} |`),
  ].join('\n');
}

function gitRev(root: string): string {
  const r = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const d = spawnSync('git', ['-C', root, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' });
  return `${(r.stdout || '?').trim()}${d.stdout?.trim() ? ' + uncommitted changes in src/' : ''}`;
}

/** The anchor page's loads (anchor.ts), each right after one of the inbox's: the browser's and React's own share. */
function anchorLines(m: Measured, bytes: number | undefined): string[] {
  if (m.anchorInteractive.length === 0) return [];
  const ratio = median(m.interactive) / median(m.anchorInteractive);
  return [
    `- anchor, a bare React page (24 rows from its own bundle, ${bytes === undefined ? '?' : Math.round(bytes / 1024)} KB, no backend; the same probe and browser, ` +
      `loaded after each inbox load): interactive ${m.anchorInteractive.map(ms).join(', ')}, median ${ms(median(m.anchorInteractive))}; ` +
      `the inbox's median is ${ratio.toFixed(2)}× the anchor's`,
  ];
}

export function report(opts: {
  started: Date;
  root: string;
  storeDir: string;
  manifest: Manifest;
  measured: Measured;
  chromium: string;
  anchorBytes?: number;
}): string {
  const { manifest: man, measured: m } = opts;
  const list = rows(m, man);
  const opens = m.open.map((o) => o.ms);
  return [
    `# UI benchmark ${opts.started.toISOString()}`,
    '',
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 1073741824)} GB, load before ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ` + `node ${process.version}; ${opts.chromium}; parley ${gitRev(opts.root)}`,
    `store: ${man.messages.toLocaleString('en')} messages in ${man.conversations.toLocaleString('en')} conversations (schema ${man.schemaVersion}, generator ${man.generator}, ` +
      `generated in ${man.generatedInSeconds} s, cached in ${opts.storeDir})`,
    'timing: inside the page (performance.now() from navigation start); "on screen" = in the DOM and one frame painted after it; ' +
      'interactive = rows painted, then j (dispatched in the page at once) moved the selection and that was painted',
    '',
    table(list),
    '',
    `${list.every((r) => r.ok) ? 'PASS' : 'FAIL'}: ${list.filter((r) => r.ok).length} of ${list.length} targets met`,
    '',
    'details:',
    `- first load, fetched before the rows showed (start+duration ms): ${m.loadTimeline
      .filter((e) => e.start < m.rowsShown[0])
      .map((e) => `${e.name} ${e.start}+${e.duration}`)
      .join(', ')}`,
    `- loads: rows shown at ${m.rowsShown.map(ms).join(', ')}; j answered at ${m.interactive.map(ms).join(', ')}`,
    ...anchorLines(m, opts.anchorBytes),
    `- open: ${opens.map((x) => Math.round(x)).join(', ')} ms (max ${ms(max(opens))}); messages shown ${m.open.map((o) => o.messages).join(', ')}; of that the conversation.get round trip ${m.open.map((o) => (o.callMs === null ? '?' : Math.round(o.callMs))).join(', ')} ms`,
    ...m.search.map((s) => `- search ${s.kind} "${s.query}": ${ms(s.ms)}, ${s.rows} rows`),
    `- scroll: ${m.scroll.distinctRows.toLocaleString('en')} of ${m.scroll.listTotal.toLocaleString('en')} conversations passed by in ${m.scroll.steps} screens (${(m.scroll.ms / 1000).toFixed(1)} s); at most ${m.scroll.maxRows} rows in the DOM`,
    `- heap: CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage ${(m.heapBytes / 1_048_576).toFixed(1)} MB; performance.memory.usedJSHeapSize ${m.perfMemoryBytes === null ? 'n/a' : `${(m.perfMemoryBytes / 1_048_576).toFixed(1)} MB`}`,
  ].join('\n');
}
