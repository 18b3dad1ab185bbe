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

/** Sorts in place: by mode, then Parley 2KB next to Postfix 2048 B, Parley 200KB next to Postfix 204800 B. */
export function sortRows(rows) {
  const order = { '2KB': 0, '2048 B': 1, '200KB-mix': 2, '200KB': 3, '204800 B': 4 };
  const modeOrder = { reuse: 0, newconn: 1 };
  rows.sort((a, b) => modeOrder[a.mode] - modeOrder[b.mode] || (order[a.profile] ?? 9) - (order[b.profile] ?? 9));
  return rows;
}

export function table(cfg, rows) {
  const head = '| system | profile | mode | N | accept msgs/s | e2e msgs/s | p50 ms | p99 ms | peak RSS MB | errors |';
  const sep = '|---|---|---|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map(
    (r) =>
      `| ${r.system} | ${r.profile} | ${modeWords(cfg, r.system)[r.mode] ?? r.mode} | ${r.n} | ${fmt(r.acceptRate)} | ${fmt(r.e2eRate)} | ` +
      `${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.rssMb, 0)} | ${Number.isFinite(r.errors) ? r.errors : '–'} |`,
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
