/**
 * Splits the hand-written corpus (test/fixtures/policy/raw/*.jsonl) once into train.jsonl (80 %)
 * and heldout.jsonl (20 %), stratified by label and language, by a seeded hash of each id.
 * Run once when the corpus is complete; the held-out part is never used for tuning.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, HELDOUT_FILE, TRAIN_FILE, readJsonl, split } from './corpus.js';

const dir = join(CORPUS_DIR, 'raw');
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(dir, f));
const all = files.flatMap((f) => readJsonl(f));
const { train, heldout } = split(all);
const write = (path: string, rows: typeof all) =>
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
write(TRAIN_FILE, train);
write(HELDOUT_FILE, heldout);
console.log(`${all.length} messages: ${train.length} train, ${heldout.length} held-out`);
