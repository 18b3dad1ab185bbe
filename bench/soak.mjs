#!/usr/bin/env node
// Soak: `parley serve --http` relaying a steady 50 msgs/s for an hour with the inbox open in Chromium, sampled every
// 10 s. What it shows: whether memory, file descriptors and the WAL stay flat and the event loop stays responsive
// when the relay runs for a long time, not only for a burst.
//
// Load: buyer mail to the seller's relay address on inbound SMTP (mostly ~2 KB text, 8% ~50 KB with a PDF, 4% ~200 KB
// with a PNG or JPEG) and seller replies to buyers' aliases through submission (AUTH; at most one in ten, as many as
// R16's daily limit lets a seller without orders send over the whole soak), all paced to RATE msgs/s over CONC reused
// inbound connections and one pooled submission connection. Everything is forwarded to a counting sink. The inbox page
// stays open on the web bridge and gets the push events (counted).
//
// Samples (CSV): serve's RSS (/proc), its V8 heap and event-loop delay (bench/lib/soak-probe.mjs, preloaded into the
// serve process with --import, so serve carries no bench-only code), its open file descriptors (/proc/PID/fd), the
// WAL file's size, the page's JS heap (performance.memory), messages sent, accepted and delivered, and the load.
// Summary: least-squares slopes per 10 min of RSS, heap and fds after the warm-up, the WAL's peak, the event-loop p99
// after the warm-up; one SVG chart per metric. All under bench/results/soak-<timestamp>/.
//
//   node bench/soak.mjs [--minutes 60] [--rate 50] [--warmup 5]
//   env: SOAK_MINUTES SOAK_RATE SOAK_WARMUP_MIN SOAK_INTERVAL_S=10 CONC=10 BUYERS=200 KEEP=0
//   experiments: SOAK_PAGE=0 (no Chromium page), SOAK_MIX=2KB (only ~2 KB text mail), SOAK_SERVE_ENV="K=V …"
//   (environment for the serve child only, e.g. "MALLOC_ARENA_MAX=2" or "LD_PRELOAD=…libjemalloc.so.2"),
//   SERVE_NODE_ARGS="…" (node flags for the serve child)
//
// Needs the built renderer (npm run build) and /usr/bin/chromium. Binds to 127.0.0.1 only. There is no peer here:
// a soak compares the relay with itself over time (the first minutes against the last).
// Exit code: 0 when the soak ran (targets met or not), 1 when the benchmark itself failed.
/* global fetch, AbortSignal, window, EventSource -- Node 22's and, in page callbacks, the page's */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { numberArg } from './lib/args.mjs';
import { installSignalHandlers, isInterrupted, stopAll, stopChild } from './lib/children.mjs';
import { HOST, RESULTS_DIR, ROOT, SELLER } from './lib/constants.mjs';
import { assertNoDotLines, buildMessage, makeProfile } from './lib/messages.mjs';
import { percentile } from './lib/numbers.mjs';
import { cpuMs, runParley, startServe } from './lib/serve-child.mjs';
import { chooseSink, Sink } from './lib/sink.mjs';
import { makeClients } from './lib/smtp-client.mjs';
import { dirBytes, storeSummary } from './lib/store-summary.mjs';
import { svgChart } from './lib/soak-plot.mjs';
import { fdCount, fileBytes, lastProbe, rssKb, workerHeaps } from './lib/soak-sample.mjs';
import { CHARTS, COLUMNS, summarize } from './lib/soak-summary.mjs';

const { register } = await import('tsx/esm/api');
register();
const { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } = await import('../test/support/chromium.ts');
const { assertRendererBuilt } = await import('../test/support/parley-http.ts');
const { BRIDGE } = await import('../src/shared/vocabulary.ts');

const PROBE = path.join(ROOT, 'bench/lib/soak-probe.mjs');
const log = (s) => console.error(`soak: ${s}`);

