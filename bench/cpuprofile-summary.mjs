#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (node --cpu-prof): self time by function and by package/file.
//   node bench/cpuprofile-summary.mjs FILE.cpuprofile [TOP=25]
import fs from 'node:fs';
import path from 'node:path';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-summary.mjs FILE.cpuprofile [TOP]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));

// Self time per node: each sample's time delta goes to the node it landed in.
const self = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  const dt = prof.timeDeltas[i + 1] ?? 0; // delta i+1 is the time until the next sample
  self.set(id, (self.get(id) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

const cwd = process.cwd();
function where(url) {
  if (!url) return '';
  let u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) return u.slice(nm + 1);
  if (u.startsWith(cwd)) u = path.relative(cwd, u);
  return u;
}
function group(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native/V8)';
  const u = where(url);
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1];
  if (u.startsWith('node:')) return 'node: core';
  if (u.startsWith('src/')) return u.split('/').slice(0, 4).join('/');
  return u;
}

const byFn = new Map();
const byGroup = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const name = cf.functionName || '(anonymous)';
  const key = `${name}  ${where(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const g = group(cf.url, name);
  byGroup.set(g, (byGroup.get(g) ?? 0) + t);
}

// Inclusive ("total") time per function: every function on the sampled stack, once per sample.
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}`;
const incl = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  const seen = new Set();
  for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id);
    if (!n.callFrame.url.includes('/src/')) continue;
    const k = keyOf(n);
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + dt);
  }
}

const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
const ms = (t) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log('\nself time by package / source file:');
for (const [g, t] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)} ${ms(t)}  ${g}`);
console.log("\ninclusive time of the project's own functions (src/; synchronous part of each call):");
for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)} ${ms(t)}  ${k}`);
console.log('\nself time by function:');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)} ${ms(t)}  ${k}`);
