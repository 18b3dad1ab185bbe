// One Parley table row: fresh data dir, sink, serve, warm-up, N measured messages, then stop and
// collect. A row whose serve died mid-run is not a measurement, so it can be run again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isInterrupted } from './children.mjs';
import { rowCount } from './config.mjs';
import { SELLER } from './constants.mjs';
import { buildMessage } from './messages.mjs';
import { percentile } from './numbers.mjs';
import { push } from './push.mjs';
import { cpuMs, RssSampler, threadShares, runParley, startServe, stopServe } from './serve-child.mjs';
import { Sink } from './sink.mjs';
import { makeClients } from './smtp-client.mjs';
import { dirBytes, storeSummary } from './store-summary.mjs';

async function warmUp(cfg, clients, serve, sink, profile, label) {
  const deadline = performance.now() + cfg.PHASE_TIMEOUT_MS;
  // Own buyers (warm0..warm49), so the measured phase still meets its buyers first.
  const w = await push({
    clients,
    count: cfg.WARMUP,
    to: serve.rcpt,
    deadline,
    make: (i) => buildMessage(profile, i, i % 50, true),
  });
  if (w.accepted === 0)
    throw new Error(`warm-up: no message accepted; first errors: ${w.errors.slice(0, 3).join(' / ')}`);
  if ((await sink.waitFor(w.accepted, 120_000)) === null)
    throw new Error(`warm-up: the sink counted ${sink.count} of ${w.accepted} after 120 s`);
  if (w.errors.length) console.error(`bench: ${label}: ${w.errors.length} warm-up errors, e.g. ${w.errors[0]}`);
}

async function runParleyCase(cfg, sinkKind, profile, mode, profDir) {
  const n = rowCount(cfg, mode);
  const label = `parley-${profile.name}-${mode}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const sink = new Sink(sinkKind);
  let serve = null;
  let clients = [];
  let sampler = null;
  try {
    runParley([
      'seller',
      'add',
      '--data',
      dataDir,
      '--id',
      SELLER.id,
      '--name',
      SELLER.name,
      '--email',
      SELLER.email,
      '--password',
      SELLER.password,
      '--lang',
      'en',
    ]);
    await sink.start();
    serve = await startServe(dataDir, sink.port, { profDir, label });
    clients = await makeClients(cfg.CLIENT, serve.port, mode, cfg.CONC);
    if (cfg.WARMUP > 0) await warmUp(cfg, clients, serve, sink, profile, label);
    await Promise.all(clients.map((c) => c.open()));
    await sleep(200);
    const base = sink.count;

    sampler = new RssSampler(serve.proc.pid);
    const cpu0 = cpuMs(serve.proc.pid);
    // The other processes on the same 2 cores: this one (the SMTP clients) and the sink.
    const client0 = process.cpuUsage();
    const sink0 = cpuMs(sink.pid).all;
    const deadline = performance.now() + cfg.PHASE_TIMEOUT_MS;
    const r = await push({
      clients,
      count: n,
      to: serve.rcpt,
      deadline,
      make: (i) => buildMessage(profile, i, i % cfg.BUYERS, false),
    });
    const tSink = await sink.waitFor(base + r.accepted, Math.max(60_000, cfg.PHASE_TIMEOUT_MS));
    sampler.stop();
    const cpu1 = cpuMs(serve.proc.pid);
    const client1 = process.cpuUsage(client0);
    const sink1 = cpuMs(sink.pid).all;
    const hwmKb = sampler.hwmKb();
    for (const c of clients) c.close();
    clients = [];
    await sleep(100);
    const dataBytes = dirBytes(dataDir);
    const diedEarly = serve.exited;
    await stopServe(serve);
    const store = await storeSummary(dataDir);
    const lat = r.lat.sort((a, b) => a - b);
    const commit = r.commit.sort((a, b) => a - b);
    const acceptS = (r.t1 - r.t0) / 1000;
    const e2eS = tSink === null ? NaN : (tSink - r.t0) / 1000;
    return {
      system: 'Parley',
      profile: profile.name,
      bytes: profile.anchorBytes,
      mode,
      n,
      accepted: r.accepted,
      acceptRate: r.accepted / acceptS,
      e2eRate: tSink === null ? NaN : r.accepted / e2eS,
      acceptS,
      e2eS,
      p50: percentile(lat, 0.5),
      p99: percentile(lat, 0.99),
      max: lat[lat.length - 1],
      c50: percentile(commit, 0.5),
      c99: percentile(commit, 0.99),
      cpuMainMs: (cpu1.main - cpu0.main) / Math.max(1, r.accepted),
      cpuAllMs: (cpu1.all - cpu0.all) / Math.max(1, r.accepted),
      threads: threadShares(cpu0, cpu1, r.accepted),
      clientCpuMs: (client1.user + client1.system) / 1000 / Math.max(1, r.accepted),
      sinkCpuMs: (sink1 - sink0) / Math.max(1, r.accepted),
      rssMb: hwmKb / 1024,
      sampledPeakMb: sampler.peakKb / 1024,
      rssEndMb: sampler.lastKb / 1024,
      errors: r.errors.length + (r.timedOut ? n - r.attempted : 0),
      errorSamples: [...new Set(r.errors)].slice(0, 3),
      timedOut: r.timedOut,
      sinkMissing: tSink === null ? base + r.accepted - sink.count : 0,
      avgKb: r.bytes / Math.max(1, r.attempted) / 1024,
      dataMb: dataBytes / 1048576,
      store,
      internalErrors: serve.internalErrors,
      stderrTail: serve.stderr.trim().split('\n').slice(-5).join('\n'),
      diedEarly,
    };
  } finally {
    sampler?.stop();
    for (const c of clients) c.close();
    if (serve) await stopServe(serve);
    await sink.stop();
    if (!cfg.KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.error(`bench: kept ${dataDir}`);
  }
}

/**
 * Runs the row, and again (up to cfg.RETRIES times) while serve died during it. Returns the
 * last attempt, marked INVALID if serve died in that one too. A note per discarded attempt goes
 * to `notes` at once, so it is kept even when a later attempt throws.
 */
export async function runParleyRow(cfg, sinkKind, profile, mode, profDir, notes) {
  let r = await runParleyCase(cfg, sinkKind, profile, mode, profDir);
  for (let retry = 1; r.diedEarly && retry <= cfg.RETRIES && !isInterrupted(); retry++) {
    const why = `serve exited during the run (code ${r.diedEarly.code}, signal ${r.diedEarly.signal}, at ${r.diedEarly.at}) after ${r.accepted} accepted`;
    console.error(`bench: ${why}; running the row again (${retry}/${cfg.RETRIES})`);
    notes.push(`- Parley ${profile.name} ${mode}: attempt ${retry} discarded: ${why}`);
    r = await runParleyCase(cfg, sinkKind, profile, mode, profDir);
  }
  if (r.diedEarly) r.profile += ' (INVALID: serve died)';
  return r;
}