function config() {
  const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
  const cfg = {
    minutes: numberArg('minutes', env('SOAK_MINUTES', 60)),
    rate: numberArg('rate', env('SOAK_RATE', 50)),
    warmupMin: numberArg('warmup', env('SOAK_WARMUP_MIN', 5)),
    intervalS: env('SOAK_INTERVAL_S', 10),
    conc: env('CONC', 10),
    buyers: env('BUYERS', 200),
    keep: env('KEEP', 0) === 1,
    page: env('SOAK_PAGE', 1) !== 0,
    mix: process.env.SOAK_MIX ?? 'soak-mix',
    serveEnv: Object.fromEntries(
      (process.env.SOAK_SERVE_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    ),
  };
  for (const [k, v] of Object.entries(cfg))
    if (typeof v === 'number' && !(v >= 0)) throw new Error(`${k} must be a non-negative number, got ${v}`);
  if (cfg.warmupMin >= cfg.minutes) throw new Error('the warm-up must be shorter than the soak');
  cfg.replyEvery = replyEvery(cfg);
  return cfg;
}

/** Buyer mail: 88% ~2 KB text, 8% ~50 KB + PDF, 4% ~200 KB + PNG/JPEG (the relay bench's templates). */
function soakProfile(name = 'soak-mix') {
  const mix = makeProfile('200KB-mix'); // by i % 10: 0–4 text, 5–7 PDF, 8 PNG, 9 JPEG
  if (name === '2KB') return { name, pick: () => mix.pick(0) };
  if (name !== 'soak-mix') throw new Error(`SOAK_MIX must be soak-mix or 2KB, got ${name}`);
  return {
    name: 'soak-mix',
    pick: (i) => {
      const r = i % 100;
      if (r < 88) return mix.pick(0);
      if (r < 96) return mix.pick(5);
      return mix.pick(8 + (r % 2));
    },
  };
}
/**
 * Seller replies through submission: every `replyEvery`-th message, at most one in ten, and few enough that the whole
 * soak stays under R16's daily limit for a seller without orders (600 a day): above it every reply is refused with
 * 550, which would measure the refusal, not the relay. SOAK_REPLY_EVERY overrides.
 */
function replyEvery(cfg) {
  if (process.env.SOAK_REPLY_EVERY) return Number(process.env.SOAK_REPLY_EVERY);
  return Math.max(10, Math.ceil((cfg.rate * cfg.minutes * 60) / REPLY_BUDGET));
}
const REPLY_BUDGET = 550;

function sellerReply(i, aliasAddress) {
  const body = `Thank you for your message. Your parcel left our warehouse today (reply ${i}).\r\n`.repeat(20);
  return Buffer.from(
    [
      `From: ${SELLER.name} <${SELLER.email}>`,
      `To: <${aliasAddress}>`,
      `Subject: Re: your order (reply ${i})`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <soak-reply-${process.pid}-${i}@bench-shop.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );
}

/** serve --http with the probe preloaded; resolves with its pid, ports and bridge URL once it is ready. */
async function startSoakServe(dataDir, sinkPort, statsFile, intervalS, serveEnv) {
  const env = { PARLEY_SOAK_STATS: statsFile, PARLEY_SOAK_INTERVAL_MS: String(intervalS * 1000), ...serveEnv };
  const state = await startServe(dataDir, sinkPort, {
    http: true,
    nodeArgs: ['--import', PROBE],
    env,
    readyMs: 90_000,
  });
  state.smtpPort = state.port;
  return state;
}

async function call(serve, name, input) {
  const res = await fetch(serve.origin + BRIDGE.callPath(name), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [BRIDGE.tokenHeader]: serve.token },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.json();
  if (!body.ok) throw new Error(`${name}: ${body.error.code}: ${body.error.message}`);
  return body.value;
}

/** The inbox in Chromium, counting the push events it receives (EventSource wrapped before the app loads). */
async function openInbox(url) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    window.__soakEvents = 0;
    const add = EventSource.prototype.addEventListener;
    EventSource.prototype.addEventListener = function (type, listener, opts) {
      const counted = (ev) => {
        window.__soakEvents += 1;
        return typeof listener === 'function' ? listener.call(this, ev) : listener.handleEvent(ev);
      };
      return add.call(this, type, counted, opts);
    };
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="conversation-row"]', { timeout: 60_000 });
  return { browser, page };
}

async function pageSample(page) {
  try {
    return await page.evaluate(
      () => ({ heap: performance.memory?.usedJSHeapSize ?? null, events: window.__soakEvents ?? null }),
      undefined,
      { timeout: 5_000 },
    );
  } catch {
    return { heap: null, events: null };
  }
}

