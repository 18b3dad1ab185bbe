import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript benchmark module, no types
import { slope, svgChart } from '../../bench/lib/soak-plot.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROBE = path.join(ROOT, 'bench/lib/soak-probe.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Runs `script` under node with the soak probe preloaded; resolves with the probe's JSON lines. */
function runProbed(script: string, runFrom?: number): Promise<Record<string, number | null>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-soak-probe-'));
  dirs.push(dir);
  const file = path.join(dir, 'probe.jsonl');
  if (runFrom !== undefined) fs.writeFileSync(`${file}.run-from`, String(runFrom));
  const child = spawn(process.execPath, ['--import', PROBE, '-e', script], {
    env: { ...process.env, PARLEY_SOAK_STATS: file, PARLEY_SOAK_INTERVAL_MS: '300' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the probed script did not end within 15 s'));
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`exit ${code}: ${stderr}`));
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
      resolve(text ? text.split('\n').map((l) => JSON.parse(l)) : []);
    });
  });
}

describe('bench/soak', () => {
  it('the probe inside a process reports its memory and a blocked event loop, and never keeps it alive', async () => {
    // Blocks the loop for 300 ms once it runs, then idles; the probe's timer is unref'd, so the script's own timer
    // decides when the process ends.
    const script = `
      setTimeout(() => { const until = Date.now() + 300; while (Date.now() < until) {} }, 500);
      setTimeout(() => {}, 1600);`;
    const lines = await runProbed(script);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const first = lines[0]!;
    expect(first.rss).toBeGreaterThan(10 * 1048576);
    expect(first.heapUsed).toBeGreaterThan(0);
    expect(Math.max(...lines.map((l) => l.intervalMaxMs!))).toBeGreaterThanOrEqual(200);
    // Not counted before the driver says the warm-up is over.
    expect(lines.every((l) => l.runP99Ms === null)).toBe(true);
    // From the time the driver writes on: the run's p99 and max over every interval since.
    const counted = await runProbed(script, Date.now() - 1000);
    expect(counted.at(-1)!.runMaxMs).toBeGreaterThanOrEqual(200);
  });

  it('slopes by least squares, and a chart draws a gap where a sample is missing', () => {
    expect(slope([0, 1, 2, 3], [5, 7, 9, 11])).toBeCloseTo(2);
    expect(slope([0, 1, 2, 3], [4, 4, 4, 4])).toBe(0);
    expect(slope([1], [1])).toBeNaN();
    const svg = svgChart({
      title: 'RSS <serve>',
      unit: 'MB',
      points: [
        [0, 100],
        [1, 110],
        [2, NaN],
        [3, 120],
        [4, 121],
      ],
      warmupMin: 1.5,
      target: 130,
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('RSS &lt;serve&gt;');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('warm-up ends');
    expect(svg).toContain('target 130');
  });
});
