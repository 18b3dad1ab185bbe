/**
 * `parley backup` and `parley restore` as a seller runs them, and `parley serve` refusing a store that fails its
 * integrity check at start: one line, naming `parley restore`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { seedConversation } from '../../src/main/core/ops/testing/seeded-record.js';
import { sqlExec, sqlRun } from '../../src/main/core/store/inspect.js';
import { PARLEY_BIN } from '../support/serve-process.js';

describe('parley backup, restore and the start check of serve', () => {
  let dir: string;
  const parley = (...args: string[]) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-backup-'));
    const ctx = new CoreContext({ dataDir: path.join(dir, 'data'), domain: 'relay.test', dns: 'offline' });
    ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
    await seedConversation(ctx);
    ctx.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a backup restores into a new folder that verifies; a folder that is not a backup is refused', () => {
    const data = path.join(dir, 'data');
    const backup = path.join(dir, 'backup');
    expect(parley('backup', '--data', data, '--out', backup)).toMatchObject({ code: 0, out: /4 messages/ });
    const restored = path.join(dir, 'restored');
    expect(parley('restore', '--data', restored, '--from', backup).code).toBe(0);
    expect(parley('verify', '--data', restored)).toMatchObject({ code: 0, out: /^ok: 4 messages/ });

    const empty = path.join(dir, 'other-backup');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'not a backup');
    expect(parley('restore', '--data', restored, '--from', empty)).toMatchObject({ code: 1, err: /no complete/ });
  });

  it('serve refuses a store whose record was altered, in one line naming parley restore', () => {
    const data = path.join(dir, 'data');
    const ctx = new CoreContext({ dataDir: data, dns: 'offline' });
    sqlExec(ctx.store, 'DROP TRIGGER messages_no_update');
    sqlRun(ctx.store, "UPDATE messages SET subject = 'rewritten' WHERE id = 2");
    ctx.close();
    const r = parley(
      'serve',
      '--data',
      data,
      '--smtp',
      '127.0.0.1:0',
      '--submission',
      '127.0.0.1:0',
      '--dns',
      'offline',
    );
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/integrity check at start.*parley restore --from DIR/);
  });
});
