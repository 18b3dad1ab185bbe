// The report: one console line and one details note per Parley row, and the markdown document
// (context, table, targets, profiles, details) that is printed and written to bench/results/.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { ROOT, SMTP_SINK } from './constants.mjs';
import { fmt } from './numbers.mjs';
import { table, targetLine } from './table.mjs';

/** Short HEAD, flagged when src/ has uncommitted changes (the numbers are then for those). */
export function gitRev() {
  const r = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const d = spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' });
  return `${(r.stdout || '?').trim()}${d.stdout && d.stdout.trim() ? ' + uncommitted changes in src/' : ''}`;
}

function postfixVersion() {
  const r = spawnSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' });
  return (r.stdout || '').trim() || '?';
}

/** The progress line on stderr after a Parley row. */
export function rowLog(r) {
  return (
    `bench:   accept ${fmt(r.acceptRate)} msgs/s, e2e ${fmt(r.e2eRate)} msgs/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ` +
    `DATA→250 p50/p99 ${fmt(r.c50)}/${fmt(r.c99)} ms, CPU/msg main ${fmt(r.cpuMainMs, 2)} ms all ${fmt(r.cpuAllMs, 2)} ms, ` +
    `VmHWM ${fmt(r.rssMb, 0)} MB, errors ${r.errors}`
  );
}

/** The row's entry under "details:" (what the table has no column for). */
export function rowNote(profile, mode, r) {
  return (
    `- Parley ${profile.name} ${mode}: ${r.accepted}/${r.n} accepted in ${fmt(r.acceptS, 2)} s, sink done at ${fmt(r.e2eS, 2)} s; ` +
    `mean message ${fmt(r.avgKb)} KB; latency max ${fmt(r.max)} ms; DATA-sent→250 p50/p99 ${fmt(r.c50)}/${fmt(r.c99)} ms; ` +
    `CPU per message (from the serve process's /proc, measured phase): main thread ${fmt(r.cpuMainMs, 2)} ms, all threads ${fmt(r.cpuAllMs, 2)} ms (each other thread, by id: ${r.threads || '–'}); beside it on the same cores, the bench's SMTP clients ${fmt(r.clientCpuMs, 2)} ms and the sink ${fmt(r.sinkCpuMs, 2)} ms; ` +
    `RSS: VmHWM ${fmt(r.rssMb, 0)} MB, sampled peak ${fmt(r.sampledPeakMb, 0)} MB, at end ${fmt(r.rssEndMb, 0)} MB; data dir ${fmt(r.dataMb)} MB; ` +
    `store after: ${r.store}` +
    (r.errorSamples.length ? `; errors e.g.: ${r.errorSamples.join(' / ')}` : '') +
    (r.timedOut ? '; PHASE TIMED OUT' : '') +
    (r.sinkMissing ? `; sink missed ${r.sinkMissing} messages` : '') +
    (r.internalErrors ? `; serve logged ${r.internalErrors} internal errors: ${r.stderrTail}` : '')
  );
}

/** The whole markdown report; `rows` are sorted already. */
export function renderReport({ cfg, started, revAtStart, sinkKind, rows, profiles, notes, anchorLines, profDir }) {
  const profileLines = profiles.map((p) => `- ${p.name}: ${p.describe}`);
  return [
    `# Relay benchmark ${started.toISOString()}`,
    '',
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 1073741824)} GB, load before ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ` +
      `node ${process.version}; parley ${revAtStart}${gitRev() === revAtStart ? '' : ` (CHANGED during the run: now ${gitRev()})`}; postfix ${postfixVersion()}`,
    `sink: ${sinkKind === 'smtp-sink' ? `postfix smtp-sink (${SMTP_SINK} -u nobody -c)` : 'node smtp-server counting sink'} (the same for Parley and the anchor: ${sinkKind === 'smtp-sink' ? 'yes' : 'no, the anchor always uses smtp-sink'}); ` +
      `Parley client: ${cfg.CLIENT === 'raw' ? 'own net-socket SMTP client (no pipelining)' : 'nodemailer'}, ${cfg.CONC} parallel; ` +
      `warm-up ${cfg.WARMUP} msgs (each row and the anchor, same mode); ${cfg.BUYERS} distinct buyers cycling (first ${cfg.BUYERS} measured msgs are first contacts)`,
    `latency: send start → 250 per message (reuse: MAIL FROM → 250 after DATA; new conn: connect → 250 after DATA, with the greeting; loopback greets at once, a port off loopback waits 100 ms)`,
    `peak RSS: VmHWM of the serve process at the end of the row (includes start-up and warm-up)`,
    '',
    table(cfg, rows),
    '',
    targetLine(rows),
    '',
    'profiles:',
    ...profileLines,
    '- Postfix anchor: smtp-source -l <size> (every message that size, plain text), same sessions, one size per profile: 2048 B for 2KB, 57344 B (the mix\'s mean) for 200KB-mix, 204800 B for 200KB; "e2e vs Postfix" divides by the row of the same mode and size.',
    '',
    'details:',
    ...notes,
    ...(anchorLines.length ? ['', 'anchor output:', '```', ...anchorLines, '```'] : []),
    ...(profDir ? ['', `cpu profiles: ${profDir} (node bench/cpuprofile-summary.mjs FILE)`] : []),
  ].join('\n');
}
