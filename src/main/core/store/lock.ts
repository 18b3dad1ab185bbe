import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ParleyError } from '../errors.js';
import { PRIVATE_FILE_MODE } from './private-file.js';

/** Who holds a store's relay lock: the `relay.lock` file in the data directory says it. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface RelayLock {
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this holder's. */
  release(): void;
}

const LOCK_FILE = 'relay.lock';
// ms: a lock file just created may not hold its holder yet; an unreadable one older than this was left by a crash.
const UNREADABLE_STALE_MS = 2_000;
// ms: a takeover guard this old was left by a process that died while taking a stale lock over.
const GUARD_STALE_MS = 10_000;
const RETRY_MS = 50;
const ATTEMPTS = 100; // × RETRY_MS: about 5 s of other processes taking turns before giving up

/** Lock files this process holds: a lock with our own pid that is not among them is a stale one (pid reuse). */
const held = new Set<string>();

/**
 * One relay per store: two outbox workers over one database would send a message twice. The lock is a file created
 * exclusively ('wx') holding the pid, host and start time; a lock whose process is gone is taken over. One-shot
 * commands take no lock: they commit through SQLite's own locking, and the relay's outbox picks their rows up.
 */
export async function lockRelay(dataDir: string): Promise<RelayLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  let last: LockHolder | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (create(file, me)) {
      held.add(file);
      return { holder: me, release: () => release(file, me) };
    }
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable') {
      last = holder;
      if (isAlive(file, holder)) throw busy(holder);
      takeOver(file, holder);
    } else if (ageMs(file) > UNREADABLE_STALE_MS) {
      takeOver(file, 'unreadable');
    }
    await sleep(RETRY_MS);
  }
  throw busy(last ?? { pid: 0, host: 'unknown', startedAt: '' });
}

function create(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify(me) + '\n');
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.startedAt === 'string')
      return h as LockHolder;
  } catch {
    // being written, or cut short by a crash
  }
  return 'unreadable';
}

function sameHolder(a: LockHolder | 'gone' | 'unreadable', b: LockHolder | 'unreadable'): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

/** On another host the pid says nothing: such a lock counts as held (its message says which file to remove). */
function isAlive(file: string, holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

/**
 * Removes a stale lock under a guard file, and only if it still names the stale holder: two relays starting after a
 * crash must not both remove it, the second one taking away the lock the first has just created.
 */
function takeOver(file: string, stale: LockHolder | 'unreadable'): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(guard, 'wx', PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (ageMs(guard) > GUARD_STALE_MS) fs.rmSync(guard, { force: true });
    return; // another process takes it over; the caller tries again
  }
  try {
    if (sameHolder(readHolder(file), stale)) fs.rmSync(file, { force: true });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(guard, { force: true });
  }
}

function release(file: string, me: LockHolder): void {
  if (!held.delete(file)) return;
  if (sameHolder(readHolder(file), me)) fs.rmSync(file, { force: true });
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function busy(holder: LockHolder): ParleyError {
  const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return new ParleyError(
    'ESTORE',
    `another Parley relay (pid ${holder.pid}${where}, started ${holder.startedAt}) is using this data directory: ` +
      'stop it first (if that process is gone, remove relay.lock in the data directory)',
    { detail: { key: 'relay.running', params: { pid: holder.pid, host: holder.host } } },
  );
}
