#!/usr/bin/env node
// Checks the labeled policy corpus (test/fixtures/policy/**/*.jsonl): every line a JSON object
// with the required fields, known labels and languages, unique ids; prints counts per label and
// language. Usage: node scripts/policy-corpus-check.mjs [file-or-dir ...]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LABELS = [
  'customization',
  'delivery-scheduling',
  'address-problem',
  'review-request',
  'confirmation',
  'proactive-service',
  'stock-delay',
  'other',
];
const LANGS = ['de', 'en'];
const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ['test/fixtures/policy'];

function files(path) {
  if (statSync(path).isFile()) return path.endsWith('.jsonl') ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const ids = new Set();
const bodies = new Map();
const counts = {};
let errors = 0;
for (const file of roots.flatMap(files)) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      let m;
      try {
        m = JSON.parse(line);
      } catch (e) {
        console.log(`${where}: not JSON (${e.message})`);
        errors++;
        return;
      }
      for (const f of ['id', 'lang', 'label', 'subject', 'body', 'note']) {
        if (typeof m[f] !== 'string') {
          console.log(`${where}: field "${f}" missing or not a string`);
          errors++;
        }
      }
      if (!LABELS.includes(m.label)) {
        console.log(`${where}: unknown label "${m.label}"`);
        errors++;
      }
      if (!LANGS.includes(m.lang)) {
        console.log(`${where}: unknown lang "${m.lang}"`);
        errors++;
      }
      if (ids.has(m.id)) {
        console.log(`${where}: duplicate id "${m.id}"`);
        errors++;
      }
      ids.add(m.id);
      const key = `${m.subject}\n${m.body}`.toLowerCase().replace(/\s+/g, ' ');
      if (bodies.has(key)) {
        console.log(`${where}: same text as ${bodies.get(key)}`);
        errors++;
      }
      bodies.set(key, m.id);
      counts[m.label] ??= { de: 0, en: 0 };
      if (LANGS.includes(m.lang) && counts[m.label]) counts[m.label][m.lang]++;
    });
}
console.log('label'.padEnd(22), 'de'.padStart(5), 'en'.padStart(5));
let total = 0;
for (const label of LABELS) {
  const c = counts[label] ?? { de: 0, en: 0 };
  total += c.de + c.en;
  console.log(label.padEnd(22), String(c.de).padStart(5), String(c.en).padStart(5));
}
console.log('total'.padEnd(22), String(total).padStart(11));
console.log(errors === 0 ? 'OK' : `${errors} error(s)`);
process.exit(errors === 0 ? 0 : 1);
