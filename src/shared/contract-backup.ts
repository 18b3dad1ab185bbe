/**
 * What the contract says about backups (Settings "Backup") and the integrity check at start: the store is the seller's
 * legal record (R21), so a failed check stops the relay and offers a way out instead of carrying on silently.
 */

export const BACKUP_SCHEDULES = ['off', 'daily'] as const;
export type BackupSchedule = (typeof BACKUP_SCHEDULES)[number];

export interface BackupResult {
  /** When it finished (ISO). */
  at: string;
  ok: boolean;
  /** The folder the backup went into (a new `parley-backup-…` folder inside the chosen one). */
  dir: string | null;
  messages: number | null;
  /** Why it failed, in English (the UI words `key` when it has one). */
  error: string | null;
  key: string | null;
}

export interface BackupView {
  /** The chosen folder; each backup is a new folder inside it. */
  folder: string | null;
  schedule: BackupSchedule;
  /** "HH:MM", local time, for the daily schedule. */
  time: string;
  last: BackupResult | null;
  /** The desktop app can show a folder dialog; the browser bridge takes a typed path. */
  canChooseFolder: boolean;
}

export interface StoreCheckView {
  ok: boolean;
  /** Which check failed: the database file itself, or the record's hash chain and files. */
  failed: 'database' | 'chain' | null;
  /** The problem in English (the same words `parley verify` prints). */
  problem: string | null;
  /** The seller chose to continue: the relay and the intake stay off. */
  readOnly: boolean;
  /** The last good backup that "Restore the last backup" would put in place, if any. */
  lastBackup: { at: string; dir: string; messages: number | null } | null;
}
