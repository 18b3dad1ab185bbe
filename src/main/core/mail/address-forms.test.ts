import { describe, expect, it } from 'vitest';
import { matchesInRun, prepareNeedles, replaceAddressForms } from './address-forms.js';

/** A seeded generator (mulberry32): the same runs every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

describe('finding many addresses at once', () => {
  it('finds exactly what a search for each address finds, in every spelling, at any number of addresses', () => {
    const rnd = random(20261205);
    const locals = ['anna', 'jo', 'x', 'scan-jane', 'a.b', 'käthe', '', 'o+tag', 'b_b', 'verylonglocalpartofabuyer'];
    const domains = ['example.de', 'ex.de', 'mail.example.de', 'web.de', 'x.y', 'ümlaut.de', 'a-b.example'];
    // Each character of an address as the text may spell it.
    const spell = (ch: string): string => {
      const r = rnd();
      if (ch === '@') return pick(rnd, ['@', '&#64;', '&#x40;', '&commat;', '%40', '&#0064']);
      if (r < 0.1) return `&#${ch.codePointAt(0)};`;
      if (r < 0.15) return ch.toUpperCase();
      return ch;
    };
    for (let round = 0; round < 400; round++) {
      const addresses = Array.from(
        { length: 1 + Math.floor(rnd() * 40) },
        () => `${pick(rnd, locals)}@${pick(rnd, domains)}`,
      );
      if (rnd() < 0.1) addresses.push('a@b@example.de'); // an at sign in the local part (quoted, in real mail)
      const parts: string[] = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
        const address = rnd() < 0.7 ? pick(rnd, addresses) : `${pick(rnd, locals)}@${pick(rnd, domains)}`;
        const around = pick(rnd, ['', 'x', 'scan-', '-', 'Q']);
        const after = pick(rnd, ['', '.', '.evil', 'munity', '-x', '_y', '.de', '@', ';']);
        parts.push(around + [...address].map(spell).join('') + after);
      }
      const run = parts.join(pick(rnd, ['', '@', '.', '%40', 'z']));
      const loop = matchesInRun(run, prepareNeedles(addresses, false));
      const indexed = matchesInRun(run, prepareNeedles(addresses, true));
      expect(indexed, `${run} / ${addresses.join(' ')}`).toEqual(loop);
    }
  });

  it("hides any of thousands of buyers' addresses in a log line, and only them", () => {
    const buyers = Array.from({ length: 5000 }, (_, i) => `buyer${i}@mail${i % 37}.example`);
    const line = 'item 7 delivered to Buyer4711@MAIL12.example and cs@shop.example, cc buyer4711@mail12.examples';
    expect(replaceAddressForms(line, buyers, '[buyer]')).toBe(
      'item 7 delivered to [buyer] and cs@shop.example, cc buyer4711@mail12.examples',
    );
    expect(replaceAddressForms('to scan-buyer9&#64;mail9.example.', buyers, '[buyer]')).toBe('to scan-[buyer].');
  });
});
