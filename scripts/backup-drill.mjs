#!/usr/bin/env node
// Backup drill: a backup taken while the relay accepts mail must hold every message acknowledged before it began.
//
// Starts `parley serve` on a fresh store, sends buyer mail over SMTP at RATE msgs/s for SECONDS s (a few connections,
// each message on a fixed schedule), runs `parley backup` as a separate process half-way through (noting which
// messages had their 250 before the backup started), then restores the backup into a new folder, runs `parley verify`
// on it and checks that every message acknowledged before the backup is in the restored store. Prints a small table.
//
//   node scripts/backup-drill.mjs        env: RATE=50 SECONDS=20 CONNS=4 KEEP=0 (keep the temp folder)
//
// Everything binds to 127.0.0.1. Exit code 0 when the restored store verifies and nothing acknowledged is missing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '..');
const PARLEY = path.join(ROOT, 'bin', 'parley.js');
const RATE = Number(process.env.RATE ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 20);
const CONNS = Number(process.env.CONNS ?? 4);
const DOMAIN = 'relay.drill.test';
const SELLER = 'shop-one';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-drill-'));
const dirs = { store: path.join(tmp, 'store'), backup: path.join(tmp, 'backup'), restored: path.join(tmp, 'restored') };

/** Runs a one-shot parley command without blocking this event loop (the sender keeps its schedule meanwhile). */
function parley(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PARLEY, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

async function must(args) {
  const r = await parley(args);
  if (r.code !== 0) throw new Error(`parley ${args.slice(0, 2).join(' ')} failed (${r.code}): ${r.err || r.out}`);
  return r.out;
}

function startServe() {
  const child = spawn(
    process.execPath,
    [
      PARLEY,
      'serve',
      '--data',
      dirs.store,
      '--domain',
      DOMAIN,
      '--smtp',
      '127.0.0.1:0',
      '--submission',
      '127.0.0.1:0',
      '--dns',
      'offline',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley serve not ready after 60 s: ${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /inbound SMTP[^:]*:\s+\S+:(\d+)/.exec(out);
      if (m && out.includes('ready; Ctrl+C stops')) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parley serve exited (${code}) before it was ready: ${err}`));
    });
  });
}

/** One SMTP connection: one command, one reply (no pipelining). */
class Smtp {
  static open(port) {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: '127.0.0.1', port }, () => resolve(new Smtp(sock)));
      sock.once('error', reject);
    });
  }

  constructor(sock) {
    this.sock = sock;
    this.buf = '';
    this.waiting = [];
    this.early = [];
    sock.on('data', (d) => {
      this.buf += d.toString('latin1');
      let i;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i).replace(/\r$/, '');
        this.buf = this.buf.slice(i + 1);
        if (!/^\d{3}(?: |$)/.test(line)) continue;
        const waiter = this.waiting.shift();
        if (waiter) waiter(Number(line.slice(0, 3)));
        else this.early.push(Number(line.slice(0, 3))); // the greeting, before anyone asked
      }
    });
  }

  reply() {
    if (this.early.length > 0) return Promise.resolve(this.early.shift());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  cmd(line) {
    const r = this.reply();
    this.sock.write(`${line}\r\n`);
    return r;
  }

  async send(i) {
    if ((await this.cmd(`MAIL FROM:<buyer${i % 50}@buyers.example>`)) !== 250) return false;
    if ((await this.cmd(`RCPT TO:<${SELLER}@${DOMAIN}>`)) !== 250) return false;
    if ((await this.cmd('DATA')) !== 354) return false;
    const r = this.reply();
    this.sock.write(
      `From: Buyer ${i % 50} <buyer${i % 50}@buyers.example>\r\nTo: ${SELLER}@${DOMAIN}\r\n` +
        `Subject: Drill ${i}\r\nMessage-ID: <drill-${i}.${process.pid}@buyers.example>\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\n\r\nWhere is my order? Message ${i} of the backup drill.\r\n.\r\n`,
    );
    return (await r) === 250;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function main() {
  await must([
    'seller',
    'add',
    '--data',
    dirs.store,
    '--id',
    SELLER,
    '--name',
    'Shop One',
    '--email',
    'cs@shop-one.example',
    '--password',
    'drill-pw',
    '--lang',
    'en',
  ]);
  const serve = await startServe();
  const conns = await Promise.all(Array.from({ length: CONNS }, () => Smtp.open(serve.port)));
  for (const c of conns) {
    await c.reply(); // greeting
    await c.cmd('EHLO drill.client.example');
  }

  const total = RATE * SECONDS;
  const acked = new Map(); // message number → ms after the start when its 250 came
  let refused = 0;
  let next = 0;
  const t0 = performance.now();
  const sender = async (c) => {
    for (let i = next++; i < total; i = next++) {
      await sleep(t0 + (i * 1000) / RATE - performance.now());
      if (await c.send(i)) acked.set(i, performance.now() - t0);
      else refused++;
    }
  };
  const sending = Promise.all(conns.map(sender));

  // Half-way: the backup, as its own process, while the sender keeps its schedule.
  await sleep(t0 + (SECONDS * 1000) / 2 - performance.now());
  const ackedBefore = new Set(acked.keys());
  const backupStart = performance.now() - t0;
  const backup = await parley(['backup', '--data', dirs.store, '--out', dirs.backup, '--json']);
  const backupEnd = performance.now() - t0;
  if (backup.code !== 0) throw new Error(`parley backup failed: ${backup.err}`);
  const manifest = JSON.parse(backup.out);
  const ackedDuring = [...acked.entries()].filter(([, at]) => at >= backupStart && at <= backupEnd).length;

  await sending;
  const sendSeconds = (performance.now() - t0) / 1000;
  for (const c of conns) c.sock.end('QUIT\r\n');
  serve.child.kill('SIGTERM');
  await new Promise((r) => serve.child.once('exit', r));

  await must(['restore', '--data', dirs.restored, '--from', dirs.backup]);
  const verify = await parley(['verify', '--data', dirs.restored, '--json']);
  const verified = JSON.parse(verify.out || '{}');
  const listed = JSON.parse(
    await must(['messages', '--data', dirs.restored, '--seller', SELLER, '--limit', '1000000', '--json']),
  );
  const restoredSubjects = new Set(listed.messages.map((m) => m.subject));
  const missing = [...ackedBefore].filter((i) => !restoredSubjects.has(`Drill ${i}`));
  const restoredDrill = [...restoredSubjects].filter((s) => /^Drill \d+$/.test(s)).length;

  const rows = [
    ['messages sent / acknowledged (250)', `${total} / ${acked.size} (${refused} refused)`],
    ['rate achieved', `${(acked.size / sendSeconds).toFixed(1)} msgs/s over ${sendSeconds.toFixed(1)} s`],
    ['backup ran', `${(backupStart / 1000).toFixed(2)} s → ${(backupEnd / 1000).toFixed(2)} s after the start`],
    ['acknowledged before the backup began', String(ackedBefore.size)],
    ['acknowledged while it ran', String(ackedDuring)],
    ['backup manifest', `${manifest.messages} messages, ${manifest.blobs} files, head ${manifest.head?.id ?? '-'}`],
    ['restored drill messages', String(restoredDrill)],
    [
      'parley verify on the restored folder',
      verified.ok ? `ok (${verified.messages} messages)` : `NOT OK ${verify.out}`,
    ],
    [
      'acknowledged-before messages missing',
      String(missing.length) + (missing.length ? ` (${missing.slice(0, 10)})` : ''),
    ],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`backup drill: ${RATE} msgs/s for ${SECONDS} s over ${CONNS} SMTP connections`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  const ok = verified.ok === true && missing.length === 0 && acked.size > 0;
  console.log(ok ? 'PASS' : 'FAIL');
  return ok;
}

main()
  .then((ok) => {
    if (process.env.KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
    process.exit(ok ? 0 : 1);
  })
  .catch((err) => {
    console.error(`backup drill failed: ${err.stack ?? err}`);
    console.error(`(data kept in ${tmp})`);
    process.exit(1);
  });
