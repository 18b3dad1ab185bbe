// The sink Parley forwards to: Postfix's smtp-sink (root) or the Node sink. Both print "mesg=K"
// counters on stdout; the end-to-end time of a row is when that counter reaches its target.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { stopChild, track } from './children.mjs';
import { ENTRY, HOST, ROOT, SMTP_SINK } from './constants.mjs';
import { freePort, waitListening } from './net-wait.mjs';

export class Sink {
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
    const proc =
      this.kind === 'smtp-sink'
        ? spawn(SMTP_SINK, ['-u', 'nobody', '-c', `${HOST}:${this.port}`, '1000'], {
            stdio: ['ignore', 'pipe', 'pipe'],
          })
        : spawn(process.execPath, [ENTRY, '--node-sink', String(this.port)], {
            stdio: ['pipe', 'pipe', 'pipe'],
            cwd: ROOT,
          });
    this.entry = track(proc, this.kind);
    this.pid = proc.pid;
    let stderr = '';
    proc.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    proc.stdout.on('data', (d) => this.onData(d));
    proc.once('exit', (code, sig) => {
      if (!this.stopping)
        console.error(`bench: sink exited unexpectedly (code ${code}, signal ${sig}): ${stderr.trim()}`);
    });
    await waitListening(this.port, 10_000);
  }

  onData(d) {
    // Only the tail is kept: a counter may be split across chunks, and only the latest matters.
    this.tail = (this.tail + d.toString('latin1')).slice(-200);
    let m;
    const re = /mesg=(\d+)[\r\n ]/g;
    let last = null;
    while ((m = re.exec(this.tail))) last = Number(m[1]);
    if (last !== null && last > this.count) {
      this.count = last;
      const now = performance.now();
      this.waiters = this.waiters.filter((w) => {
        if (this.count >= w.target) {
          w.resolve(now);
          return false;
        }
        return true;
      });
    }
  }

  /** Resolves with performance.now() of the moment the counter reached `target`; null on timeout. */
  waitFor(target, ms) {
    if (this.count >= target) return Promise.resolve(performance.now());
    return new Promise((resolve) => {
      const w = {
        target,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      };
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

/** SINK=auto prefers smtp-sink (the anchor's sink too), which needs root to drop to nobody. */
export function chooseSink(wanted) {
  const rootOk = process.getuid?.() === 0 && fs.existsSync(SMTP_SINK);
  if (wanted === 'smtp-sink' && !rootOk) throw new Error('SINK=smtp-sink needs root and /usr/sbin/smtp-sink');
  if (wanted === 'node') return 'node';
  return rootOk ? 'smtp-sink' : 'node';
}
