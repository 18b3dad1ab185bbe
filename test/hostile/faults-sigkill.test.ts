/**
 * SIGKILL under load, CI scale (5 kills, one aimed at a WAL checkpoint, one at a blob batch): every message that got
 * a 250 is in the record and reaches the smarthost, no message arrives twice unless the relay itself named its
 * delivery in doubt (killed while handing it over, where SMTP cannot tell), and `parley verify` passes.
 * bench/hostile/faults.mjs runs 20 kills and prints the table. The seed is printed; PARLEY_KILL_SEED repeats a run.
 */
import { describe, expect, it } from 'vitest';
import { killRun } from '../support/kill-run.js';

describe('SIGKILL under load', () => {
  it('loses no acknowledged message and sends none twice that was not in doubt; the store verifies', async () => {
    const seed = Number(process.env.PARLEY_KILL_SEED) || Date.now() % 1_000_000;
    console.log(`faults-sigkill: seed ${seed}`);
    const r = await killRun({ seed, kills: 5, clients: 3, maxGapMs: 1_200, log: (l) => console.log(l) });
    console.log(
      `faults-sigkill: ${r.sent} sent, ${r.acknowledged} acknowledged, ${r.recorded} recorded, ${r.delivered} delivered, ` +
        `${r.lost} lost, ${r.duplicates} duplicates (${r.inDoubt} deliveries in doubt), ${r.pending} pending, ${r.seconds} s` +
        (r.duplicates > 0 ? `; each duplicate's first copy arrived within ${r.duplicateToKillMs} ms of a kill` : ''),
    );
    expect(r.kills).toHaveLength(5);
    expect(r.acknowledged).toBeGreaterThan(20);
    expect(r.lost).toBe(0);
    expect(r.recorded).toBe(r.acknowledged);
    expect(r.unexplainedDuplicates).toBe(0);
    expect(r.duplicates).toBeLessThanOrEqual(r.inDoubt);
    expect(r.verify).toMatch(/^ok: \d+ messages, hash chain intact, every file matches/);
    expect(r.verifyOk).toBe(true);
  }, 90_000);
});
