/**
 * `parley … --log [FILE]`: the command writes the app's log (core/log.ts) into the data folder's logs/ or into FILE,
 * with no buyer address in it, and leaves the arguments of the command alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PARLEY_BIN } from '../support/serve-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function parley(...args: string[]) {
  const r = spawnSync(process.execPath, [PARLEY_BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('parley --log', () => {
  it('writes the demo relay log into the data folder, without the buyers addresses', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-log-'));
    dirs.push(data);
    expect(parley('demo', '--log', '--data', data).status).toBe(0);
    const log = fs.readFileSync(path.join(data, 'logs', 'parley.log'), 'utf8');
    expect(log).toMatch(/INFO {2}relay {2}relay started: /);
    expect(log).toMatch(/INFO {2}outbox item \d+ \(forward\) delivered to \[buyer\]: 250/);
    expect(log).not.toMatch(/anna\.mueller@|james\.smith@|lukas\.weber@/i);
  });

  it('takes a file of its own, and without --log writes none', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-log-'));
    dirs.push(data);
    const file = path.join(data, 'elsewhere', 'relay.log');
    expect(parley('demo', '--data', data, `--log=${file}`).status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/relay started/);
    expect(fs.existsSync(path.join(data, 'logs'))).toBe(false);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-log-'));
    dirs.push(other);
    expect(
      parley('seller', 'add', '--id', 'shop', '--name', 'Shop', '--email', 'cs@shop.example', '--data', other).status,
    ).toBe(0);
    expect(fs.existsSync(path.join(other, 'logs'))).toBe(false);
  });
});
