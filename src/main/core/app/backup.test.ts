import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { sqlExec, sqlRun, sqlValue } from '../store/inspect.js';
import { BACKUP_MANIFEST } from '../store/backup.js';
import { backupDue, BackupScheduler } from './backup.js';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true });
});
const backupFolder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-backups-'));
  folders.push(dir);
  return dir;
};

describe('Settings "Backup"', () => {
  it('backs up now into a new folder inside the chosen one, and shows the result', async () => {
    const app = await apps.demo();
    await expect(app.call('backup.set', { folder: 'relative/path' })).rejects.toMatchObject({
      detail: { key: 'backup.folderNotAbsolute' },
    });
    await expect(app.call('backup.run', {})).rejects.toMatchObject({ detail: { key: 'backup.noFolder' } });
    const folder = backupFolder();
    const set = await app.call('backup.set', { folder, schedule: 'daily', time: '03:30' });
    expect(set).toMatchObject({ folder, schedule: 'daily', time: '03:30', last: null, canChooseFolder: false });

    const view = await app.call('backup.run', {});
    const messages = sqlValue<number>(app.ctx.store, 'SELECT count(*) FROM messages');
    expect(view.last).toMatchObject({ ok: true, messages, error: null });
    expect(path.dirname(view.last!.dir!)).toBe(folder);
    expect(fs.existsSync(path.join(view.last!.dir!, BACKUP_MANIFEST))).toBe(true);
  });

  it('the desktop folder dialog saves the chosen folder; a cancelled one changes nothing', async () => {
    const folder = backupFolder();
    let answer: string | null = folder;
    const app = await apps.demo();
    const withDialog = await app.reopen({ chooseBackupFolder: async () => answer });
    try {
      expect(await withDialog.call('backup.chooseFolder', {})).toMatchObject({ folder, canChooseFolder: true });
      answer = null;
      expect(await withDialog.call('backup.chooseFolder', {})).toMatchObject({ folder });
    } finally {
      await withDialog.close();
    }
  });

  it('runs the daily backup once the time has passed, once a day', async () => {
    const app = await apps.demo();
    await app.call('backup.set', { folder: backupFolder(), schedule: 'daily', time: '02:00' });
    let now = new Date(2026, 11, 4, 1, 59);
    const scheduler = new BackupScheduler(
      () => app.ctx,
      () => now,
    );
    expect(await scheduler.tick()).toBeNull();
    now = new Date(2026, 11, 4, 2, 1);
    expect(await scheduler.tick()).toMatchObject({ ok: true });
    expect(await scheduler.tick()).toBeNull();
    await scheduler.stop();
  });

  it('is due only on the daily schedule, with a folder, after the time, when the last one was before it', () => {
    const at = (h: number, m = 0) => new Date(2026, 11, 4, h, m);
    const base = { schedule: 'daily' as const, time: '02:00', folder: '/b', last: null };
    expect(backupDue(base, at(2, 0))).toBe(true);
    expect(backupDue(base, at(1, 59))).toBe(false);
    expect(backupDue({ ...base, schedule: 'off' }, at(3))).toBe(false);
    expect(backupDue({ ...base, folder: null }, at(3))).toBe(false);
    const last = (d: Date) => ({ at: d.toISOString(), ok: true, dir: '/b/x', messages: 1, error: null, key: null });
    expect(backupDue({ ...base, last: last(at(2, 5)) }, at(9))).toBe(false);
    expect(backupDue({ ...base, last: last(new Date(2026, 11, 3, 2, 5)) }, at(9))).toBe(true);
  });
});

describe('the integrity check at start in the app', () => {
  it('a damaged record keeps the relay off and shows the way out; the last backup restores it', async () => {
    let app = await apps.demo();
    expect((await app.call('app.status', {})).storeCheck).toMatchObject({ ok: true, lastBackup: null });
    await app.call('backup.set', { folder: backupFolder() });
    await app.call('backup.run', {});
    const dataDir = app.dataDir;
    await app.close();

    const ctx = new CoreContext({ dataDir, dns: 'offline' });
    sqlExec(ctx.store, 'DROP TRIGGER messages_no_update');
    sqlRun(ctx.store, "UPDATE messages SET subject = 'rewritten' WHERE id = 2");
    ctx.close();

    app = await apps.reopen(app);
    const status = await app.call('app.status', {});
    expect(status.storeCheck).toMatchObject({ ok: false, failed: 'chain', readOnly: false });
    expect(status.storeCheck!.lastBackup).not.toBeNull();
    expect(status.relayStatus.running).toBe(false);

    expect(await app.call('store.continueReadOnly', {})).toMatchObject({ ok: false, readOnly: true });
    expect(await app.call('store.restoreLast', {})).toMatchObject({ ok: true, failed: null, readOnly: false });
    expect(sqlValue(app.ctx.store, 'SELECT subject FROM messages WHERE id = 2')).not.toBe('rewritten');
    expect((await app.call('app.status', {})).relayStatus.running).toBe(true);
  });
});