/** Sends messages from `first` on at `rate`/s until `endAt` (performance.now()); counters live in `stats`. */
async function paced({ cfg, inbound, submit, serve, aliases, first, endAt, stats }) {
  const profile = soakProfile(cfg.mix);
  const t0 = performance.now();
  let next = first;
  const one = async (client, i) => {
    const buyer = i % cfg.buyers;
    let r;
    if (i % cfg.replyEvery === 3 && aliases.has(buyer)) {
      const to = aliases.get(buyer);
      const raw = sellerReply(i, to);
      stats.bytes += raw.length;
      try {
        const info = await submit.sendMail({ envelope: { from: SELLER.email, to: [to] }, raw });
        r = { ok: String(info.response).startsWith('250'), text: info.response };
      } catch (err) {
        r = { ok: false, text: err.message };
      }
      stats.replies += 1;
    } else {
      const { from, raw } = buildMessage(profile, i, buyer, false);
      stats.bytes += raw.length;
      const s = performance.now();
      r = await client.send(from, serve.rcpt, raw);
      if (r.ok) stats.lat.push(performance.now() - s);
    }
    stats.sent += 1;
    if (r.ok) stats.accepted += 1;
    else {
      stats.errors += 1;
      // By kind: the reply's first 60 characters (code and rule), counted.
      const kind = String(r.text ?? r.code).slice(0, 60);
      stats.errorKinds.set(kind, (stats.errorKinds.get(kind) ?? 0) + 1);
    }
  };
  await Promise.all(
    inbound.map(async (client) => {
      for (;;) {
        const i = next++;
        const due = t0 + ((i - first) * 1000) / cfg.rate;
        if (due >= endAt || isInterrupted() || serve.exited) return;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        else stats.late += 1;
        await one(client, i);
      }
    }),
  );
  return next;
}

