/**
 * bench/ui: how the inbox holds up on a big store (100,000 messages in 10,000
 * conversations). Generates (or reuses) the store, starts `parley serve --http` on it, measures
 * in Chromium, prints the table and writes it to bench/results/ui-<timestamp>.md.
 *   env: UI_CONVERSATIONS=10000 UI_MESSAGES=100000 UI_LOADS=3 UI_OPENS=20
 *   UI_SERVE_TRACE=1: serve logs each call's server time and its event loop's stalls (serve-trace.cjs) to
 *   bench/results/ui-<timestamp>-serve-trace.log; the slowest are printed after the table.
 * Exit code: 0 when the measurement ran (targets met or not), 1 when the benchmark itself failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { assertChromium } from '../../test/support/chromium.js';
import { assertRendererBuilt, ParleyHttp, ROOT } from '../../test/support/parley-http.js';
import { ensureStore } from './generate.js';
import { startAnchor, type Anchor } from './anchor.js';
import { launch, measure } from './measure.js';
import { report } from './report.js';

const RESULTS_DIR = path.join(ROOT, 'bench/results');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return v;
};
const log = (s: string) => console.error(s);

async function main(): Promise<void> {
  const started = new Date();
  const conversations = num('UI_CONVERSATIONS', 10_000);
  const messages = num('UI_MESSAGES', 100_000);
  assertRendererBuilt();
  assertChromium();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const { dir, manifest } = await ensureStore(RESULTS_DIR, conversations, messages, log);
  log(`bench: store ${dir} (${manifest.messages} messages, ${manifest.conversations} conversations)`);

  let server: ParleyHttp | undefined;
  let browser: Browser | undefined;
  let anchor: Anchor | undefined;
  const stop = async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    await anchor?.stop().catch(() => {});
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  const stamp = started.toISOString().replace(/[:.]/g, '-').replace('Z', '');
  const trace = process.env.UI_SERVE_TRACE === '1' ? path.join(RESULTS_DIR, `ui-${stamp}-serve-trace.log`) : null;
  if (trace) {
    // Only serve acts on it (serve-trace.cjs); this process has already started.
    process.env.PARLEY_BENCH_TRACE = trace;
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(import.meta.dirname, 'serve-trace.cjs')}`;
  }
  try {
    server = await ParleyHttp.start({ dataDir: dir, timeoutMs: 60_000 });
    log(`bench: serving ${server.origin}`);
    anchor = await startAnchor();
    browser = await launch();
    const measured = await measure(browser, server.url, manifest, log, {
      loads: num('UI_LOADS', 3),
      opens: num('UI_OPENS', 20),
      anchorUrl: anchor.url,
    });
    const text = report({
      started,
      root: ROOT,
      storeDir: path.relative(ROOT, dir),
      manifest,
      measured,
      chromium: `Chromium ${browser.version()}`,
      anchorBytes: anchor.bytes,
    });
    const file = path.join(RESULTS_DIR, `ui-${stamp}.md`);
    fs.writeFileSync(file, `${text}\n`);
    console.log(text);
    console.log(`\n(written to ${path.relative(ROOT, file)})`);
    if (trace) {
      await server.stop(); // serve writes the rest of its trace as it exits
      console.log(`(serve's calls and event-loop stalls: ${path.relative(ROOT, trace)}; the slowest:)`);
      console.log(slowest(trace, 12));
    }
  } catch (err) {
    console.error(`bench: failed: ${(err as Error).stack ?? err}`);
    if (server) console.error(`bench: parley serve said:\n${server.output().slice(-3000)}`);
    process.exitCode = 1;
  } finally {
    await stop();
  }
}

/** The trace's slowest calls and longest stalls, in time order. */
function slowest(file: string, n: number): string {
  if (!fs.existsSync(file)) return '  (no trace written)';
  const all = fs.readFileSync(file, 'utf8').trim().split('\n');
  // serve's start-up (loading its code) is no stall the page could meet: from its first call on.
  const firstCall = Math.min(...all.filter((l) => l.includes(' call ')).map((l) => parseFloat(l)));
  const cost = (l: string) => Number(l.split(' ').at(-1));
  return all
    .filter((l) => parseFloat(l) >= firstCall)
    .sort((a, b) => cost(b) - cost(a))
    .slice(0, n)
    .sort((a, b) => parseFloat(a) - parseFloat(b))
    .map((l) => `  ${l} ms`)
    .join('\n');
}

await main();
