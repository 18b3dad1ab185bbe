import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockRelay } from './lock.js';

describe('the relay lock of a data directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    dirs.push(d);
    return d;
  };
  const write = (dir: string, holder: object) =>
    fs.writeFileSync(path.join(dir, 'relay.lock'), JSON.stringify({ host: os.hostname(), startedAt: 'x', ...holder }));

  it('refuses a second relay in the same process, naming the holder, and is free again once released', async () => {
    const dir = tmp();
    const lock = await lockRelay(dir);
    await expect(lockRelay(dir)).rejects.toMatchObject({
      code: 'ESTORE',
      detail: { key: 'relay.running', params: { pid: process.pid, host: os.hostname() } },
    });
    lock.release();
    expect(fs.existsSync(path.join(dir, 'relay.lock'))).toBe(false);
    (await lockRelay(dir)).release();
  });

  it('takes over a lock whose process is gone, and one with its own pid that it does not hold (a restarted container)', async () => {
    for (const pid of [2 ** 22 + 1, process.pid]) {
      const dir = tmp();
      write(dir, { pid });
      const lock = await lockRelay(dir);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'relay.lock'), 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('keeps a lock held by a live process, and one from another host', async () => {
    const dir = tmp();
    write(dir, { pid: process.ppid });
    await expect(lockRelay(dir)).rejects.toThrow(`pid ${process.ppid},`);
    write(dir, { pid: 2 ** 22 + 1, host: 'elsewhere.example' });
    await expect(lockRelay(dir)).rejects.toThrow(/on elsewhere\.example/);
  });
});