async function main() {
  installSignalHandlers();
  const cfg = config();
  assertRendererBuilt();
  if (cfg.page) assertChromium();
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-').replace('Z', '');
  const outDir = path.join(RESULTS_DIR, `soak-${stamp}`);
  fs.mkdirSync(outDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-soak-'));
  // Ctrl+C ends the process from the signal handler, past the finally below.
  if (!cfg.keep) process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const statsFile = path.join(outDir, 'serve-probe.jsonl');
  const load0 = os.loadavg();
  const profile = soakProfile(cfg.mix);
  assertNoDotLines(profile);
  const sink = new Sink(chooseSink('auto'));
  let serve = null;
  let browser = null;
  let inbound = [];
  let submit = null;
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
    // Seed: each buyer writes once, so every conversation (and its alias) exists before the replies start.
    serve = await startSoakServe(dataDir, sink.port, statsFile, cfg.intervalS, cfg.serveEnv);
    log(
      `serve pid ${serve.proc.pid}, inbound ${serve.smtpPort}, submission ${serve.submissionPort}, bridge ${serve.origin}`,
    );
    inbound = await makeClients('raw', serve.smtpPort, 'reuse', cfg.conc);
    await Promise.all(inbound.map((c) => c.open()));
    const seedErrors = [];
    const seedProfile = { pick: () => profile.pick(0) };
    for (let b = 0; b < cfg.buyers; b += inbound.length)
      await Promise.all(
        inbound.map(async (c, k) => {
          if (b + k >= cfg.buyers) return;
          const { from, raw } = buildMessage(seedProfile, b + k, b + k, false);
          const r = await c.send(from, serve.rcpt, raw);
          if (!r.ok) seedErrors.push(r.text);
        }),
      );
    if (seedErrors.length) throw new Error(`seeding: ${seedErrors.length} refused, e.g. ${seedErrors[0]}`);
    if ((await sink.waitFor(cfg.buyers, 120_000)) === null) throw new Error(`seeding: the sink counted ${sink.count}`);
    const aliases = new Map();
    const list = await call(serve, 'inbox.list', { filter: 'all', offset: 0, limit: 500 });
    for (const row of list.rows) {
      const m = /Buyer (\d+)/.exec(row.buyerName ?? '');
      if (m) aliases.set(Number(m[1]), row.aliasAddress);
    }
    log(`seeded ${cfg.buyers} buyers; ${aliases.size} aliases known`);
    if (aliases.size === 0) throw new Error(`no aliases from inbox.list: ${JSON.stringify(list).slice(0, 500)}`);
    submit = nodemailer.createTransport({
      host: HOST,
      port: serve.submissionPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Infinity,
      auth: { user: SELLER.id, pass: SELLER.password },
    });
    if (cfg.page) ({ browser } = await openInbox(serve.url).then((x) => ((serve.page = x.page), x)));
    log(
      `${browser ? `inbox open in Chromium ${browser.version()}` : 'no inbox page'}; ${cfg.minutes} min at ${cfg.rate} msgs/s, warm-up ${cfg.warmupMin} min, ` +
        `a seller reply every ${cfg.replyEvery} messages`,
    );

    const stats = { sent: 0, accepted: 0, errors: 0, replies: 0, late: 0, bytes: 0, lat: [], errorKinds: new Map() };
    const tStart = performance.now();
    const endAt = tStart + cfg.minutes * 60_000;
    // The probe's run-long event-loop histogram starts where the warm-up ends.
    fs.writeFileSync(`${statsFile}.run-from`, String(Date.now() + cfg.warmupMin * 60_000));
    const sinkBase = sink.count;
    const rows = [];
    const csv = fs.createWriteStream(path.join(outDir, 'samples.csv'));
    csv.write(`${COLUMNS.map(([k]) => k).join(',')}\n`);
    let lastCpu = cpuMs(serve.proc.pid);
    let lastT = tStart;
    let lastAccepted = 0;
    const sample = async () => {
      const now = performance.now();
      const probe = lastProbe(statsFile);
      const pg = serve.page ? await pageSample(serve.page) : { heap: null, events: null };
      const wk = workerHeaps(statsFile);
      const cpu = cpuMs(serve.proc.pid);
      const mb = (b) => (b === null || b === undefined ? NaN : b / 1048576);
      const row = {
        t_min: (now - tStart) / 60_000,
        rss_mb: rssKb(serve.proc.pid) / 1024,
        heap_used_mb: mb(probe?.heapUsed),
        heap_total_mb: mb(probe?.heapTotal),
        external_mb: mb(probe && probe.external + probe.arrayBuffers),
        rss_anon_mb: mb(probe?.RssAnon),
        rss_file_mb: mb(probe?.RssFile),
        rss_shmem_mb: mb(probe?.RssShmem),
        vm_data_mb: mb(probe?.VmData),
        threads: probe?.Threads ?? NaN,
        workers_heap_mb: mb(wk.heap),
        fds: fdCount(serve.proc.pid),
        wal_mb: fileBytes(path.join(dataDir, 'parley.sqlite3-wal')) / 1048576,
        loop_p99_ms: probe?.intervalP99Ms ?? NaN,
        loop_max_ms: probe?.intervalMaxMs ?? NaN,
        cpu_pct: ((cpu.all - lastCpu.all) / (now - lastT)) * 100,
        page_heap_mb: mb(pg.heap),
        page_events: pg.events ?? NaN,
        sent: stats.sent,
        accepted: stats.accepted,
        delivered: sink.count - sinkBase,
        errors: stats.errors,
        load1: os.loadavg()[0],
        rate: ((stats.accepted - lastAccepted) * 1000) / (now - lastT),
      };
      lastCpu = cpu;
      lastT = now;
      lastAccepted = stats.accepted;
      rows.push(row);
      csv.write(`${COLUMNS.map(([k]) => (Number.isFinite(row[k]) ? +row[k].toFixed(3) : '')).join(',')}\n`);
      log(
        `${row.t_min.toFixed(1)} min: rss ${row.rss_mb.toFixed(0)} MB (anon ${row.rss_anon_mb.toFixed(0)}, file ${row.rss_file_mb.toFixed(0)}, ` +
          `workers' heaps ${row.workers_heap_mb.toFixed(0)}, threads ${row.threads}), heap ${row.heap_used_mb.toFixed(0)} MB, fds ${row.fds}, ` +
          `wal ${row.wal_mb.toFixed(1)} MB, loop p99 ${row.loop_p99_ms.toFixed(1)} ms, page ${row.page_heap_mb.toFixed(0)} MB / ` +
          `${row.page_events} events, ${row.rate.toFixed(1)} msgs/s, delivered ${row.delivered}/${row.accepted}, errors ${row.errors}, load ${row.load1.toFixed(2)}`,
      );
    };
    const sampler = (async () => {
      for (let k = 1; ; k++) {
        const due = tStart + k * cfg.intervalS * 1000;
        if (due > endAt + 1 || isInterrupted() || serve.exited) return;
        await sleep(Math.max(0, due - performance.now()));
        await sample();
      }
    })();
    await paced({ cfg, inbound, submit, serve, aliases, first: cfg.buyers, endAt, stats });
    await sampler;
    csv.end();
    const tDrain = performance.now();
    const drained = await sink.waitFor(sinkBase + stats.accepted, 120_000);
    const drainS = drained === null ? NaN : (drained - tDrain) / 1000;
    const finalProbe = lastProbe(statsFile);
    fs.rmSync(`${statsFile}.run-from`, { force: true });
    const lat = stats.lat.sort((a, b) => a - b);
    const summary = summarize(cfg, rows, { runLoopP99Ms: finalProbe?.runP99Ms ?? NaN });

    for (const c of CHARTS) {
      const svg = svgChart({
        title: c.title,
        unit: c.unit,
        points: rows.map((r) => [r.t_min, r[c.key]]),
        warmupMin: cfg.warmupMin,
        target: c.target,
      });
      fs.writeFileSync(path.join(outDir, `${c.key.replace(/_/g, '-')}.svg`), svg);
    }
    for (const c of inbound) c.close();
    inbound = [];
    submit.close();
    await browser?.close();
    browser = null;
    const dataMb = dirBytes(dataDir) / 1048576;
    const died = serve.exited;
    serve.stopping = true;
    await stopChild(serve.entry, 60_000);
    const store = await storeSummary(dataDir);
    const elapsedS = (rows.at(-1)?.t_min ?? 0) * 60;
    const md = [
      `# Soak ${started.toISOString()}`,
      '',
      `${cfg.minutes} min at ${cfg.rate} msgs/s (warm-up ${cfg.warmupMin} min, a sample every ${cfg.intervalS} s), ` +
        `${cfg.conc} inbound connections + 1 submission connection (a seller reply every ${cfg.replyEvery} messages), ${cfg.buyers} buyers, mail mix ${cfg.mix}; ` +
        `${cfg.page ? `the inbox open in Chromium (${CHROMIUM_PATH})` : 'no inbox page'}` +
        `${Object.keys(cfg.serveEnv).length ? `; serve's extra environment: ${process.env.SOAK_SERVE_ENV}` : ''}` +
        `${process.env.SERVE_NODE_ARGS ? `; serve's node flags: ${process.env.SERVE_NODE_ARGS}` : ''}. Load average at the start ${load0.map((x) => x.toFixed(2)).join(' ')}, at the end ` +
        `${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')} (${os.cpus().length} cores, shared). No peer: the soak compares the relay with itself over time.`,
      '',
      summary.table,
      '',
      `- sent ${stats.sent} (${stats.replies} seller replies through submission), accepted ${stats.accepted} ` +
        `(${(stats.accepted / elapsedS).toFixed(1)} msgs/s), delivered to the sink ${sink.count - sinkBase}` +
        `${drained === null ? ' (NOT all within 120 s after the end)' : ` (the rest ${drainS.toFixed(1)} s after the end)`}, ` +
        `errors ${stats.errors}${stats.errors ? ` (${[...stats.errorKinds].map(([k, n]) => `${n}× "${k}…"`).join(', ')})` : ''}, ` +
        `sends that started late (the relay or the machine behind) ${stats.late}`,
      `- inbound accept latency p50 ${percentile(lat, 0.5)?.toFixed(1)} ms, p99 ${percentile(lat, 0.99)?.toFixed(1)} ms; ` +
        `mean message ${(stats.bytes / Math.max(1, stats.sent) / 1024).toFixed(1)} KB`,
      `- push events received by the page: ${rows.at(-1)?.page_events}; data directory at the end ${dataMb.toFixed(0)} MB; store: ${store}`,
      died
        ? `- **serve exited during the soak** (code ${died.code}, signal ${died.signal}, at ${died.at}); its last words:\n\n` +
          '```\n' +
          `${(serve.stderr + serve.stdout.slice(-2000)).trim().split('\n').slice(-15).join('\n')}\n` +
          '```'
        : null,
      '',
      `Charts: ${CHARTS.map((c) => `${c.key.replace(/_/g, '-')}.svg`).join(', ')}; samples: samples.csv; serve's own probe: serve-probe.jsonl.`,
    ]
      .filter((l) => l !== null)
      .join('\n');
    fs.writeFileSync(path.join(outDir, 'summary.md'), `${md}\n`);
    console.log(md);
    console.log(`\n(written to ${path.relative(ROOT, outDir)}/)`);
    if (died) process.exitCode = 1;
  } finally {
    for (const c of inbound) c.close();
    submit?.close();
    await browser?.close().catch(() => {});
    if (serve) serve.stopping = true;
    await sink.stop();
    await stopAll();
    if (!cfg.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    else log(`kept ${dataDir}`);
  }
}

try {
  await main();
} catch (err) {
  console.error(`soak: ${err.stack ?? err}`);
  await stopAll();
  process.exitCode = 1;
}
