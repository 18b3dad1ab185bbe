#!/usr/bin/env node
// Relay benchmark: `parley serve` as a durable store-and-forward relay, next to stock Postfix.
//
// For each size profile and each connection mode: a fresh data directory, `parley serve` as a
// child process forwarding to a counting sink, WARMUP unmeasured messages, then N messages from
// CONC parallel SMTP clients. Measured: accept msgs/s (until every client got its last 250),
// end-to-end msgs/s (until the sink counted them all), per-message accept latency, peak RSS of
// the serve process, errors. Then the Postfix anchor script for the same sizes, and one table.
//
//   node bench/relay.mjs
//   env: N=5000 N_NEWCONN=1000 CONC=10 WARMUP=200 BUYERS=200 PROFILES=2KB,200KB-mix,200KB
//        MODES=reuse,newconn CLIENT=raw|nodemailer SINK=auto|smtp-sink|node ANCHOR=1 ANCHOR_REUSE=1
//        ANCHOR_N=$N PHASE_TIMEOUT_S=600 CPU_PROF=0 KEEP=0 RETRIES=1 (a row whose serve died mid-run is run again)
//        SERVE_NODE_ARGS="…" (extra node flags for the serve child)
//
// Everything binds to 127.0.0.1. Every child is stopped at the end, on error and on SIGINT.
// Exit code: 0 when the measurement ran (targets met or not), 1 when the benchmark itself failed.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PARLEY = path.join(ROOT, 'bin', 'parley.js');
const ANCHOR_SCRIPT = process.env.ANCHOR_SCRIPT ?? '/work/shared/anchors/postfix-relay.sh';
const SMTP_SINK = '/usr/sbin/smtp-sink';
const HOST = '127.0.0.1';
const DOMAIN = 'relay.bench';
const SELLER = { id: 'bench-shop', name: 'Bench Shop', email: 'cs@bench-shop.example', password: 'pw' };

// ---------------------------------------------------------------------------------------------
// Internal sub-command: a small counting SMTP sink (used when smtp-sink is missing or not root).
// It prints "mesg=K" like `smtp-sink -c` so one parser serves both.

async function runNodeSink(port) {
  const { SMTPServer } = await import('smtp-server');
  let mesg = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, disableReverseLookup: true, maxClients: 1000,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        mesg += 1;
        process.stdout.write(`mesg=${mesg}\r`);
        callback();
      });
    },
  });
  server.listen(port, HOST, () => process.stdout.write('listening\r'));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop); // the parent went away
  process.stdin.resume();
  setTimeout(() => process.exit(0), 6 * 3600_000).unref(); // hard bound
}

// ---------------------------------------------------------------------------------------------
// Configuration

function envInt(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function config() {
  const N = envInt('N', 5000);
  return {
    N,
    N_NEWCONN: envInt('N_NEWCONN', 1000),
    CONC: Math.max(1, envInt('CONC', 10)),
    WARMUP: envInt('WARMUP', 200),
    BUYERS: Math.max(1, envInt('BUYERS', 200)),
    PROFILES: (process.env.PROFILES ?? '2KB,200KB-mix,200KB').split(',').map((s) => s.trim()).filter(Boolean),
    MODES: (process.env.MODES ?? 'reuse,newconn').split(',').map((s) => s.trim()).filter(Boolean),
    CLIENT: process.env.CLIENT ?? 'raw',
    SINK: process.env.SINK ?? 'auto',
    ANCHOR: process.env.ANCHOR !== '0',
    ANCHOR_REUSE: process.env.ANCHOR_REUSE !== '0',
    ANCHOR_N: envInt('ANCHOR_N', N),
    PHASE_TIMEOUT_MS: envInt('PHASE_TIMEOUT_S', 600) * 1000,
    CPU_PROF: process.env.CPU_PROF === '1',
    KEEP: process.env.KEEP === '1',
    RETRIES: envInt('RETRIES', 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes: every one is registered and stopped on the way out, whatever the way.

const children = new Set();

function track(proc, name, { group = false } = {}) {
  const entry = { proc, name, group };
  children.add(entry);
  proc.once('exit', () => children.delete(entry));
  return entry;
}

function signalChild(entry, sig) {
  try {
    if (entry.group) process.kill(-entry.proc.pid, sig);
    else entry.proc.kill(sig);
  } catch { /* already gone */ }
}

function waitExit(proc, ms) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => { clearTimeout(t); resolve(true); });
  });
}

async function stopChild(entry, graceMs = 30_000) {
  if (!entry || entry.proc.exitCode !== null || entry.proc.signalCode !== null) return;
  signalChild(entry, 'SIGTERM');
  if (!(await waitExit(entry.proc, graceMs))) {
    console.error(`bench: ${entry.name} (pid ${entry.proc.pid}) did not stop in ${graceMs} ms; killing it`);
    signalChild(entry, 'SIGKILL');
    await waitExit(entry.proc, 5_000);
  }
}

async function stopAll() {
  await Promise.all([...children].map((c) => stopChild(c, 15_000)));
}

