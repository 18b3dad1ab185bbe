/**
 * The privacy property (R5, R6: the address "replaced everywhere"): generated messages both ways with the
 * sender's real address planted in random header fields, parts, encodings and spellings → 0 occurrences at the
 * receiving side and in what the seller's inbox shows, and every binary attachment that still carries it is found by
 * the warning's search. The seed is printed; PARLEY_SEED replays a run, PARLEY_PRIVACY_N sets its size (2,000 by
 * default; the full 10,000: `node bench/hostile/privacy.mjs`).
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatPrivacyReport, runPrivacy } from './testing/privacy-run.js';

const seed = process.env.PARLEY_SEED ? Number(process.env.PARLEY_SEED) : randomInt(2 ** 31);
const n = process.env.PARLEY_PRIVACY_N ? Number(process.env.PARLEY_PRIVACY_N) : 2_000;

describe('privacy property (R5, R6)', () => {
  it(`${n} generated messages both ways: the real address reaches no receiver`, { timeout: 240_000 }, async () => {
    console.log(`privacy property: seed ${seed} (PARLEY_SEED=${seed} replays it), ${n} messages`);
    const began = Date.now();
    const report = await runPrivacy(seed, n);
    console.log(formatPrivacyReport(report, Date.now() - began));
    expect(report.messages).toBe(n);
    // The generator did plant: binary carriers and every form above turn up in a run of this size.
    if (n >= 200) expect(report.binaryPlanted).toBeGreaterThan(0);
    expect(report.findings).toEqual([]);
    expect(report.leaks).toBe(0);
    expect(report.domainLeaks).toBe(0);
    expect(report.viewLeaks).toBe(0);
    expect(report.binaryWarned).toBe(report.binaryPlanted);
  });
});
