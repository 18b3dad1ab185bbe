#!/usr/bin/env node
// Ingest and search benchmark, side by side with notmuch (the anchor: ../shared/anchors/notmuch-index.sh).
//
// For 20,000 and then 100,000 messages of the deterministic Maildir that ../shared/anchors/make-corpus.py writes
// (cached under $TMPDIR/parley-bench-ingest/, made once per count and seed):
//   1. notmuch's initial index (`notmuch new` on a fresh database) -> messages/s
//   2. Parley's import in-process (importMail through the core, the call the app and the CLI make) -> messages/s
//   3. Parley's import through the CLI (`parley import --seller ID --maildir DIR`, a fresh process and store)
//   4. the same 20 queries (QUERIES below) through `notmuch search` and through Parley's inbox search (the
//      'inbox.search' contract call's core, searchShops, in-process), REPS passes each -> p50 / p95 ms
// Prints one table with both systems and the ratio, and writes it to bench/results/ingest-<timestamp>.md.
//
//   node bench/ingest.mjs     env: INGEST_SKIP_100K=1 (only 20k), INGEST_COUNTS=20000,100000, INGEST_REPS=3,
//                                  INGEST_SEED=20240501, INGEST_CLI=0 (skip the CLI run), INGEST_CACHE=DIR,
//                                  (profile: node --cpu-prof --cpu-prof-dir=DIR bench/ingest.mjs)
//
// Targets (issue "side by side with the peers"): import >= 1.0x notmuch's initial index rate at 20k; search p95
// <= 50 ms in-process at 20k and <= 100 ms at 100k. The notmuch search times include its process start (it has no
// in-process call here); they are the anchor's own way of measuring (notmuch-index.sh).
// Exit code: 0 when the measurement ran (targets met or not), 1 when the benchmark itself failed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ANCHORS = path.resolve(ROOT, '../shared/anchors');
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const SEED = Number(process.env.INGEST_SEED ?? 20240501);
const REPS = Number(process.env.INGEST_REPS ?? 3);
const CACHE = process.env.INGEST_CACHE ?? path.join(os.tmpdir(), 'parley-bench-ingest');
const COUNTS = (process.env.INGEST_COUNTS ?? (process.env.INGEST_SKIP_100K === '1' ? '20000' : '20000,100000'))
  .split(',')
  .map(Number);
const SELLER = { id: 'bench-shop', name: 'Bench Shop', email: 'seller@shop.example' };
const LIMIT = 50; // the inbox asks for 50 conversations; notmuch gets the same --limit
const log = (s) => console.error(`bench: ${s}`);

/**
 * The 20 queries, as a seller would type them into Parley's search box, each with the same question in notmuch's
 * syntax. All occur in the corpus (make-corpus.py's vocabulary: German and English buyers, 15 shops, order numbers
 * like W-2022-463480). Parley has no phrase syntax: "tracking number" asks for both words; notmuch gets the phrase.
 * The alias piece: a seller pastes six characters of a buyer's alias; notmuch knows no aliases, so it is asked for
 * that buyer's address (the same conversations). `alias:` is filled in after the import (the alias is random).
 */