let interrupted = false;
function installSignalHandlers() {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\nbench: ${sig}: stopping children`);
      stopAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const c of children) signalChild(c, 'SIGKILL');
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitListening(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = net.connect({ host: HOST, port });
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listening on ${HOST}:${port} after ${ms} ms`);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function procStatus(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text) ?? [])[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return { rssKb: NaN, hwmKb: NaN };
  }
}

function fmt(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

// ---------------------------------------------------------------------------------------------
// The sink: smtp-sink (root) or the Node sink; both print "mesg=K" counters on stdout.

class Sink {
  constructor(kind) {
    this.kind = kind;
    this.count = 0;
    this.tail = '';
    this.waiters = [];
  }

  get description() {
    return this.kind === 'smtp-sink' ? 'postfix smtp-sink' : 'node smtp-server sink';
  }

  async start() {
    this.port = await freePort();
    const proc = this.kind === 'smtp-sink'
      ? spawn(SMTP_SINK, ['-u', 'nobody', '-c', `${HOST}:${this.port}`, '1000'], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, [fileURLToPath(import.meta.url), '--node-sink', String(this.port)], { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
    this.entry = track(proc, this.kind);
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    proc.stdout.on('data', (d) => this.onData(d));
    proc.once('exit', (code, sig) => {
      if (!this.stopping) console.error(`bench: sink exited unexpectedly (code ${code}, signal ${sig}): ${stderr.trim()}`);
    });
    await waitListening(this.port, 10_000);
  }

  onData(d) {
    this.tail = (this.tail + d.toString('latin1')).slice(-200);
    let m;
    const re = /mesg=(\d+)[\r\n ]/g;
    let last = null;
    while ((m = re.exec(this.tail))) last = Number(m[1]);
    if (last !== null && last > this.count) {
      this.count = last;
      const now = performance.now();
      this.waiters = this.waiters.filter((w) => {
        if (this.count >= w.target) { w.resolve(now); return false; }
        return true;
      });
    }
  }

  /** Resolves with performance.now() of the moment the counter reached `target`; null on timeout. */
  waitFor(target, ms) {
    if (this.count >= target) return Promise.resolve(performance.now());
    return new Promise((resolve) => {
      const w = { target, resolve: (t) => { clearTimeout(timer); resolve(t); } };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve(null);
      }, ms);
      this.waiters.push(w);
    });
  }

  async stop() {
    this.stopping = true;
    await stopChild(this.entry, 5_000);
  }
}

function chooseSink(wanted) {
  const rootOk = process.getuid?.() === 0 && fs.existsSync(SMTP_SINK);
  if (wanted === 'smtp-sink' && !rootOk) throw new Error('SINK=smtp-sink needs root and /usr/sbin/smtp-sink');
  if (wanted === 'node') return 'node';
  return rootOk ? 'smtp-sink' : 'node';
}

// ---------------------------------------------------------------------------------------------
// Messages. Every message is unique (Message-ID, subject, and for attachments 18 random bytes in
// the encoded content), so Parley's content-addressed blob store cannot deduplicate them.

const CRLF = '\r\n';
const WORDS = ('order package delivery address please could you tell me when the parcel will arrive thank you very much ' +
  'I ordered last week and have not received tracking number yet is it possible to change colour size engraving ' +
  'the item was damaged box arrived opened would like to know whether this fits my model invoice needed for my ' +
  'company kind regards best wishes hello again question about shipping cost to another country weekend delivery').split(' ');

function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/** Plain text of about `bytes` bytes, CRLF lines under 76 chars, no line starting with a dot. */
function text(bytes, seed) {
  const rnd = prng(seed);
  const lines = [];
  let size = 0;
  let line = 'Hello,';
  while (size < bytes) {
    const w = WORDS[Math.floor(rnd() * WORDS.length)];
    if (line.length + w.length + 1 > 72) {
      lines.push(line);
      size += line.length + 2;
      line = w;
    } else {
      line = line ? `${line} ${w}` : w;
    }
  }
  return lines.join(CRLF) + CRLF;
}

function base64Lines(buf) {
  const b64 = buf.toString('base64');
  const out = [];
  for (let i = 0; i < b64.length; i += 76) out.push(b64.slice(i, i + 76));
  return out.join(CRLF) + CRLF;
}

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PDF_HEAD = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1');

/**
 * A body template: everything after the per-message header lines. `patchAt` is the offset (in
 * the body) of 24 base64 characters that are replaced per message (the second line of the
 * attachment's base64, so the magic bytes in the first line stay as they are).
 */
function bodyTemplate(kind, totalBytes) {
  const headerEstimate = 420;
  if (kind === 'text') {
    const body = text(totalBytes - headerEstimate, 7);
    return { kind, mime: 'Content-Type: text/plain; charset=utf-8' + CRLF + 'Content-Transfer-Encoding: 7bit', body: Buffer.from(body), patchAt: -1 };
  }
  const spec = {
    pdf: { head: PDF_HEAD, type: 'application/pdf', name: 'invoice.pdf' },
    png: { head: PNG_HEAD, type: 'image/png', name: 'photo.png' },
    jpeg: { head: JPEG_HEAD, type: 'image/jpeg', name: 'photo.jpg' },
  }[kind];
  const boundary = `----=_bench_${kind}_boundary`;
  const intro = text(1400, 11);
  const partHead = [`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit', '', ''].join(CRLF);
  const attHead = [`--${boundary}`, `Content-Type: ${spec.type}; name="${spec.name}"`, 'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${spec.name}"`, '', ''].join(CRLF);
  const tail = `--${boundary}--${CRLF}`;
  const fixed = headerEstimate + 100 + partHead.length + intro.length + attHead.length + tail.length;
  const b64Bytes = Math.max(200, totalBytes - fixed);
  const rawBytes = Math.floor((b64Bytes * 57) / 78);
  const content = Buffer.concat([spec.head, crypto.randomBytes(Math.max(0, rawBytes - spec.head.length))]);
  const encoded = base64Lines(content);
  const body = partHead + intro + attHead + encoded + tail;
  const patchAt = partHead.length + intro.length + attHead.length + 78; // second base64 line
  return {
    kind, mime: `MIME-Version: 1.0${CRLF}Content-Type: multipart/mixed; boundary="${boundary}"`, body: Buffer.from(body, 'latin1'), patchAt,
  };
}

/** Size profiles: `pick(i)` names the template of the i-th message. */
function makeProfile(name) {
  const t = {
    text2k: bodyTemplate('text', 2048),
    pdf50k: bodyTemplate('pdf', 51200),
    png200k: bodyTemplate('png', 204800),
    jpeg200k: bodyTemplate('jpeg', 204800),
  };
  switch (name) {
    case '2KB':
      return { name, describe: 'every message ~2 KB text/plain', pick: () => t.text2k };
    case '200KB-mix':
      // by message index mod 10: 0–4 text (50%), 5–7 PDF (30%), 8 PNG (10%), 9 JPEG (10%)
      return {
        name,
        describe: '50% ~2 KB text/plain, 30% ~50 KB text + PDF attachment (%PDF- magic), 10% ~200 KB text + PNG, 10% ~200 KB text + JPEG (real magic bytes, random payload; nominal mean 56.2 KB)',
        pick: (i) => [t.text2k, t.text2k, t.text2k, t.text2k, t.text2k, t.pdf50k, t.pdf50k, t.pdf50k, t.png200k, t.jpeg200k][i % 10],
      };
    case '200KB':
      return { name, describe: 'every message ~200 KB: text + PNG or JPEG attachment (alternating)', pick: (i) => (i % 2 ? t.jpeg200k : t.png200k) };
    default:
      throw new Error(`unknown profile "${name}" (2KB, 200KB-mix, 200KB)`);
  }
}

const RUN_TAG = crypto.randomBytes(4).toString('hex');
const DATE_HEADER = new Date().toUTCString().replace('GMT', '+0000');

/** The i-th message from `buyer` (an index), as { from, raw }. */
function buildMessage(profile, i, buyer, warm) {
  const tpl = profile.pick(i);
  const local = warm ? `warm${buyer}` : `buyer${buyer}`;
  const from = `${local}@buyers.example`;
  const header = [
    `From: ${warm ? 'Warm' : 'Buyer'} ${buyer} <${from}>`,
    `To: ${SELLER.name} <${SELLER.id}@${DOMAIN}>`,
    `Subject: Question about order ${100000 + buyer} (message ${i}${warm ? ' warm-up' : ''})`,
    `Date: ${DATE_HEADER}`,
    `Message-ID: <bench-${RUN_TAG}-${warm ? 'w' : 'm'}${i}@buyers.example>`,
    tpl.kind === 'text' ? 'MIME-Version: 1.0' : null,
    tpl.mime,
    '',
    '',
  ].filter((l) => l !== null).join(CRLF);
  const head = Buffer.from(header, 'latin1');
  const raw = Buffer.concat([head, tpl.body], head.length + tpl.body.length);
  if (tpl.patchAt >= 0) raw.write(crypto.randomBytes(18).toString('base64'), head.length + tpl.patchAt, 'latin1');
  return { from, raw };
}

// ---------------------------------------------------------------------------------------------
// SMTP clients. `send(from, to, raw)` → { ok, code, text, commitMs } and never throws.

/** A minimal SMTP client connection over net: one command, one reply (no pipelining). */
class SmtpConn {
  static connect(port, ms = 30_000) {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: HOST, port });
      const timer = setTimeout(() => { sock.destroy(); reject(new Error('connect timeout')); }, ms);
      sock.once('error', (e) => { clearTimeout(timer); reject(e); });
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        resolve(new SmtpConn(sock));
      });
    });
  }

  constructor(sock) {
    this.sock = sock;
    this.buf = '';
    this.lines = [];
    this.replies = [];
    this.waiters = [];
    this.dead = null;
    sock.setNoDelay(true);
    sock.on('data', (d) => this.onData(d));
    sock.on('error', (e) => this.fail(e));
    sock.on('close', () => this.fail(new Error('connection closed by server')));
  }

  onData(d) {
    this.buf += d.toString('latin1');
    let idx;
    while ((idx = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, idx).replace(/\r$/, '');
      this.buf = this.buf.slice(idx + 1);
      this.lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join(' | ') };
        this.lines = [];
        const w = this.waiters.shift();
        if (w) w.resolve(reply);
        else this.replies.push(reply);
      }
    }
  }

  fail(err) {
    if (this.dead) return;
    this.dead = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  read(ms = 120_000) {
    if (this.replies.length) return Promise.resolve(this.replies.shift());
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.sock.destroy(); reject(new Error('reply timeout')); }, ms);
      this.waiters.push({ resolve: (r) => { clearTimeout(timer); resolve(r); }, reject: (e) => { clearTimeout(timer); reject(e); } });
    });
  }

  cmd(line) {
    this.sock.write(`${line}\r\n`);
    return this.read();
  }

  async hello() {
    const greet = await this.read();
    if (greet.code !== 220) throw Object.assign(new Error(`greeting: ${greet.text}`), { code: greet.code });
    const ehlo = await this.cmd('EHLO bench.client.example');
    if (ehlo.code !== 250) throw Object.assign(new Error(`EHLO: ${ehlo.text}`), { code: ehlo.code });
  }

  async transaction(from, to, raw) {
    let r = await this.cmd(`MAIL FROM:<${from}>`);
    if (r.code !== 250) return { ok: false, ...r };
    r = await this.cmd(`RCPT TO:<${to}>`);
    if (r.code !== 250) { await this.cmd('RSET'); return { ok: false, ...r }; }
    r = await this.cmd('DATA');
    if (r.code !== 354) return { ok: false, ...r };
    this.sock.write(raw); // our messages never have a line starting with "." (checked at build time)
    this.sock.write(raw[raw.length - 1] === 0x0a ? '.\r\n' : '\r\n.\r\n');
    const dataSent = performance.now();
    r = await this.read();
    return { ok: r.code === 250, ...r, commitMs: performance.now() - dataSent };
  }

  quit() {
    try {
      this.sock.end('QUIT\r\n');
    } catch { /* ignore */ }
    setTimeout(() => this.sock.destroy(), 2_000).unref();
  }
}

