/**
 * Backups from the app: the settings of Settings "Backup" (folder, daily time or off, the last result), a backup into
 * a new folder inside the chosen one, and the daily schedule the app service runs.
 */
import path from 'node:path';
import type { BackupResult, BackupSchedule, BackupView } from '../../../shared/contract-backup.js';
import type { CoreContext } from '../context.js';
import { isParleyError, ParleyError } from '../errors.js';
import { backupStore } from '../store/backup.js';

const KEYS = {
  folder: 'backup_folder',
  schedule: 'backup_schedule',
  time: 'backup_time',
  last: 'backup_last',
  lastGood: 'backup_last_good',
} as const;
const DEFAULT_TIME = '02:00';

export function backupView(ctx: CoreContext, canChooseFolder: boolean): BackupView {
  const { store } = ctx;
  const last = store.getSetting(KEYS.last);
  return {
    folder: store.getSetting(KEYS.folder) ?? null,
    schedule: store.getSetting(KEYS.schedule) === 'daily' ? 'daily' : 'off',
    time: store.getSetting(KEYS.time) ?? DEFAULT_TIME,
    last: last ? (JSON.parse(last) as BackupResult) : null,
    canChooseFolder,
  };
}

/** The last backup that succeeded: what "Restore the last backup" puts in place. */
export function lastGoodBackup(ctx: CoreContext): BackupResult | null {
  const good = ctx.store.getSetting(KEYS.lastGood);
  return good ? (JSON.parse(good) as BackupResult) : null;
}

export function saveBackupSettings(
  ctx: CoreContext,
  input: { folder?: string | null; schedule?: BackupSchedule; time?: string },
): void {
  const { store } = ctx;
  if (input.folder !== undefined) {
    if (input.folder === null || input.folder.trim() === '') store.deleteSetting(KEYS.folder);
    else {
      if (!path.isAbsolute(input.folder.trim()))
        throw new ParleyError('EBADINPUT', 'The backup folder must be a full path', {
          detail: { key: 'backup.folderNotAbsolute', params: {} },
        });
      store.setSetting(KEYS.folder, path.resolve(input.folder.trim()));
    }
  }
  if (input.schedule !== undefined) store.setSetting(KEYS.schedule, input.schedule);
  if (input.time !== undefined) store.setSetting(KEYS.time, input.time);
  if (input.schedule === 'daily' && !store.getSetting(KEYS.folder))
    throw new ParleyError('EBADINPUT', 'Choose a backup folder first', {
      detail: { key: 'backup.noFolder', params: {} },
    });
}

/**
 * A backup now into `<folder>/parley-backup-<time>`; the result (also a failure) is remembered for Settings. `now`:
 * the schedule's clock (the store's otherwise).
 */
export async function runBackup(
  ctx: CoreContext,
  now: () => Date = () => ctx.store.clock.now(),
): Promise<BackupResult> {
  const folder = ctx.store.getSetting(KEYS.folder);
  if (!folder)
    throw new ParleyError('EBADINPUT', 'Choose a backup folder first', {
      detail: { key: 'backup.noFolder', params: {} },
    });
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(folder, `parley-backup-${stamp}`);
  let result: BackupResult;
  try {
    const manifest = await backupStore(ctx.store, dir);
    result = { at: now().toISOString(), ok: true, dir, messages: manifest.messages, error: null, key: null };
    ctx.store.setSetting(KEYS.lastGood, JSON.stringify(result));
  } catch (err) {
    const message = (err as Error).message;
    const key = isParleyError(err) ? (err.detail?.key ?? null) : null;
    result = { at: now().toISOString(), ok: false, dir: null, messages: null, error: message, key };
  }
  ctx.store.setSetting(KEYS.last, JSON.stringify(result));
  return result;
}

/** Whether the daily backup is due: today's time has passed and the last attempt was before it. */
export function backupDue(view: Pick<BackupView, 'schedule' | 'time' | 'last' | 'folder'>, now: Date): boolean {
  if (view.schedule !== 'daily' || !view.folder) return false;
  const [h, m] = view.time.split(':').map(Number);
  const today = new Date(now);
  today.setHours(h, m, 0, 0);
  if (now < today) return false;
  return !view.last || new Date(view.last.at) < today;
}

const TICK_MS = 60_000;

/** The daily schedule in the app service: a look every minute, one backup at a time. */
export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly ctx: () => CoreContext,
    private readonly now: () => Date,
    private readonly onDone: (result: BackupResult) => void = () => {},
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Runs the backup when it is due; resolves when that one is done. */
  async tick(): Promise<BackupResult | null> {
    if (this.running || !backupDue(backupView(this.ctx(), false), this.now())) return null;
    const run = runBackup(this.ctx(), this.now);
    this.running = run;
    try {
      const result = await run;
      this.onDone(result);
      return result;
    } finally {
      this.running = undefined;
    }
  }

  /** Stops the schedule; a backup already running is waited for (the store closes after it). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }
}