const QUERIES = [
  { kind: 'name (de)', parley: 'Müller', notmuch: 'Müller' },
  { kind: 'name (de)', parley: 'Schröder', notmuch: 'Schröder' },
  { kind: 'name (en)', parley: 'Smith', notmuch: 'Smith' },
  { kind: 'full name', parley: 'Emily Anderson', notmuch: 'Emily Anderson' },
  { kind: 'order number', parley: 'W-2022-463480', notmuch: 'W-2022-463480' },
  { kind: 'order number', parley: 'B-2023-774132', notmuch: 'B-2023-774132' },
  { kind: 'word (de)', parley: 'Rechnung', notmuch: 'Rechnung' },
  { kind: 'word (en)', parley: 'invoice', notmuch: 'invoice' },
  { kind: 'word (de)', parley: 'Lieferung', notmuch: 'Lieferung' },
  { kind: 'word (en)', parley: 'refund', notmuch: 'refund' },
  { kind: 'word (de)', parley: 'Gewährleistung', notmuch: 'Gewährleistung' },
  { kind: 'word (en)', parley: 'warranty', notmuch: 'warranty' },
  { kind: 'word (de)', parley: 'Retourenetikett', notmuch: 'Retourenetikett' },
  { kind: 'word (en)', parley: 'tracking', notmuch: 'tracking' },
  { kind: 'word (de)', parley: 'Rabatt', notmuch: 'Rabatt' },
  { kind: 'word (de)', parley: 'Widerrufsfrist', notmuch: 'Widerrufsfrist' },
  { kind: 'word (de)', parley: 'Sendungsnummer', notmuch: 'Sendungsnummer' },
  { kind: 'phrase (en)', parley: 'tracking number', notmuch: '"tracking number"' },
  { kind: 'two words (de)', parley: 'Lieferadresse Bestellung', notmuch: 'Lieferadresse Bestellung' },
  { kind: 'alias piece', parley: 'alias:anderson.emily@proton.me', notmuch: '' },
];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const loadavg = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