function rawClient(port, mode) {
  let conn = null;
  return {
    async send(from, to, raw) {
      try {
        if (mode === 'newconn') {
          const c = await SmtpConn.connect(port);
          try {
            await c.hello();
            return await c.transaction(from, to, raw);
          } finally {
            c.quit();
          }
        }
        if (!conn || conn.dead) {
          conn?.quit();
          conn = await SmtpConn.connect(port);
          await conn.hello();
        }
        return await conn.transaction(from, to, raw);
      } catch (err) {
        if (conn?.dead) conn = null;
        return { ok: false, code: err.code ?? 0, text: err.message };
      }
    },
    async open() {
      if (mode === 'reuse' && !conn) {
        conn = await SmtpConn.connect(port);
        await conn.hello();
      }
    },
    close() {
      conn?.quit();
      conn = null;
    },
  };
}

let nodemailer = null;
async function nodemailerClient(port, mode) {
  nodemailer ??= (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({
    host: HOST, port, secure: false, ignoreTLS: true, name: 'bench.client.example',
    ...(mode === 'reuse' ? { pool: true, maxConnections: 1, maxMessages: Infinity } : {}),
    connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000,
  });
  return {
    async send(from, to, raw) {
      try {
        const info = await transport.sendMail({ envelope: { from, to: [to] }, raw });
        const code = Number(String(info.response).slice(0, 3));
        return { ok: code === 250, code, text: info.response };
      } catch (err) {
        return { ok: false, code: err.responseCode ?? 0, text: err.message };
      }
    },
    async open() {},
    close() { transport.close(); },
  };
}

async function makeClients(kind, port, mode, n) {
  const list = [];
  for (let k = 0; k < n; k++) list.push(kind === 'nodemailer' ? await nodemailerClient(port, mode) : rawClient(port, mode));
  return list;
}

/**
 * Sends messages startIndex .. startIndex+count-1 over the clients (a shared counter: each
 * client takes the next message when its last one got its answer). Bounded by `deadline`.
 */
async function push({ clients, count, make, to, deadline }) {
  let next = 0;
  const lat = [];
  const commit = [];
  const errors = [];
  let accepted = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(clients.map(async (client) => {
    while (next < count && performance.now() < deadline && !interrupted) {
      const i = next++;
      const { from, raw } = make(i);
      bytes += raw.length;
      const s = performance.now();
      const r = await client.send(from, to, raw);
      const ms = performance.now() - s;
      if (r.ok) {
        accepted += 1;
        lat.push(ms);
        if (r.commitMs !== undefined) commit.push(r.commitMs);
      } else {
        errors.push(`${r.code} ${r.text}`.slice(0, 200));
      }
    }
  }));
  const t1 = performance.now();
  return { t0, t1, lat, commit, errors, accepted, attempted: next > count ? count : next, bytes, timedOut: next < count };
}

// ---------------------------------------------------------------------------------------------
// Parley serve

function runParley(args, ms = 60_000) {
  const r = spawnSync(process.execPath, [PARLEY, ...args], { cwd: ROOT, encoding: 'utf8', timeout: ms });
  if (r.status !== 0) throw new Error(`parley ${args.slice(0, 2).join(' ')} failed (status ${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 2000)}`);
  return r.stdout;
}

async function startServe(dataDir, sinkPort, profDir, label) {
  // One directory per row: tsx's loader runs in a worker thread, which writes its own profile.
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, label)}`] : [];
  // Extra node/V8 flags for the serve child only (experiments), e.g. SERVE_NODE_ARGS="--max-semi-space-size=64".
  if (process.env.SERVE_NODE_ARGS) nodeArgs.push(...process.env.SERVE_NODE_ARGS.split(/\s+/).filter(Boolean));
  const args = [...nodeArgs, PARLEY, 'serve', '--data', dataDir, '--domain', DOMAIN, '--smtp', `${HOST}:0`, '--submission', `${HOST}:0`,
    '--smarthost', `smtp://${HOST}:${sinkPort}?starttls=never`, '--dns', 'offline'];
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = track(proc, 'parley serve');
  const state = { entry, proc, stdout: '', stderr: '', internalErrors: 0, exited: null, stopping: false };
  // Anything but our own stop (another process's signal, a crash) makes the row invalid.
  proc.once('exit', (code, signal) => {
    if (!state.stopping) state.exited = { code, signal, at: new Date().toISOString() };
  });
  proc.stderr.on('data', (d) => {
    const s = d.toString();
    state.stderr = (state.stderr + s).slice(-20_000);
    state.internalErrors += (s.match(/internal error/g) ?? []).length;
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley serve not ready after 60 s:\n${state.stdout}\n${state.stderr}`)), 60_000);
    proc.stdout.on('data', (d) => {
      state.stdout += d.toString();
      if (state.stdout.includes('ready; Ctrl+C stops')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`parley serve exited (code ${code}, signal ${sig}) before it was ready:\n${state.stdout}\n${state.stderr.slice(-3000)}`));
    });
  });
  await ready;
  const m = /inbound SMTP[^:]*:\s+(\S+):(\d+)/.exec(state.stdout);
  if (!m) throw new Error(`cannot find the inbound port in serve's output:\n${state.stdout}`);
  state.port = Number(m[2]);
  const s = new RegExp(`seller ${SELLER.id}: (\\S+)`).exec(state.stdout);
  state.rcpt = s ? s[1] : `${SELLER.id}@${DOMAIN}`;
  return state;
}

/** Read-only look at the store after serve stopped: what was recorded and delivered. */
async function storeSummary(dataDir) {
  try {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, 'parley.sqlite3'), { readonly: true, fileMustExist: true });
    try {
      const one = (sql) => db.prepare(sql).get();
      const outbox = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all().map((r) => `${r.state}=${r.n}`).join(' ');
      const verdicts = db.prepare('SELECT verdict, COUNT(*) AS n FROM messages GROUP BY verdict').all().map((r) => `${r.verdict}=${r.n}`).join(' ');
      return `messages=${one('SELECT COUNT(*) AS n FROM messages').n} (${verdicts}) buyers=${one('SELECT COUNT(*) AS n FROM buyers').n} ` +
        `pairs=${one('SELECT COUNT(*) AS n FROM pairs').n} attachments=${one('SELECT COUNT(*) AS n FROM attachments').n} (removed ${one('SELECT COUNT(*) AS n FROM attachments WHERE removed = 1').n}) outbox: ${outbox}`;
    } finally {
      db.close();
    }
  } catch (err) {
    return `(store not readable: ${err.message})`;
  }
}

