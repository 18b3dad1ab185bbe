#!/usr/bin/env node
// Orders and performance benchmark: the order-report import of a generated 50,000-row
// file through the app's chunked import (target < 5 s), its re-import (every row unchanged), and
// the Performance view (performance.get) on the 100,000-message store of bench/ui (target
// < 300 ms, median of 5 after one warm-up). Prints `metric | target | measured | ok` and writes
// it to bench/results/orders-<timestamp>.md.
//
//   node bench/orders.mjs        env: ORDERS_ROWS=50000 UI_STORE=bench/results/ui-store-…
//
// The 100,000-message store is the one `npm run bench:ui` generates and caches; it is copied to a
// temp folder first (opening it could migrate it). Without it that row says so.
// Exit code: 0 when the benchmark ran (targets met or not), 1 when it failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const { register } = await import('tsx/esm/api');
register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CoreContext } = await import('../src/main/core/context.ts');
const { importOrderReport } = await import('../src/main/core/app/orders.ts');
const { getPerformance } = await import('../src/main/core/app/performance.ts');
const { sqlValue } = await import('../src/main/core/store/inspect.ts');

const ROWS = Number(process.env.ORDERS_ROWS ?? 50_000);
const rows = [];
const ok = (pass) => (pass ? 'yes' : 'NO');

function report(n) {
  // Shuffled header with an unknown column, as the marketplace's report may come.
  const lines = ['sku\tbuyer-email\torder-id\tpurchase-date\tbuyer-name\tcategory\tship-service-level'];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `SKU-${i % 300}\tbuyer${i % 8000}@example.com\t303-${String(i).padStart(7, '0')}-${String(i % 97).padStart(7, '0')}\t2026-10-${day}T${String(i % 24).padStart(2, '0')}:15:00Z\tKäufer Nummer ${i % 8000}\t${i % 11 === 0 ? 'handmade' : 'standard'}\tStandard`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-orders-'));
try {
  // 1. Import and re-import into a fresh store.
  const ctx = new CoreContext({ dataDir: path.join(tmp, 'import'), domain: 'relay.bench', dns: 'offline' });
  ctx.sellers.add({
    id: 'bench-shop',
    name: 'Bench Shop',
    email: 'cs@bench.example',
    password: 'bench-password',
    language: 'en',
  });
  const seller = ctx.sellers.require('bench-shop');
  const data = report(ROWS);
  let progressEvents = 0;
  const first = await importOrderReport(ctx, seller, data, () => progressEvents++);
  rows.push([
    `import ${ROWS.toLocaleString('en')} rows`,
    '< 5000 ms',
    `${first.ms} ms (${first.imported} new, ${first.failed.length} failed, ${progressEvents} progress events)`,
    ok(first.ms < 5000 && first.imported === ROWS),
  ]);
  const again = await importOrderReport(ctx, seller, data, () => {});
  rows.push([
    're-import the same file',
    'all unchanged',
    `${again.ms} ms (${again.unchanged} unchanged, ${again.imported} new, ${again.failed.length} failed)`,
    ok(again.unchanged === ROWS && again.imported === 0 && again.failed.length === 0),
  ]);
  ctx.close();

  // 2. performance.get on the 100,000-message store.
  const store =
    process.env.UI_STORE ??
    fs
      .readdirSync(path.join(root, 'bench/results'))
      .filter((n) => n.startsWith('ui-store-') && n.includes('m100000'))
      .map((n) => path.join(root, 'bench/results', n))
      .at(-1);
  if (!store || !fs.existsSync(path.join(store, 'parley.sqlite3'))) {
    rows.push([
      'performance.get, 100,000 messages',
      '< 300 ms',
      'n/a: no bench/ui store (run npm run bench:ui once)',
      'n/a',
    ]);
  } else {
    const dir = path.join(tmp, 'perf');
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(store).filter((n) => n.startsWith('parley.sqlite3')))
      fs.copyFileSync(path.join(store, f), path.join(dir, f));
    const perf = new CoreContext({ dataDir: dir, dns: 'offline' });
    const messages = sqlValue(perf.store, 'SELECT COUNT(*) FROM messages');
    const perfSeller = perf.sellers.require(sqlValue(perf.store, 'SELECT id FROM sellers ORDER BY id LIMIT 1'));
    getPerformance(perf, perfSeller); // warm-up
    const times = [];
    let view;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      view = getPerformance(perf, perfSeller);
      times.push(performance.now() - t);
    }
    const ms = median(times);
    const w90 = view.windows.find((w) => w.days === 90);
    rows.push([
      `performance.get, ${messages.toLocaleString('en')} messages`,
      '< 300 ms (median of 5)',
      `${ms.toFixed(1)} ms (90 days: ${w90.total} counted, share ${(w90.share * 100).toFixed(1)} %)`,
      ok(ms < 300),
    ]);
    perf.close();
  }

  const table = [
    '| metric | target | measured | ok |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  console.log(table);
  const out = path.join(root, 'bench/results', `orders-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  fs.writeFileSync(
    out,
    `# bench:orders (${new Date().toISOString()}, ${os.cpus().length} CPUs, Node ${process.version})\n\n${table}\n`,
  );
  console.log(`written to ${path.relative(root, out)}`);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
