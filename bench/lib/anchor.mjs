// The Postfix anchor: the shared script that measures stock Postfix on this machine with the same
// sizes and sessions, so Parley's numbers have a reference point measured under the same load.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { isInterrupted, stopChild, track, waitExit } from './children.mjs';
import { ANCHOR_SCRIPT } from './constants.mjs';

const LIMIT_MS = 45 * 60_000;

/** Table rows from the script's `run=… size=… accept_msgs_s=… e2e_msgs_s=…` lines. */
function parseAnchorLines(lines, cfg, sourceFlags) {
  const rows = [];
  for (const line of lines) {
    if (!line.startsWith('run=')) continue;
    const d = Object.fromEntries(line.split(/\s+/).map((kv) => kv.split('=')));
    rows.push({
      system: `Postfix (anchor)`,
      profile: `${d.size} B`,
      bytes: Number(d.size),
      mode: sourceFlags.includes('-d') ? 'reuse' : 'newconn',
      n: cfg.ANCHOR_N,
      acceptRate: Number(d.accept_msgs_s),
      e2eRate: Number(d.e2e_msgs_s),
      p50: NaN,
      p99: NaN,
      rssMb: NaN,
      errors: NaN,
    });
  }
  return rows;
}

/** One run of the script; `sourceFlags` goes to smtp-source ('-d': reuse the sessions). */
async function runAnchor(cfg, sizes, sourceFlags) {
  const env = {
    ...process.env,
    RUNS: '1',
    N: String(cfg.ANCHOR_N),
    SIZES: sizes.join(' '),
    SESSIONS: String(cfg.CONC),
    SOURCE_FLAGS: sourceFlags,
    // The same unmeasured warm-up as each Parley row: the same number of messages in the same mode.
    WARMUP: String(cfg.WARMUP),
  };
  delete env.KEEP; // our KEEP=1 is for Parley's data dirs; the script would keep its Postfix instance too
  // Its own process group: the script starts Postfix and smtp-source, and a stop must reach them all.
  const proc = spawn('bash', [ANCHOR_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const entry = track(proc, 'postfix anchor', { group: true });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => {
    out += d;
    process.stderr.write(`  anchor: ${d}`);
  });
  proc.stderr.on('data', (d) => {
    err = (err + d).slice(-8000);
  });
  const finished = await waitExit(proc, LIMIT_MS);
  if (!finished) {
    console.error('bench: the anchor took longer than 45 min; stopping it');
    await stopChild(entry, 60_000);
  }
  const lines = out.split('\n').filter(Boolean);
  const rows = parseAnchorLines(lines, cfg, sourceFlags);
  return { ok: proc.exitCode === 0 && rows.length > 0, rows, lines, stderr: err.trim(), code: proc.exitCode };
}

/**
 * The anchor runs the config asks for (new connections, and with ANCHOR_REUSE also reused
 * sessions), one message size per profile (its `anchorBytes`). Notes go to `notes`; returns the rows, the raw output
 * lines for the report, and whether a run produced nothing at all (which fails the benchmark).
 */
export async function runAnchors(cfg, profiles, notes) {
  const sizes = [...new Set(profiles.map((p) => p.anchorBytes))].sort((a, b) => a - b);
  const rows = [];
  const lines = [];
  let failed = false;
  if (!fs.existsSync(ANCHOR_SCRIPT) || process.getuid?.() !== 0) {
    notes.push(`- Postfix anchor skipped: ${fs.existsSync(ANCHOR_SCRIPT) ? 'needs root' : `${ANCHOR_SCRIPT} missing`}`);
    return { rows, lines, failed };
  }
  for (const flags of cfg.ANCHOR_REUSE ? ['', '-d'] : ['']) {
    if (isInterrupted()) break;
    console.error(`bench: Postfix anchor${flags ? ` SOURCE_FLAGS=${flags}` : ''} …`);
    const a = await runAnchor(cfg, sizes, flags);
    rows.push(...a.rows);
    lines.push(`SOURCE_FLAGS="${flags}"`, ...a.lines.map((l) => `  ${l}`));
    if (!a.ok) {
      notes.push(
        `- Postfix anchor (SOURCE_FLAGS="${flags}") did not finish cleanly (exit ${a.code}): ${a.stderr.split('\n').slice(-3).join(' / ')}`,
      );
      if (a.rows.length === 0) failed = true;
    } else if (a.stderr) {
      notes.push(`- Postfix anchor (SOURCE_FLAGS="${flags}") stderr: ${a.stderr.split('\n').slice(0, 3).join(' / ')}`);
    }
  }
  return { rows, lines, failed };
}
