// Paths and fixed names shared by the relay benchmark's modules. Everything binds to 127.0.0.1 so
// the numbers measure the relay, not the network.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
export const PARLEY = path.join(ROOT, 'bin', 'parley.js');
// The entry script doubles as the Node sink (`relay.mjs --node-sink PORT`), so the sink spawns it.
export const ENTRY = path.join(BENCH_DIR, 'relay.mjs');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const ANCHOR_SCRIPT = process.env.ANCHOR_SCRIPT ?? '/work/shared/anchors/postfix-relay.sh';
export const SMTP_SINK = '/usr/sbin/smtp-sink';
export const HOST = '127.0.0.1';
export const DOMAIN = 'relay.bench';
export const SELLER = { id: 'bench-shop', name: 'Bench Shop', email: 'cs@bench-shop.example', password: 'pw' };
