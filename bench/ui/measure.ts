/**
 * The measurements of bench/ui, in Chromium (Debian's, through Playwright) against
 * `parley serve --http` on the generated store. Timing happens inside the page (probe.js);
 * this module drives the steps and collects the numbers.
 */
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium.js';
import type { Manifest } from './generate.js';

const PROBE = path.join(import.meta.dirname, 'probe.js');
const WAIT_MS = 20_000; // for any one step: a hung UI fails the bench instead of stalling it

export interface Measured {
  /** Navigation start → rows shown and `j` moved the selection (ms), per load. */
  interactive: number[];
  rowsShown: number[];
  /** The same for the anchor page (anchor.ts), each load right after one of the inbox's; empty without it. */
  anchorInteractive: number[];
  /** Of the first cold load: document, scripts and the contract calls before the rows showed. */
  loadTimeline: TimelineEntry[];
  /** Click → the conversation's messages painted; callMs: its conversation.get round trip in that. */
  open: { ms: number; callMs: number | null; messages: number }[];
  search: { kind: string; query: string; ms: number; rows: number }[];
  scroll: { maxRows: number; distinctRows: number; steps: number; ms: number; listTotal: number };
  heapBytes: number;
  perfMemoryBytes: number | null;
  /** Nav click → the performance view's 90-day share painted (ms); the first includes loading its code. */
  performanceView: number[];
}

interface Probe {
  rowIds(): string[];
  selectedId(): string | null;
  interactive(ms: number): Promise<{ rowsShown: number; interactive: number }>;
  rowsShown(ms: number): Promise<number>;
  open(id: string, ms: number): Promise<{ ms: number; callMs: number | null; messages: number }>;
  search(query: string, expect: number[], ms: number): Promise<{ ms: number; rows: number }>;
  openView(navSel: string, readySel: string, ms: number): Promise<number>;
  clearSearch(ms: number): Promise<void>;
  scrollAll(stepWaitMs: number): Promise<Measured['scroll']>;
  scrollList(screens: number): void;
  jsHeap(): number | null;
  timeline(): TimelineEntry[];
}

/** What the page fetched while loading: start and duration (ms from navigation start). */
export interface TimelineEntry {
  name: string;
  start: number;
  duration: number;
}
/** The probe's handle inside the page; written out in every callback, which runs in the page, not here. */
type InPage = { __bench: Probe };

/** The last number in a filter button's text, thousands separators and all ("All 10,000", "Alle 10.000"). */
export function countIn(text: string): number {
  const numbers = text.replace(/(\d)[.,\u00a0\u202f ](?=\d{3}\b)/g, '$1').match(/\d+/g);
  return numbers ? Number(numbers[numbers.length - 1]) : NaN;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  await context.addInitScript({ path: PROBE });
  return { context, page: await context.newPage() };
}

/** A cold load: navigation → first rows → `j` answered. */
async function loadOnce(
  browser: Browser,
  url: string,
): Promise<{ interactive: number; rowsShown: number; timeline: TimelineEntry[] }> {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const { interactive, rowsShown } = await page.evaluate(
      (ms) => (globalThis as unknown as InPage).__bench.interactive(ms),
      WAIT_MS,
    );
    const timeline = await page.evaluate(() => (globalThis as unknown as InPage).__bench.timeline());
    return { interactive, rowsShown, timeline };
  } finally {
    await context.close();
  }
}

export async function measure(
  browser: Browser,
  url: string,
  manifest: Manifest,
  log: (s: string) => void,
  opts: { loads: number; opens: number; anchorUrl?: string },
): Promise<Measured> {
  const loads = [];
  const anchor: number[] = [];
  for (let i = 0; i < opts.loads; i++) {
    loads.push(await loadOnce(browser, url));
    if (opts.anchorUrl) anchor.push((await loadOnce(browser, opts.anchorUrl)).interactive);
  }
  log(`bench:   interactive ${loads.map((l) => l.interactive.toFixed(0)).join(' / ')} ms`);
  if (anchor.length) log(`bench:   anchor page interactive ${anchor.map((x) => x.toFixed(0)).join(' / ')} ms`);

  const { context, page } = await newPage(browser);
  try {
    await page.goto(url);
    await page.evaluate((ms) => (globalThis as unknown as InPage).__bench.rowsShown(ms), WAIT_MS);
    await page.getByTestId('filter-all').click();
    await page.waitForTimeout(300);

    // Opening: different conversations, a screen further down the list each time.
    const open: Measured['open'] = [];
    const used = new Set<string>();
    while (open.length < opts.opens) {
      const ids = (await page.evaluate(() => (globalThis as unknown as InPage).__bench.rowIds())).filter(
        (id) => id && !used.has(id),
      );
      if (ids.length === 0) {
        await page.evaluate(() => (globalThis as unknown as InPage).__bench.scrollList(0.8));
        await page.waitForTimeout(300);
        continue;
      }
      used.add(ids[0]);
      open.push(
        await page.evaluate(([id, ms]) => (globalThis as unknown as InPage).__bench.open(id, ms), [
          ids[0],
          WAIT_MS,
        ] as const),
      );
    }
    log(`bench:   open ${open.map((o) => o.ms.toFixed(0)).join(' ')} ms`);

    const search: Measured['search'] = [];
    for (const q of manifest.queries) {
      const r = await page.evaluate(
        ([query, expect, ms]) => (globalThis as unknown as InPage).__bench.search(query, expect, ms),
        [q.query, q.expect, WAIT_MS] as const,
      );
      search.push({ kind: q.kind, query: q.query, ...r });
    }
    await page.evaluate((ms) => (globalThis as unknown as InPage).__bench.clearSearch(ms), WAIT_MS);
    log(`bench:   search ${search.map((s) => s.ms.toFixed(0)).join(' ')} ms`);

    // The performance view: one call over all 100,000 messages, then the chart's code.
    page.on('console', (m) => m.text().startsWith('bench: performance view') && log(m.text()));
    const performanceView: number[] = [];
    for (let i = 0; i < 5; i++) {
      performanceView.push(
        await page.evaluate(([nav, ready, ms]) => (globalThis as unknown as InPage).__bench.openView(nav, ready, ms), [
          '[data-testid="nav-performance"]',
          '[data-testid="performance-share-90"]',
          WAIT_MS,
        ] as const),
      );
      await page.getByTestId('filter-all').click();
      await page.waitForTimeout(300);
    }
    log(`bench:   performance view ${performanceView.map((x) => x.toFixed(0)).join(' ')} ms`);

    await page.getByTestId('filter-all').click();
    await page.waitForTimeout(300);
    const listTotal = countIn(await page.getByTestId('filter-all').innerText());
    const scroll = {
      ...(await page.evaluate((ms) => (globalThis as unknown as InPage).__bench.scrollAll(ms), 2_000)),
      listTotal,
    };
    log(
      `bench:   scrolled ${scroll.distinctRows}/${listTotal} rows in ${scroll.steps} steps, at most ${scroll.maxRows} in the DOM`,
    );

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const perfMemoryBytes = await page.evaluate(() => (globalThis as unknown as InPage).__bench.jsHeap());
    return {
      interactive: loads.map((l) => l.interactive),
      rowsShown: loads.map((l) => l.rowsShown),
      anchorInteractive: anchor,
      loadTimeline: loads[0].timeline,
      open,
      search,
      scroll,
      heapBytes: heap.usedSize,
      perfMemoryBytes,
      performanceView,
    };
  } finally {
    await context.close();
  }
}
