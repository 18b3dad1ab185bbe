// bench/soak's columns (samples.csv), its charts, and the summary table of the targets after the warm-up.
import { slope } from './soak-plot.mjs';

export const COLUMNS = [
  ['t_min', 'minutes since the start'],
  ['rss_mb', 'serve RSS (MB)'],
  ['heap_used_mb', 'serve V8 heap used (MB)'],
  ['heap_total_mb', 'serve V8 heap total (MB)'],
  ['external_mb', 'serve external + array buffers (MB)'],
  ['rss_anon_mb', 'serve RssAnon: private anonymous memory, malloc and V8 (MB)'],
  ['rss_file_mb', 'serve RssFile: mapped files resident (MB)'],
  ['rss_shmem_mb', 'serve RssShmem (MB)'],
  ['vm_data_mb', 'serve VmData: data + heap segments, reserved (MB)'],
  ['threads', 'serve OS threads'],
  ['workers_heap_mb', "worker threads' V8 heaps total + external + malloced, summed (MB)"],
  ['fds', 'serve open file descriptors'],
  ['wal_mb', 'WAL file (MB)'],
  ['loop_p99_ms', 'serve event-loop delay p99 over the last interval (ms)'],
  ['loop_max_ms', 'serve event-loop delay max over the last interval (ms)'],
  ['cpu_pct', 'serve CPU, all threads (% of one core)'],
  ['page_heap_mb', 'inbox page JS heap used (MB)'],
  ['page_events', 'push events the page received'],
  ['sent', 'messages sent'],
  ['accepted', 'messages accepted (250)'],
  ['delivered', 'messages the sink counted'],
  ['errors', 'refused or failed sends'],
  ['load1', 'load average (1 min)'],
];

export const CHARTS = [
  { key: 'rss_mb', title: 'parley serve: resident memory', unit: 'MB' },
  { key: 'rss_anon_mb', title: 'parley serve: RssAnon (malloc, V8)', unit: 'MB' },
  { key: 'rss_file_mb', title: 'parley serve: RssFile (mapped files)', unit: 'MB' },
  { key: 'heap_used_mb', title: 'parley serve: V8 heap used', unit: 'MB' },
  { key: 'fds', title: 'parley serve: open file descriptors', unit: 'fds' },
  { key: 'wal_mb', title: 'SQLite WAL file', unit: 'MB' },
  { key: 'loop_p99_ms', title: 'parley serve: event-loop delay p99 per interval', unit: 'ms', target: 50 },
  { key: 'page_heap_mb', title: 'Inbox page (Chromium): JS heap used', unit: 'MB' },
  { key: 'rate', title: 'Messages accepted per second', unit: 'msgs/s' },
];

export function summarize(cfg, rows, extra) {
  const after = rows.filter((r) => r.t_min >= cfg.warmupMin);
  const before = rows.filter((r) => r.t_min < cfg.warmupMin);
  const per10 = (key) => {
    const pts = after.filter((r) => Number.isFinite(r[key]));
    return (
      slope(
        pts.map((r) => r.t_min),
        pts.map((r) => r[key]),
      ) * 10
    );
  };
  const max = (list, key) => Math.max(...list.map((r) => r[key]).filter(Number.isFinite));
  const f = (v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
  const rssSlope = per10('rss_mb');
  const fdSlope = per10('fds');
  const walBefore = max(before, 'wal_mb');
  const walAfter = max(after, 'wal_mb');
  const loopRun = extra.runLoopP99Ms;
  const loopWorst = max(after, 'loop_p99_ms');
  const ok = (b) => (b ? 'yes' : '**no**');
  const lines = [
    '| metric (after the warm-up) | target | measured | ok |',
    '|---|---|---:|---|',
    `| serve RSS slope | < 1 MB / 10 min | ${f(rssSlope)} MB / 10 min | ${ok(rssSlope < 1)} |`,
    `| serve fds slope | < 1 / 10 min (flat) | ${f(fdSlope)} / 10 min | ${ok(fdSlope < 1)} |`,
    `| WAL peak | bounded (after ≤ 1.1 × warm-up peak + 4 MB) | ${f(walAfter, 1)} MB (warm-up ${f(walBefore, 1)} MB) | ${ok(walAfter <= walBefore * 1.1 + 4)} |`,
    `| serve event-loop delay p99 | < 50 ms | ${f(loopRun, 1)} ms (worst 10 s: ${f(loopWorst, 1)} ms) | ${ok(loopRun < 50)} |`,
    `| serve V8 heap slope | (info) | ${f(per10('heap_used_mb'))} MB / 10 min | |`,
    `| serve external slope | (info) | ${f(per10('external_mb'))} MB / 10 min | |`,
    `| serve RssAnon slope (malloc, V8) | (info) | ${f(per10('rss_anon_mb'))} MB / 10 min (last ${f(rows.at(-1)?.rss_anon_mb, 1)} MB) | |`,
    `| serve RssFile slope (mapped files) | (info) | ${f(per10('rss_file_mb'))} MB / 10 min (last ${f(rows.at(-1)?.rss_file_mb, 1)} MB) | |`,
    `| worker threads' V8 heaps slope | (info) | ${f(per10('workers_heap_mb'))} MB / 10 min | |`,
    `| inbox page JS heap slope | (info) | ${f(per10('page_heap_mb'))} MB / 10 min (last ${f(rows.at(-1)?.page_heap_mb, 1)} MB) | |`,
  ];
  return {
    table: lines.join('\n'),
    pass: rssSlope < 1 && fdSlope < 1 && walAfter <= walBefore * 1.1 + 4 && loopRun < 50,
  };
}
