/**
 * The labeled policy corpus (test/fixtures/policy/*.jsonl): loading, the text path every
 * message takes (HTML-only mail through the same converter as the relay), and the one fixed
 * split into train and held-out.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '../../src/shared/domain.js';
import type { Language, MessageCategory } from '../../src/shared/domain.js';
import { htmlToText, looksLikeHtml } from '../../src/main/core/mail/html-text.js';

export const CORPUS_DIR = join(import.meta.dirname, '../../test/fixtures/policy');
export const TRAIN_FILE = join(CORPUS_DIR, 'train.jsonl');
export const HELDOUT_FILE = join(CORPUS_DIR, 'heldout.jsonl');
/** The split's seed. Fixed once; changing it would let the held-out part leak into tuning. */
export const SPLIT_SEED = 'parley-policy-2026-12';

export interface Example {
  id: string;
  lang: Language;
  label: MessageCategory;
  subject: string;
  body: string;
  note: string;
}

export function readJsonl(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const m = JSON.parse(line) as Example;
      if (!CATEGORIES.includes(m.label)) throw new Error(`${path}:${i + 1}: unknown label ${m.label}`);
      return m;
    });
}

/** What the relay would hand the classifier: HTML-only mail as text. */
export function plainBody(example: Example): string {
  return looksLikeHtml(example.body) ? htmlToText(example.body) : example.body;
}

function rank(id: string): string {
  return createHash('sha256').update(`${SPLIT_SEED}:${id}`).digest('hex');
}

/**
 * Stratified by writer, label and language: 20 % of every cell, chosen by a seeded hash of the
 * id. Per writer, so that a writer added later is split without moving anybody else's messages.
 */
export function split(examples: Example[]): { train: Example[]; heldout: Example[] } {
  const cells = new Map<string, Example[]>();
  for (const e of examples) {
    const key = `${e.id.replace(/-\d+$/u, '')}/${e.label}/${e.lang}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key)!.push(e);
  }
  const heldout = new Set<string>();
  for (const cell of cells.values()) {
    const sorted = [...cell].sort((a, b) => (rank(a.id) < rank(b.id) ? -1 : 1));
    for (const e of sorted.slice(0, Math.round(cell.length * 0.2))) heldout.add(e.id);
  }
  return { train: examples.filter((e) => !heldout.has(e.id)), heldout: examples.filter((e) => heldout.has(e.id)) };
}

/** A seeded random generator, so training and folds are reproducible (bench/ui's mulberry32). */
export { seededRandom as random } from '../../bench/ui/corpus.js';
