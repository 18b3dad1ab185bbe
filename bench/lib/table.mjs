// The results table (markdown) and the line that checks the 2 KB reuse row against the targets.
import { fmt } from './numbers.mjs';

const modeWords = (cfg, system) => ({
  reuse:
    system === 'Parley' ? `reuse (${cfg.CONC} conns, many msgs each)` : `reuse (smtp-source -d, ${cfg.CONC} sessions)`,
  newconn:
    system === 'Parley'
      ? `new conn per msg (${cfg.CONC} parallel)`
      : `new conn per msg (smtp-source, ${cfg.CONC} sessions)`,
});

/** Sorts in place: by mode, then by message size, each Parley row just above the Postfix row of its size. */
export function sortRows(rows) {
  const modeOrder = { reuse: 0, newconn: 1 };
  const isAnchor = (r) => (r.system === 'Parley' ? 0 : 1);
  rows.sort((a, b) => modeOrder[a.mode] - modeOrder[b.mode] || a.bytes - b.bytes || isAnchor(a) - isAnchor(b));
  return rows;
}

/** The Postfix row measured with the same mode and message size as a Parley row, if the run has one. */
export function anchorOf(rows, r) {
  return rows.find((a) => a.system !== 'Parley' && a.mode === r.mode && a.bytes === r.bytes);
}

/** Parley's end-to-end msgs/s over Postfix's for the same mode and size in the same run (NaN without an anchor). */
export function ratioOf(rows, r) {
  const a = anchorOf(rows, r);
  return r.system === 'Parley' && a && a.e2eRate > 0 ? r.e2eRate / a.e2eRate : NaN;
}

const times = (x) => (Number.isFinite(x) ? `${fmt(x, 2)}×` : '–');
const cpu = (r) => (Number.isFinite(r.cpuMainMs) ? `${fmt(r.cpuMainMs, 2)} / ${fmt(r.cpuAllMs, 2)}` : '–');

export function table(cfg, rows) {
  const head =
    '| system | profile | mode | N | accept msgs/s | e2e msgs/s | e2e vs Postfix | p50 ms | p99 ms | CPU ms/msg main / all | peak RSS MB | errors |';
  const sep = '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map(
    (r) =>
      `| ${r.system} | ${r.profile} | ${modeWords(cfg, r.system)[r.mode] ?? r.mode} | ${r.n} | ${fmt(r.acceptRate)} | ${fmt(r.e2eRate)} | ` +
      `${times(ratioOf(rows, r))} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${cpu(r)} | ${fmt(r.rssMb, 0)} | ${Number.isFinite(r.errors) ? r.errors : '–'} |`,
  );
  return [head, sep, ...body].join('\n');
}

/** The targets apply to the 2 KB reuse row only: ≥ 300 msgs/s, p99 < 100 ms, RSS < 300 MB, no errors. */
export function targetLine(rows) {
  const target = rows.find((r) => r.system === 'Parley' && r.profile === '2KB' && r.mode === 'reuse');
  const pass = target && target.acceptRate >= 300 && target.p99 < 100 && target.rssMb < 300 && target.errors === 0;
  const verdict = target
    ? `${pass ? 'PASS' : 'FAIL'} (2KB reuse: accept ${fmt(target.acceptRate)} msgs/s ${target.acceptRate >= 300 ? '≥' : '<'} 300, ` +
      `p99 ${fmt(target.p99)} ms ${target.p99 < 100 ? '<' : '≥'} 100, RSS ${fmt(target.rssMb, 0)} MB ${target.rssMb < 300 ? '<' : '≥'} 300, errors ${target.errors})`
    : 'n/a (no 2KB reuse row)';
  return `target: ≥ 300 msgs/s for 2 KB with every 250 durable, p99 < 100 ms, RSS < 300 MB — ${verdict}`;
}

/**
 * Over several runs (REPEAT): per Parley row, its ratio to Postfix in each run (the same run's anchor), the median and
 * the lowest, and the p99 latency in each run. The line under it says whether every row held ≥ 1.0× in every run.
 */
export function repeatTable(runs) {
  const keys = [];
  for (const rows of runs)
    for (const r of rows)
      if (r.system === 'Parley' && !keys.some((k) => k.profile === r.profile && k.mode === r.mode)) keys.push(r);
  const head = `| profile | mode | ${runs.map((_, i) => `run ${i + 1}`).join(' | ')} | median | lowest | p99 ms per run |`;
  const sep = `|---|---|${runs.map(() => '---:').join('|')}|---:|---:|---:|`;
  let allHeld = keys.length > 0;
  const body = keys.map((k) => {
    const mine = runs.map((rows) =>
      rows.find((r) => r.system === 'Parley' && r.profile === k.profile && r.mode === k.mode),
    );
    const ratios = runs.map((rows, i) => (mine[i] ? ratioOf(rows, mine[i]) : NaN));
    const known = ratios.filter(Number.isFinite).sort((a, b) => a - b);
    const median = known.length ? known[Math.floor((known.length - 1) / 2)] : NaN;
    const lowest = known.length ? known[0] : NaN;
    if (!(known.length === runs.length && lowest >= 1)) allHeld = false;
    const p99s = mine.map((r) => (r ? fmt(r.p99) : '–')).join(' / ');
    return `| ${k.profile} | ${k.mode} | ${ratios.map(times).join(' | ')} | ${times(median)} | ${times(lowest)} | ${p99s} |`;
  });
  const verdict = `every row ≥ 1.0× Postfix (e2e msgs/s, same run) in all ${runs.length} runs: ${allHeld ? 'yes' : 'no'}`;
  return [head, sep, ...body, '', verdict].join('\n');
}
