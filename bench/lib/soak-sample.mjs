// What bench/soak reads off the serve process each interval: /proc (RSS, fds), files (the WAL) and the probe's lines.
import fs from 'node:fs';

export function rssKb(pid) {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  } catch {
    return NaN;
  }
}
export function fdCount(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}
export function fileBytes(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
/** The probe's last line (it writes every second; the driver reads at its own interval). */
export function lastProbe(file) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd();
    return JSON.parse(text.slice(text.lastIndexOf('\n') + 1));
  } catch {
    return null;
  }
}

/** The worker threads' V8 heaps (the probe's `.threads.jsonl`): the sum of each thread's last line, in bytes. */
export function workerHeaps(file) {
  try {
    const last = new Map();
    for (const l of fs.readFileSync(`${file}.threads.jsonl`, 'utf8').trimEnd().split('\n')) {
      const x = JSON.parse(l);
      last.set(x.threadId, x);
    }
    const live = [...last.values()].filter(
      (x) => Date.now() - x.t < 3 * Number(process.env.SOAK_INTERVAL_S ?? 10) * 1000,
    );
    return { count: live.length, heap: live.reduce((a, x) => a + x.heapTotal + x.external + x.malloced, 0) };
  } catch {
    return { count: NaN, heap: NaN };
  }
}