function dirBytes(dir) {
  let total = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  };
  try { walk(dir); } catch { /* ignore */ }
  return total;
}

/** One table row: fresh data dir, serve, warm-up, N measured messages. */
async function runParleyCase(cfg, sinkKind, profile, mode, profDir) {
  const n = mode === 'newconn' ? cfg.N_NEWCONN : cfg.N;
  const label = `parley-${profile.name}-${mode}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const sink = new Sink(sinkKind);
  let serve = null;
  let clients = [];
  let sampler = null;
  try {
    runParley(['seller', 'add', '--data', dataDir, '--id', SELLER.id, '--name', SELLER.name, '--email', SELLER.email, '--password', SELLER.password, '--lang', 'en']);
    await sink.start();
    serve = await startServe(dataDir, sink.port, profDir, label);
    const pid = serve.proc.pid;
    clients = await makeClients(cfg.CLIENT, serve.port, mode, cfg.CONC);
    const deadline = () => performance.now() + cfg.PHASE_TIMEOUT_MS;

    // Warm-up: own buyers (warm0..warm49), so the measured phase still meets its buyers first.
    if (cfg.WARMUP > 0) {
      const w = await push({ clients, count: cfg.WARMUP, to: serve.rcpt, deadline: deadline(), make: (i) => buildMessage(profile, i, i % 50, true) });
      if (w.accepted === 0) throw new Error(`warm-up: no message accepted; first errors: ${w.errors.slice(0, 3).join(' / ')}`);
      if ((await sink.waitFor(w.accepted, 120_000)) === null) throw new Error(`warm-up: the sink counted ${sink.count} of ${w.accepted} after 120 s`);
      if (w.errors.length) console.error(`bench: ${label}: ${w.errors.length} warm-up errors, e.g. ${w.errors[0]}`);
    }
    await Promise.all(clients.map((c) => c.open()));
    await sleep(200);
    const base = sink.count;

    let peakRssKb = 0;
    const rssSamples = [];
    sampler = setInterval(() => {
      const { rssKb } = procStatus(pid);
      if (Number.isFinite(rssKb)) { rssSamples.push(rssKb); peakRssKb = Math.max(peakRssKb, rssKb); }
    }, 100);

    const r = await push({ clients, count: n, to: serve.rcpt, deadline: deadline(), make: (i) => buildMessage(profile, i, i % cfg.BUYERS, false) });
    const tSink = await sink.waitFor(base + r.accepted, Math.max(60_000, cfg.PHASE_TIMEOUT_MS));
    clearInterval(sampler);
    sampler = null;
    const { hwmKb } = procStatus(pid);
    for (const c of clients) c.close();
    clients = [];
    await sleep(100);
    const dataBytes = dirBytes(dataDir);
    const diedEarly = serve.exited;
    serve.stopping = true;
    await stopChild(serve.entry, 60_000);
    const store = await storeSummary(dataDir);
    const lat = r.lat.sort((a, b) => a - b);
    const commit = r.commit.sort((a, b) => a - b);
    const acceptS = (r.t1 - r.t0) / 1000;
    const e2eS = tSink === null ? NaN : (tSink - r.t0) / 1000;
    return {
      system: 'Parley', profile: profile.name, mode, n, accepted: r.accepted,
      acceptRate: r.accepted / acceptS, e2eRate: tSink === null ? NaN : r.accepted / e2eS, acceptS, e2eS,
      p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), max: lat[lat.length - 1],
      c50: percentile(commit, 0.5), c99: percentile(commit, 0.99),
      rssMb: hwmKb / 1024, sampledPeakMb: peakRssKb / 1024, rssEndMb: (rssSamples[rssSamples.length - 1] ?? NaN) / 1024,
      errors: r.errors.length + (r.timedOut ? n - r.attempted : 0), errorSamples: [...new Set(r.errors)].slice(0, 3),
      timedOut: r.timedOut, sinkMissing: tSink === null ? base + r.accepted - sink.count : 0,
      avgKb: r.bytes / Math.max(1, r.attempted) / 1024, dataMb: dataBytes / 1048576, store, internalErrors: serve.internalErrors,
      stderrTail: serve.stderr.trim().split('\n').slice(-5).join('\n'),
      diedEarly,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    for (const c of clients) c.close();
    if (serve) {
      serve.stopping = true;
      await stopChild(serve.entry, 60_000);
    }
    await sink.stop();
    if (!cfg.KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.error(`bench: kept ${dataDir}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The Postfix anchor

async function runAnchor(cfg, sourceFlags) {
  const env = {
    ...process.env, RUNS: '1', N: String(cfg.ANCHOR_N), SIZES: '2048 204800', SESSIONS: String(cfg.CONC), SOURCE_FLAGS: sourceFlags,
  };
  delete env.KEEP;
  const proc = spawn('bash', [ANCHOR_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const entry = track(proc, 'postfix anchor', { group: true });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => { out += d; process.stderr.write(`  anchor: ${d}`); });
  proc.stderr.on('data', (d) => { err = (err + d).slice(-8000); });
  const limitMs = 45 * 60_000;
  const finished = await waitExit(proc, limitMs);
  if (!finished) {
    console.error('bench: the anchor took longer than 45 min; stopping it');
    await stopChild(entry, 60_000);
  }
  const lines = out.split('\n').filter(Boolean);
  const rows = [];
  for (const line of lines) {
    if (!line.startsWith('run=')) continue;
    const d = Object.fromEntries(line.split(/\s+/).map((kv) => kv.split('=')));
    rows.push({
      system: `Postfix (anchor)`, profile: d.size === '2048' ? '2048 B' : d.size === '204800' ? '204800 B' : `${d.size} B`,
      mode: sourceFlags.includes('-d') ? 'reuse' : 'newconn', n: cfg.ANCHOR_N,
      acceptRate: Number(d.accept_msgs_s), e2eRate: Number(d.e2e_msgs_s), p50: NaN, p99: NaN, rssMb: NaN, errors: NaN,
    });
  }
  return { ok: proc.exitCode === 0 && rows.length > 0, rows, lines, stderr: err.trim(), code: proc.exitCode };
}

// ---------------------------------------------------------------------------------------------

function gitRev() {
  const r = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const d = spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' });
  return `${(r.stdout || '?').trim()}${d.stdout && d.stdout.trim() ? ' + uncommitted changes in src/' : ''}`;
}

function postfixVersion() {
  const r = spawnSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' });
  return (r.stdout || '').trim() || '?';
}

const MODE_WORDS = (cfg, system) => ({
  reuse: system === 'Parley' ? `reuse (${cfg.CONC} conns, many msgs each)` : `reuse (smtp-source -d, ${cfg.CONC} sessions)`,
  newconn: system === 'Parley' ? `new conn per msg (${cfg.CONC} parallel)` : `new conn per msg (smtp-source, ${cfg.CONC} sessions)`,
});

function table(cfg, rows) {
  const head = '| system | profile | mode | N | accept msgs/s | e2e msgs/s | p50 ms | p99 ms | peak RSS MB | errors |';
  const sep = '|---|---|---|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map((r) => `| ${r.system} | ${r.profile} | ${MODE_WORDS(cfg, r.system)[r.mode] ?? r.mode} | ${r.n} | ${fmt(r.acceptRate)} | ${fmt(r.e2eRate)} | ` +
    `${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.rssMb, 0)} | ${Number.isFinite(r.errors) ? r.errors : '–'} |`);
  return [head, sep, ...body].join('\n');
}

async function main() {
  installSignalHandlers();
  const cfg = config();
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-').replace('Z', '');
  const resultsDir = path.join(HERE, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const profDir = cfg.CPU_PROF ? path.join(resultsDir, `prof-${stamp}`) : null;
  if (profDir) fs.mkdirSync(profDir, { recursive: true });
  const sinkKind = chooseSink(cfg.SINK);
  if (!['raw', 'nodemailer'].includes(cfg.CLIENT)) throw new Error('CLIENT must be raw or nodemailer');
  for (const m of cfg.MODES) if (!['reuse', 'newconn'].includes(m)) throw new Error(`unknown mode "${m}" (reuse, newconn)`);
  const profiles = cfg.PROFILES.map(makeProfile);
  for (const p of profiles) {
    for (let i = 0; i < 10; i++) {
      const { raw } = buildMessage(p, i, 0, false);
      if (raw.includes('\n.')) throw new Error(`profile ${p.name}: a message line starts with "." (the raw client does not dot-stuff)`);
    }
  }
  console.error(`bench: N=${cfg.N} N_NEWCONN=${cfg.N_NEWCONN} CONC=${cfg.CONC} WARMUP=${cfg.WARMUP} BUYERS=${cfg.BUYERS} client=${cfg.CLIENT} sink=${sinkKind} ` +
    `profiles=${cfg.PROFILES.join(',')} modes=${cfg.MODES.join(',')} anchor=${cfg.ANCHOR ? (cfg.ANCHOR_REUSE ? 'both' : 'default') : 'off'}`);

  const rows = [];
  const notes = [];
  let failed = false;
  for (const profile of profiles) {
    for (const mode of cfg.MODES) {
      if (interrupted) break;
      const n = mode === 'newconn' ? cfg.N_NEWCONN : cfg.N;
      if (n === 0) continue;
      console.error(`bench: Parley ${profile.name} ${mode}: N=${n} …`);
      try {
        let r = await runParleyCase(cfg, sinkKind, profile, mode, profDir);
        for (let retry = 1; r.diedEarly && retry <= cfg.RETRIES && !interrupted; retry++) {
          const why = `serve exited during the run (code ${r.diedEarly.code}, signal ${r.diedEarly.signal}, at ${r.diedEarly.at}) after ${r.accepted} accepted`;
          console.error(`bench: ${why}; running the row again (${retry}/${cfg.RETRIES})`);
          notes.push(`- Parley ${profile.name} ${mode}: attempt ${retry} discarded: ${why}`);
          r = await runParleyCase(cfg, sinkKind, profile, mode, profDir);
        }
        if (r.diedEarly) r.profile += ' (INVALID: serve died)';
        rows.push(r);
        console.error(`bench:   accept ${fmt(r.acceptRate)} msgs/s, e2e ${fmt(r.e2eRate)} msgs/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ` +
          `DATA→250 p50/p99 ${fmt(r.c50)}/${fmt(r.c99)} ms, VmHWM ${fmt(r.rssMb, 0)} MB, errors ${r.errors}`);
        notes.push(`- Parley ${profile.name} ${mode}: ${r.accepted}/${r.n} accepted in ${fmt(r.acceptS, 2)} s, sink done at ${fmt(r.e2eS, 2)} s; ` +
          `mean message ${fmt(r.avgKb)} KB; latency max ${fmt(r.max)} ms; DATA-sent→250 p50/p99 ${fmt(r.c50)}/${fmt(r.c99)} ms; ` +
          `RSS: VmHWM ${fmt(r.rssMb, 0)} MB, sampled peak ${fmt(r.sampledPeakMb, 0)} MB, at end ${fmt(r.rssEndMb, 0)} MB; data dir ${fmt(r.dataMb)} MB; ` +
          `store after: ${r.store}` +
          (r.errorSamples.length ? `; errors e.g.: ${r.errorSamples.join(' / ')}` : '') +
          (r.timedOut ? '; PHASE TIMED OUT' : '') + (r.sinkMissing ? `; sink missed ${r.sinkMissing} messages` : '') +
          (r.internalErrors ? `; serve logged ${r.internalErrors} internal errors: ${r.stderrTail}` : ''));
      } catch (err) {
        failed = true;
        console.error(`bench: Parley ${profile.name} ${mode} failed: ${err.stack ?? err}`);
        notes.push(`- Parley ${profile.name} ${mode}: FAILED: ${String(err.message ?? err).split('\n')[0]}`);
      }
    }
  }

  const anchorLines = [];
  if (cfg.ANCHOR && !interrupted) {
    if (!fs.existsSync(ANCHOR_SCRIPT) || process.getuid?.() !== 0) {
      notes.push(`- Postfix anchor skipped: ${fs.existsSync(ANCHOR_SCRIPT) ? 'needs root' : `${ANCHOR_SCRIPT} missing`}`);
    } else {
      for (const flags of cfg.ANCHOR_REUSE ? ['', '-d'] : ['']) {
        if (interrupted) break;
        console.error(`bench: Postfix anchor${flags ? ` SOURCE_FLAGS=${flags}` : ''} …`);
        const a = await runAnchor(cfg, flags);
        rows.push(...a.rows);
        anchorLines.push(`SOURCE_FLAGS="${flags}"`, ...a.lines.map((l) => `  ${l}`));
        if (!a.ok) {
          notes.push(`- Postfix anchor (SOURCE_FLAGS="${flags}") did not finish cleanly (exit ${a.code}): ${a.stderr.split('\n').slice(-3).join(' / ')}`);
          if (a.rows.length === 0) failed = true;
        } else if (a.stderr) {
          notes.push(`- Postfix anchor (SOURCE_FLAGS="${flags}") stderr: ${a.stderr.split('\n').slice(0, 3).join(' / ')}`);
        }
      }
    }
  }

  // Order: Parley 2KB next to Postfix 2048 B, Parley 200KB next to Postfix 204800 B.
  const order = { '2KB': 0, '2048 B': 1, '200KB-mix': 2, '200KB': 3, '204800 B': 4 };
  const modeOrder = { reuse: 0, newconn: 1 };
  rows.sort((a, b) => (modeOrder[a.mode] - modeOrder[b.mode]) || ((order[a.profile] ?? 9) - (order[b.profile] ?? 9)));

  const target = rows.find((r) => r.system === 'Parley' && r.profile === '2KB' && r.mode === 'reuse');
  const pass = target && target.acceptRate >= 300 && target.p99 < 100 && target.rssMb < 300 && target.errors === 0;
  const verdict = target
    ? `${pass ? 'PASS' : 'FAIL'} (2KB reuse: accept ${fmt(target.acceptRate)} msgs/s ${target.acceptRate >= 300 ? '≥' : '<'} 300, ` +
      `p99 ${fmt(target.p99)} ms ${target.p99 < 100 ? '<' : '≥'} 100, RSS ${fmt(target.rssMb, 0)} MB ${target.rssMb < 300 ? '<' : '≥'} 300, errors ${target.errors})`
    : 'n/a (no 2KB reuse row)';

  const profileLines = profiles.map((p) => `- ${p.name}: ${p.describe}`);
  const md = [
    `# Relay benchmark ${started.toISOString()}`,
    '',
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 1073741824)} GB, load before ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ` +
      `node ${process.version}; parley ${gitRev()}; postfix ${postfixVersion()}`,
    `sink: ${sinkKind === 'smtp-sink' ? `postfix smtp-sink (${SMTP_SINK} -u nobody -c)` : 'node smtp-server counting sink'} (the same for Parley and the anchor: ${sinkKind === 'smtp-sink' ? 'yes' : 'no, the anchor always uses smtp-sink'}); ` +
      `Parley client: ${cfg.CLIENT === 'raw' ? 'own net-socket SMTP client (no pipelining)' : 'nodemailer'}, ${cfg.CONC} parallel; ` +
      `warm-up ${cfg.WARMUP} msgs; ${cfg.BUYERS} distinct buyers cycling (first ${cfg.BUYERS} measured msgs are first contacts)`,
    `latency: send start → 250 per message (reuse: MAIL FROM → 250 after DATA; new conn: connect → 250 after DATA, includes smtp-server's 100 ms greeting delay)`,
    `peak RSS: VmHWM of the serve process at the end of the row (includes start-up and warm-up)`,
    '',
    table(cfg, rows),
    '',
    `target: ≥ 300 msgs/s for 2 KB with every 250 durable, p99 < 100 ms, RSS < 300 MB — ${verdict}`,
    '',
    'profiles:',
    ...profileLines,
    '- Postfix anchor: smtp-source -l 2048 / -l 204800 (every message that size, plain text), same sessions; its 204800 B rows compare like-for-like with Parley 200KB.',
    '',
    'details:',
    ...notes,
    ...(anchorLines.length ? ['', 'anchor output:', '```', ...anchorLines, '```'] : []),
    ...(profDir ? ['', `cpu profiles: ${profDir} (node bench/cpuprofile-summary.mjs FILE)`] : []),
  ].join('\n');

  const file = path.join(resultsDir, `relay-${stamp}.md`);
  fs.writeFileSync(file, `${md}\n`);
  console.log(md);
  console.log(`\n(written to ${path.relative(ROOT, file)})`);
  await stopAll();
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[2] === '--node-sink') {
  await runNodeSink(Number(process.argv[3]));
} else {
  try {
    await main();
  } catch (err) {
    console.error(`bench: ${err.stack ?? err}`);
    await stopAll();
    process.exitCode = 1;
  }
}
