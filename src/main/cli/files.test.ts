import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../core/relay/smtp-listeners.js';
import { UsageError } from './args.js';
import { ATTACHMENT_LIMIT, readUserFile } from './files.js';

describe('readUserFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-files-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets an attachment be as large as the message the relay accepts', () => {
    expect(ATTACHMENT_LIMIT).toBe(DEFAULT_LIMITS.maxMessageBytes);
  });

  it('reads a file of exactly the limit and refuses one byte more', () => {
    const file = path.join(dir, 'at-limit.txt');
    fs.writeFileSync(file, 'x'.repeat(1000));
    expect(readUserFile('--body-file', file, 1000).length).toBe(1000);
    expect(() => readUserFile('--body-file', file, 999)).toThrow(UsageError);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without waiting for a writer', () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readUserFile('--attach', fifo, 1000)).toThrow(`--attach ${fifo}: is not a regular file`);
  });
});
