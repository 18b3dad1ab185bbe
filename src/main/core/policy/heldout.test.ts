/**
 * R12 on messages the model never saw: the held-out fifth of the labeled corpus
 * (test/fixtures/policy/heldout.jsonl), through `classify` exactly as the relay calls it.
 * The goals are the product's promise: a message Parley lets through will not get a seller
 * suspended, and a necessary one is never stopped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, NECESSARY_CATEGORIES } from '../../../shared/domain.js';
import type { Language, MessageCategory } from '../../../shared/domain.js';
import { htmlToText, looksLikeHtml } from '../mail/html-text.js';
import { classify } from './classifier.js';

interface Example {
  id: string;
  lang: Language;
  label: MessageCategory;
  subject: string;
  body: string;
}

const FILE = join(import.meta.dirname, '../../../../test/fixtures/policy/heldout.jsonl');
const examples: Example[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Example);
const results = examples.map((e) => ({
  e,
  c: classify(e.subject, looksLikeHtml(e.body) ? htmlToText(e.body) : e.body, e.lang),
}));

describe.each(['de', 'en'] as const)('held-out corpus, %s (R12)', (lang) => {
  const mine = results.filter((r) => r.e.lang === lang);
  const necessary = (c: MessageCategory) => NECESSARY_CATEGORIES.includes(c);

  it('has enough messages of every category to mean something', () => {
    for (const label of CATEGORIES) expect(mine.filter((r) => r.e.label === label).length).toBeGreaterThanOrEqual(24);
  });

  it('gets the category right for at least 95 %', () => {
    const right = mine.filter((r) => r.c.category === r.e.label).length;
    expect(right / mine.length).toBeGreaterThanOrEqual(0.95);
  });

  it('gets necessary-vs-not right for at least 98 %', () => {
    const right = mine.filter((r) => necessary(r.c.category) === necessary(r.e.label)).length;
    expect(right / mine.length).toBeGreaterThanOrEqual(0.98);
  });

  it.each(CATEGORIES)('recalls at least nine in ten messages of %s', (label) => {
    const gold = mine.filter((r) => r.e.label === label);
    const misses = gold.filter((r) => r.c.category !== label).map((r) => `${r.e.id} → ${r.c.category}`);
    expect((gold.length - misses.length) / gold.length, misses.join(', ')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('held-out corpus: confidence means what it says', () => {
  it('is calibrated: among calls made with about x % confidence, about x % are right', () => {
    // Expected calibration error over ten confidence bins, weighted by how many calls fall in each.
    const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, right: 0 }));
    for (const { e, c } of results) {
      if (c.unsure) continue;
      const bin = bins[Math.min(9, Math.floor(c.confidence * 10))];
      bin.n++;
      bin.confidence += c.confidence;
      bin.right += c.category === e.label ? 1 : 0;
    }
    const total = bins.reduce((sum, b) => sum + b.n, 0);
    const error = bins.reduce((sum, b) => sum + (b.n === 0 ? 0 : Math.abs(b.confidence - b.right)), 0) / total;
    expect(error).toBeLessThan(0.05);
  });
});
