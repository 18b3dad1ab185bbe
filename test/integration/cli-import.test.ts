import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { mboxOf, testMail } from '../../src/main/core/ops/testing/mbox.js';
import { PARLEY_BIN } from '../support/serve-process.js';

describe('parley import: old mail from an mbox or a Maildir', () => {
  let dir: string;
  let data: string;
  const parley = (...args: string[]) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const mails = (n: number, prefix: string) =>
    mboxOf(
      Array.from({ length: n }, (_, i) =>
        testMail({
          from: i % 3 === 2 ? 'cs@shop-one.example' : `buyer${i % 50}@buyer.example`,
          to: i % 3 === 2 ? `buyer${i % 50}@buyer.example` : 'cs@shop-one.example',
          subject: `Order question ${i}`,
          messageId: `${prefix}${i}@history.example`,
        }),
      ),
    );

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-import-'));
    data = path.join(dir, 'data');
    expect(
      parley('seller', 'add', '--id', 'shop-one', '--name', 'Shop One', '--email', 'cs@shop-one.example').code,
    ).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports an mbox with progress on stderr and its counts on stdout; a second import adds nothing', () => {
    const file = path.join(dir, 'small.mbox');
    fs.writeFileSync(file, mails(30, 'small'));
    const r = parley('import', '--seller', 'shop-one', '--mbox', file, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ total: 30, imported: 30, duplicates: 0 });
    expect(r.err).toMatch(/^import: 30 of 30 messages \(\d+\/s\), 30 new$/m);
    const again = parley('import', '--seller', 'shop-one', '--mbox', file);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(
      /^0 imported, 30 already there, 0 skipped .* of 30 messages in [\d.]+ s \(\d+ messages\/s\)$/m,
    );
    expect(parley('import', '--seller', 'shop-one', '--mbox', file, '--maildir', dir).code).toBe(2);
    const notMbox = parley('import', '--seller', 'shop-one', '--mbox', path.join(data, '..', 'small.mbox.eml'));
    expect(notMbox.code).toBe(1);
  });

  it('goes on where it stopped after a SIGKILL mid-file, and the record verifies', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'big.mbox');
    const total = 5000;
    fs.writeFileSync(file, mails(total, 'big'));
    const child = spawn(process.execPath, [
      PARLEY_BIN,
      'import',
      '--seller',
      'shop-one',
      '--mbox',
      file,
      '--data',
      data,
    ]);
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        const m = /import: (\d+) of/.exec(err.split('\n').findLast((l) => /import: [1-9]/.test(l)) ?? '');
        if (m) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the import ended before it was killed: ${err}`)));
    });
    const r = parley('import', '--seller', 'shop-one', '--mbox', file, '--json');
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    // Every message of the file is in the record once: the resumed run did not read the committed part again.
    expect(result).toMatchObject({ resumed: true, total, done: total, imported: total, duplicates: 0 });
    const ctx = new CoreContext({ dataDir: data });
    try {
      expect(ctx.record.pairOfMessageId('shop-one', `<big${total - 1}@history.example>`)).toBeGreaterThan(0);
    } finally {
      ctx.close();
    }
    expect(parley('verify').code).toBe(0);
    const again = JSON.parse(parley('import', '--seller', 'shop-one', '--mbox', file, '--json').out);
    expect(again).toMatchObject({ imported: 0, duplicates: total, resumed: false });
  });
});
