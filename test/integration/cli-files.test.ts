import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARLEY_BIN } from '../support/serve-process.js';

let dir: string;
let data: string;
const parley = (...args: string[]) => {
  const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-files-'));
  data = path.join(dir, 'data');
  fs.writeFileSync(path.join(dir, 'body.txt'), 'Hello\n');
  const add = parley('seller', 'add', '--id', 'shop-one', '--name', 'Shop One', '--email', 'cs@shop-one.example');
  expect(add.code, add.err).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('refuses a file it cannot read in one line, fast, without a stack trace (exit 2)', () => {
  const MB = 1024 * 1024;
  const sparse = (name: string, bytes: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, bytes);
    return file;
  };
  const send = (command: string, file: { body?: string; attach?: string }) => [
    command,
    '--seller',
    'shop-one',
    '--to',
    'nobody@relay.parley.localhost',
    '--subject',
    'Your order',
    '--body-file',
    file.body ?? path.join(dir, 'body.txt'),
    ...(file.attach ? ['--attach', file.attach] : []),
  ];
  const importing = (file: string) => ['orders', 'import', '--seller', 'shop-one', file];
  const missing = () => path.join(dir, 'no-such.txt');
  const directory = () => dir;
  const device = () => '/dev/zero';
  const cases: [string, () => string[], RegExp][] = [
    ['orders import, a missing report', () => importing(missing()), /no-such\.txt: no such file$/],
    ['orders import, a directory', () => importing(directory()), /: is a directory$/],
    ['orders import, /dev/zero', () => importing(device()), /\/dev\/zero: is not a regular file$/],
    [
      'orders import, a report over 200 MB',
      () => importing(sparse('huge.tsv', 201 * MB)),
      /huge\.tsv: is 201 MB.*200 MB/,
    ],
    [
      'send --attach, a missing file',
      () => send('send', { attach: missing() }),
      /^parley: --attach .*no-such\.txt: no such file$/,
    ],
    [
      'send --attach, a directory',
      () => send('send', { attach: directory() }),
      /^parley: --attach .*: is a directory$/,
    ],
    [
      'send --attach, /dev/zero',
      () => send('send', { attach: device() }),
      /^parley: --attach \/dev\/zero: is not a regular file$/,
    ],
    [
      'send --attach, over the relay message limit',
      () => send('send', { attach: sparse('big.pdf', 26 * MB) }),
      /^parley: --attach .*big\.pdf: is 26 MB.*25 MB/,
    ],
    [
      'send --body-file, a missing file',
      () => send('send', { body: missing() }),
      /^parley: --body-file .*no-such\.txt: no such file$/,
    ],
    [
      'send --body-file, a directory',
      () => send('send', { body: directory() }),
      /^parley: --body-file .*: is a directory$/,
    ],
    [
      'send --body-file, /dev/zero',
      () => send('send', { body: device() }),
      /^parley: --body-file \/dev\/zero: is not a regular file$/,
    ],
    [
      'send --body-file, over 1 MB',
      () => send('send', { body: sparse('long.txt', 2 * MB) }),
      /^parley: --body-file .*long\.txt: is 2 MB.*1 MB/,
    ],
    [
      'check --body-file, /dev/zero',
      () => send('check', { body: device() }),
      /^parley: --body-file \/dev\/zero: is not a regular file$/,
    ],
    [
      'check --attach, a missing file',
      () => send('check', { attach: missing() }),
      /^parley: --attach .*no-such\.txt: no such file$/,
    ],
    [
      'verify --export, a missing path',
      () => ['verify', '--export', missing()],
      /^parley: --export .*no-such\.txt: no such file$/,
    ],
    [
      'serve --dkim-key, a missing key file',
      () => ['serve', '--dns', 'offline', '--dkim-selector', 's1', '--dkim-key', missing()],
      /^parley: --dkim-key .*no-such\.txt: no such file$/,
    ],
    [
      'serve --dkim-key, /dev/zero',
      () => ['serve', '--dns', 'offline', '--dkim-selector', 's1', '--dkim-key', device()],
      /^parley: --dkim-key \/dev\/zero: is not a regular file$/,
    ],
    [
      'verify --export, /dev/zero',
      () => ['verify', '--export', device()],
      /^parley: --export \/dev\/zero: is not a regular file$/,
    ],
    [
      'verify --export, a zip over 1 GB (read whole into memory)',
      () => ['verify', '--export', sparse('huge.zip', 1025 * MB)],
      /^parley: --export .*huge\.zip: is 1025 MB, more than the 1024 MB allowed$/,
    ],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args(), '--data', data], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.error, 'finished within the timeout').toBeUndefined();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^parley: /);
    expect(lines[0]).toMatch(message);
    expect(r.status, r.stderr).toBe(2);
  });

  // `seller list` reads a store, `buyer opt-out` may make one.
  it.each([
    [
      'a regular file',
      ['seller', 'list'],
      () => path.join(dir, 'body.txt'),
      /^parley: --data .*body\.txt: is not a directory$/,
    ],
    [
      'a place it cannot create',
      ['buyer', 'opt-out', '--email', 'ben@buyers.example'],
      () => path.join(dir, 'body.txt', 'data'),
      /^parley: --data .*: cannot create the directory/,
    ],
  ])('--data naming %s', (_, command, where, message) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...command, '--data', where()], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(r.status).toBe(2);
  });
});
