#!/usr/bin/env node
// Relay benchmark: `parley serve` as a durable store-and-forward relay, next to stock Postfix.
//
// For each size profile and each connection mode: a fresh data directory, `parley serve` as a
// child process forwarding to a counting sink, WARMUP unmeasured messages, then N messages from
// CONC parallel SMTP clients. Measured: accept msgs/s (until every client got its last 250),
// end-to-end msgs/s (until the sink counted them all), per-message accept latency, peak RSS of
// the serve process, errors. Then the Postfix anchor script for the same sizes, and one table.
//
//   node bench/relay.mjs
//   env: N=5000 N_NEWCONN=$N CONC=10 WARMUP=3000 BUYERS=200 PROFILES=2KB,200KB-mix,200KB
//        MODES=reuse,newconn CLIENT=raw|nodemailer SINK=auto|smtp-sink|node ANCHOR=1 ANCHOR_REUSE=1
//        ANCHOR_N=$N PHASE_TIMEOUT_S=600 CPU_PROF=0 KEEP=0 RETRIES=1 (a row whose serve died mid-run is run again)
//        REPEAT=1 (whole runs, each with its own anchor; a summary table of the ratios over the runs first)
//        SERVE_NODE_ARGS="…" (extra node flags for the serve child) ANCHOR_SCRIPT=/work/shared/anchors/postfix-relay.sh
//
// Everything binds to 127.0.0.1. Every child is stopped at the end, on error and on SIGINT.
// Exit code: 0 when the measurement ran (targets met or not), 1 when the benchmark itself failed.
//
// This file reads the config, runs the rows and writes the report; the parts live in bench/lib/.
// `relay.mjs --node-sink PORT` is internal: the Node counting sink (lib/node-sink.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { runAnchors } from './lib/anchor.mjs';
import { installSignalHandlers, isInterrupted, stopAll } from './lib/children.mjs';
import { config, rowCount } from './lib/config.mjs';
import { RESULTS_DIR, ROOT } from './lib/constants.mjs';
import { assertNoDotLines, makeProfile } from './lib/messages.mjs';
import { runNodeSink } from './lib/node-sink.mjs';
import { runParleyRow } from './lib/parley-case.mjs';
import { gitRev, renderReport, rowLog, rowNote } from './lib/report.mjs';
import { chooseSink } from './lib/sink.mjs';
import { repeatTable, sortRows } from './lib/table.mjs';

/** Every profile × mode as a Parley row; a row that throws is noted and fails the benchmark. */
async function runParleyRows(cfg, sinkKind, profiles, profDir, notes) {
  const rows = [];
  let failed = false;
  for (const profile of profiles) {
    for (const mode of cfg.MODES) {
      if (isInterrupted()) break;
      const n = rowCount(cfg, mode);
      if (n === 0) continue;
      console.error(`bench: Parley ${profile.name} ${mode}: N=${n} …`);
      try {
        const r = await runParleyRow(cfg, sinkKind, profile, mode, profDir, notes);
        rows.push(r);
        console.error(rowLog(r));
        notes.push(rowNote(profile, mode, r));
      } catch (err) {
        failed = true;
        console.error(`bench: Parley ${profile.name} ${mode} failed: ${err.stack ?? err}`);
        notes.push(`- Parley ${profile.name} ${mode}: FAILED: ${String(err.message ?? err).split('\n')[0]}`);
      }
    }
  }
  return { rows, failed };
}

async function main() {
  installSignalHandlers();
  const cfg = config();
  const started = new Date();
  // Taken now and compared at the end: a commit during a long run would mislabel the numbers.
  const revAtStart = gitRev();
  const stamp = started.toISOString().replace(/[:.]/g, '-').replace('Z', '');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const profDir = cfg.CPU_PROF ? path.join(RESULTS_DIR, `prof-${stamp}`) : null;
  if (profDir) fs.mkdirSync(profDir, { recursive: true });
  const sinkKind = chooseSink(cfg.SINK);
  if (!['raw', 'nodemailer'].includes(cfg.CLIENT)) throw new Error('CLIENT must be raw or nodemailer');
  for (const m of cfg.MODES)
    if (!['reuse', 'newconn'].includes(m)) throw new Error(`unknown mode "${m}" (reuse, newconn)`);
  const profiles = cfg.PROFILES.map(makeProfile);
  for (const p of profiles) assertNoDotLines(p);
  console.error(
    `bench: N=${cfg.N} N_NEWCONN=${cfg.N_NEWCONN} CONC=${cfg.CONC} WARMUP=${cfg.WARMUP} BUYERS=${cfg.BUYERS} client=${cfg.CLIENT} sink=${sinkKind} ` +
      `profiles=${cfg.PROFILES.join(',')} modes=${cfg.MODES.join(',')} anchor=${cfg.ANCHOR ? (cfg.ANCHOR_REUSE ? 'both' : 'default') : 'off'}`,
  );

  // REPEAT runs of every row and the anchor: each Parley row is compared with the anchor of its own run.
  const runs = [];
  const docs = [];
  let failed = false;
  for (let run = 1; run <= cfg.REPEAT && !isInterrupted(); run++) {
    if (cfg.REPEAT > 1) console.error(`bench: run ${run} of ${cfg.REPEAT}`);
    const notes = [];
    const runStarted = new Date();
    const parley = await runParleyRows(cfg, sinkKind, profiles, profDir, notes);
    const rows = parley.rows;
    failed ||= parley.failed;
    let anchorLines = [];
    if (cfg.ANCHOR && !isInterrupted()) {
      const anchor = await runAnchors(cfg, profiles, notes);
      rows.push(...anchor.rows);
      anchorLines = anchor.lines;
      failed ||= anchor.failed;
    }
    sortRows(rows);
    runs.push(rows);
    docs.push(
      renderReport({ cfg, started: runStarted, revAtStart, sinkKind, rows, profiles, notes, anchorLines, profDir }),
    );
  }

  const md =
    cfg.REPEAT > 1
      ? [
          `# Relay benchmark, ${runs.length} runs from ${started.toISOString()}`,
          '',
          repeatTable(runs),
          '',
          ...docs,
        ].join('\n')
      : docs[0];
  const file = path.join(RESULTS_DIR, `relay-${stamp}.md`);
  fs.writeFileSync(file, `${md}\n`);
  console.log(md);
  console.log(`\n(written to ${path.relative(ROOT, file)})`);
  await stopAll();
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[2] === '--node-sink') {
  await runNodeSink(Number(process.argv[3]));
} else {
  try {
    await main();
  } catch (err) {
    console.error(`bench: ${err.stack ?? err}`);
    await stopAll();
    process.exitCode = 1;
  }
}