function corpus(count) {
  const dir = path.join(CACHE, `corpus-${count}-${SEED}`);
  const done = path.join(dir, 'made.txt');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    log(`making the ${count}-message corpus in ${dir}`);
    const r = spawnSync(
      'python3',
      [path.join(ANCHORS, 'make-corpus.py'), path.join(dir, 'mail'), '--count', `${count}`, '--seed', `${SEED}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (r.status !== 0) throw new Error(`make-corpus.py failed (${r.status})`);
    fs.writeFileSync(done, r.stdout);
  }
  return path.join(dir, 'mail');
}

/** notmuch: a config whose database lives in a work dir (the cached corpus stays untouched), then `notmuch new`. */
function notmuchIndex(mail, work) {
  const db = path.join(work, 'notmuch-db');
  fs.mkdirSync(db, { recursive: true });
  const conf = path.join(work, 'notmuch-config');
  fs.writeFileSync(
    conf,
    `[database]\npath=${db}\nmail_root=${mail}\n[user]\nname=Anchor Bench\nprimary_email=bench@anchor.test\n` +
      `[new]\ntags=unread;inbox;\nignore=\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=true\n`,
  );
  const env = { ...process.env, NOTMUCH_CONFIG: conf };
  delete env.NOTMUCH_PROFILE;
  delete env.NOTMUCH_DATABASE;
  spawnSync('sync');
  const t = performance.now();
  const r = spawnSync('notmuch', ['new', '--quiet'], { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`notmuch new failed: ${r.stderr}`);
  const count = Number(spawnSync('notmuch', ['count', '*'], { env, encoding: 'utf8' }).stdout.trim());
  return { env, ms, count };
}

function notmuchSearch(env, q) {
  const t = performance.now();
  const r = spawnSync('notmuch', ['search', '--output=threads', `--limit=${LIMIT}`, q], { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`notmuch search ${q} failed: ${r.stderr}`);
  return { ms, hits: r.stdout.split('\n').filter(Boolean).length };
}

/** Parley's import through the CLI: a fresh process and store, the seller added first (not timed). */
async function cliImport(mail, work) {
  const data = path.join(work, 'cli-data');
  const cli = (args) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/parley.js'), ...args, '--data', data], { encoding: 'utf8' });
  const add = cli(['seller', 'add', '--id', SELLER.id, '--name', SELLER.name, '--email', SELLER.email, '--lang', 'en']);
  if (add.status !== 0) throw new Error(`parley seller add failed: ${add.stderr}`);
  const t = performance.now();
  const out = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/parley.js'), 'import', '--seller', SELLER.id, '--maildir', mail, '--data', data, '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`parley import: ${code} ${stderr}`))));
  });
  const ms = performance.now() - t;
  return { ms, result: JSON.parse(out) };
}

async function run(count, core) {
  const mail = corpus(count);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `parley-ingest-${count}-`));
  try {
    log(`${count}: notmuch new (load ${loadavg()})`);
    const nm = notmuchIndex(mail, work);
    log(`${count}: notmuch indexed ${nm.count} in ${fmt(nm.ms / 1000, 2)} s`);

    log(`${count}: Parley import in-process (load ${loadavg()})`);
    const ctx = new core.CoreContext({ dataDir: path.join(work, 'data'), domain: 'relay.test', dns: 'offline' });
    try {
      ctx.sellers.add({ ...SELLER, password: 'bench-password', language: 'en' });
      const seller = ctx.sellers.require(SELLER.id);
      const t = performance.now();
      const result = await core.importMail(ctx, { sellerId: SELLER.id, kind: 'maildir', source: mail });
      const importMs = performance.now() - t;
      log(
        `${count}: Parley imported ${result.imported}, skipped ${result.skipped}, duplicates ${result.duplicates}, ` +
          `refused ${result.refused} in ${fmt(importMs / 1000, 2)} s`,
      );

      const queries = QUERIES.map((q) => {
        if (!q.parley.startsWith('alias:')) return q;
        const buyer = q.parley.slice('alias:'.length);
        const pair = ctx.pairs.find(SELLER.id, buyer);
        if (!pair) throw new Error(`no pair for the buyer ${buyer}`);
        return { ...q, parley: pair.alias.slice(0, 6), notmuch: `from:${buyer} or to:${buyer}` };
      });
      core.searchShops(ctx, [seller], false, 'warm', LIMIT);
      spawnSync('notmuch', ['search', '--output=threads', '*'], { env: nm.env, stdio: 'ignore' });
      const ps = [];
      const ns = [];
      const per = queries.map((q) => ({ ...q, p: [], n: [], pHits: 0, nHits: 0 }));
      for (let rep = 0; rep < REPS; rep++) {
        for (const q of per) {
          const t0 = performance.now();
          const rows = core.searchShops(ctx, [seller], false, q.parley, LIMIT);
          const pm = performance.now() - t0;
          const n = notmuchSearch(nm.env, q.notmuch);
          q.p.push(pm);
          q.n.push(n.ms);
          q.pHits = rows.length;
          q.nHits = n.hits;
          ps.push(pm);
          ns.push(n.ms);
        }
      }
      ps.sort((a, b) => a - b);
      ns.sort((a, b) => a - b);
      const cli =
        process.env.INGEST_CLI === '0'
          ? null
          : (log(`${count}: Parley import via the CLI`), await cliImport(mail, work));
      return {
        count,
        notmuch: { rate: (nm.count * 1000) / nm.ms, s: nm.ms / 1000, indexed: nm.count },
        parley: { rate: (result.done * 1000) / importMs, s: importMs / 1000, result },
        cli: cli && { rate: (cli.result.done * 1000) / cli.ms, s: cli.ms / 1000, result: cli.result },
        search: { p50: pct(ps, 0.5), p95: pct(ps, 0.95), n50: pct(ns, 0.5), n95: pct(ns, 0.95) },
        per,
        load: loadavg(),
      };
    } finally {
      ctx.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const skipped = (res) => {
  const why = Object.entries(res.skippedBy).filter(([, v]) => v);
  return why.length ? ` (${why.map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
};

function report(started, rows) {
  const rev = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src'], {
    encoding: 'utf8',
  }).stdout.trim();
  const nmv = spawnSync('notmuch', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const out = [
    `# bench/ingest ${started.toISOString()}`,
    '',
    `Parley ${rev}${dirty ? ' + uncommitted changes in src/' : ''}, ${nmv}, Node ${process.version}, ` +
      `${os.cpus().length} CPUs, corpus seed ${SEED}, ${REPS} passes of ${QUERIES.length} queries, limit ${LIMIT}`,
    '',
    '| messages | measure | Parley | notmuch | ratio (Parley ÷ notmuch; for ms notmuch ÷ Parley) | target | load avg |',
    '|---:|---|---:|---:|---:|---|---|',
  ];
  for (const r of rows) {
    const importOk = r.count !== 20000 ? '' : r.parley.rate >= r.notmuch.rate ? '≥ 1.0× ✓' : '≥ 1.0× ✗';
    const limit = r.count >= 100000 ? 100 : 50;
    out.push(
      `| ${r.count} | import msgs/s, in-process | ${fmt(r.parley.rate, 0)} (${fmt(r.parley.s, 1)} s) | ${fmt(r.notmuch.rate, 0)} (${fmt(r.notmuch.s, 1)} s) | ${ratio(r.parley.rate, r.notmuch.rate)} | ${importOk} | ${r.load} |`,
    );
    if (r.cli)
      out.push(
        `| ${r.count} | import msgs/s, \`parley import\` CLI | ${fmt(r.cli.rate, 0)} (${fmt(r.cli.s, 1)} s) | ${fmt(r.notmuch.rate, 0)} | ${ratio(r.cli.rate, r.notmuch.rate)} | | |`,
      );
    out.push(
      `| ${r.count} | search p50 ms | ${fmt(r.search.p50, 2)} | ${fmt(r.search.n50, 2)} | ${ratio(r.search.n50, r.search.p50)} | | |`,
      `| ${r.count} | search p95 ms | ${fmt(r.search.p95, 2)} | ${fmt(r.search.n95, 2)} | ${ratio(r.search.n95, r.search.p95)} | ≤ ${limit} ms ${r.search.p95 <= limit ? '✓' : '✗'} | |`,
    );
  }
  out.push(
    '',
    'Parley in-process: the core call, no IPC. notmuch: `notmuch search --output=threads`, its process start included.',
  );
  for (const r of rows) {
    const res = r.parley.result;
    out.push(
      '',
      `## ${r.count} messages`,
      '',
      `notmuch indexed ${r.notmuch.indexed}; Parley imported ${res.imported}, skipped ${res.skipped}${skipped(res)}, ` +
        `duplicates ${res.duplicates}, refused ${res.refused}` +
        (r.cli ? `; CLI run imported ${r.cli.result.imported}` : ''),
      '',
      '| query (Parley) | kind | Parley median ms | conversations | notmuch query | notmuch median ms | threads |',
      '|---|---|---:|---:|---|---:|---:|',
      ...r.per.map((q) => {
        const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
        return `| ${q.parley} | ${q.kind} | ${fmt(med(q.p), 2)} | ${q.pHits} | \`${q.notmuch}\` | ${fmt(med(q.n), 1)} | ${q.nHits} |`;
      }),
    );
  }
  return out.join('\n');
}

async function main() {
  // As bin/parley.js does for the CLI: the blob writer's syncs run on libuv's pool, which starts with the first use.
  process.env.UV_THREADPOOL_SIZE ??= '16';
  const started = new Date();
  if (spawnSync('notmuch', ['--version']).status !== 0) throw new Error('notmuch missing: apt-get install -y notmuch');
  const { register } = await import('tsx/esm/api');
  register();
  const core = {
    ...(await import('../src/main/core/context.ts')),
    ...(await import('../src/main/core/ops/mail-import.ts')),
    ...(await import('../src/main/core/app/shops.ts')),
  };
  const rows = [];
  for (const count of COUNTS) rows.push(await run(count, core));
  const text = report(started, rows);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `ingest-${started.toISOString().replace(/[:.]/g, '-').replace('Z', '')}.md`);
  fs.writeFileSync(file, `${text}\n`);
  console.log(text);
  console.log(`\n(written to ${path.relative(ROOT, file)})`);
}

try {
  await main();
} catch (err) {
  console.error(`bench: failed: ${err?.stack ?? err}`);
  process.exitCode = 1;
}
