import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from '../errors.js';
import { lockRelay } from './lock.js';
import { MIGRATIONS } from './migrations.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-file.js';
import type { Store } from './store.js';
import { syncDir } from './sync-dir.js';

/** What a backup folder holds besides the database and its blobs: written last, so its presence means complete. */
export interface BackupManifest {
  format: 'parley-backup/1';
  /** When the database copy was taken (ISO). */
  takenAt: string;
  schemaVersion: number;
  messages: number;
  /** The last message's id and record_hash: the head of the hash chain (R21); null for an empty record. */
  head: { id: number; hash: string } | null;
  blobs: number;
  blobBytes: number;
}

export const BACKUP_MANIFEST = 'backup-manifest.json';
const DB_FILE = 'parley.sqlite3';
const PAGES_PER_STEP = 1000; // about 4 MB of the database file per step of the online copy

/** The record's size and head, and every blob a database names, read from an open database. */
function describe(db: Database.Database): {
  messages: number;
  head: BackupManifest['head'];
  schemaVersion: number;
  shas: Set<string>;
  optional: Set<string>;
} {
  const messages = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  const last = db.prepare('SELECT id, record_hash AS hash FROM messages ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  // The record's files must all be there (R21); the outbox's and the drafts' are copied when present.
  const shas = new Set<string>();
  // An attachment read from its raw message's blob (migration 19) has no file of its own.
  const inRaw =
    (db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get('attachments', 'raw_start') ?? null) !== null;
  const ownFiles = `SELECT sha256 AS s FROM attachments${inRaw ? ' WHERE raw_start IS NULL' : ''}`;
  for (const sql of ['SELECT raw_sha256 AS s FROM messages', ownFiles])
    for (const r of db.prepare(sql).iterate() as Iterable<{ s: string }>) shas.add(r.s);
  const optional = new Set<string>();
  for (const r of db.prepare('SELECT blob_sha256 AS s FROM outbox').iterate() as Iterable<{ s: string }>)
    if (!shas.has(r.s)) optional.add(r.s);
  // Drafts name their files inside a JSON column: every sha256-shaped string in it is a blob name.
  for (const r of db.prepare('SELECT attachments AS j FROM drafts').iterate() as Iterable<{ j: string | null }>)
    for (const m of (r.j ?? '').matchAll(/\b[0-9a-f]{64}\b/g)) if (!shas.has(m[0])) optional.add(m[0]);
  return {
    messages,
    head: last ?? null,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    shas,
    optional,
  };
}

function blobPath(root: string, sha256: string): string {
  return path.join(root, 'blobs', sha256.slice(0, 2), sha256);
}

/** Copies one file, synced; the bytes are checked against the name first, so a backup never carries a bad blob. */
function copyBlob(from: string, to: string, sha256: string): number {
  const bytes = fs.readFileSync(from);
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha256)
    throw new ParleyError('ESTORE', `backup: the file ${sha256} in the store is altered; run parley verify`, {
      detail: { key: 'backup.blobAltered', params: { sha256 } },
    });
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: PRIVATE_DIR_MODE });
  const fd = fs.openSync(to, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return bytes.length;
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * An online backup into `outDir` (created; must be empty): SQLite's backup API copies the database while the relay
 * keeps committing, then every blob the copy names is copied and synced, and the manifest is written last. Blobs are
 * content-addressed and written before the row that names them commits, so the copy's blobs all exist.
 */
export async function backupStore(store: Store, outDir: string): Promise<BackupManifest> {
  fs.mkdirSync(outDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (fs.readdirSync(outDir).length > 0)
    throw new ParleyError('ESTORE', `backup: ${outDir} is not empty: choose a new or empty folder`, {
      detail: { key: 'backup.folderNotEmpty', params: { dir: outDir } },
    });
  const takenAt = store.nowIso();
  const partial = path.join(outDir, `${DB_FILE}.partial`);
  // A step copies a bounded number of pages, so the relay on this connection keeps answering between steps. Another
  // process writing restarts SQLite's copy; once that happens the rest is taken in one step, or it might never end.
  let remaining = Infinity;
  await store.db.backup(partial, {
    progress: ({ totalPages, remainingPages }) => {
      const restarted = remainingPages > remaining;
      remaining = remainingPages;
      return restarted ? totalPages : PAGES_PER_STEP;
    },
  });
  const copy = new Database(partial);
  let described: ReturnType<typeof describe>;
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file
    described = describe(copy);
  } finally {
    copy.close();
  }
  fs.chmodSync(partial, PRIVATE_FILE_MODE);
  fsyncFile(partial);
  fs.renameSync(partial, path.join(outDir, DB_FILE));
  let blobBytes = 0;
  const dirs = new Set<string>();
  let copied = 0;
  for (const sha of [...described.shas, ...described.optional]) {
    const from = store.blobs.pathOf(sha);
    if (described.optional.has(sha) && !fs.existsSync(from)) continue;
    const to = blobPath(outDir, sha);
    blobBytes += copyBlob(from, to, sha);
    dirs.add(path.dirname(to));
    copied++;
  }
  for (const dir of dirs) await syncDir(dir);
  if (dirs.size > 0) await syncDir(path.join(outDir, 'blobs'));
  const manifest: BackupManifest = {
    format: 'parley-backup/1',
    takenAt,
    schemaVersion: described.schemaVersion,
    messages: described.messages,
    head: described.head,
    blobs: copied,
    blobBytes,
  };
  const file = path.join(outDir, BACKUP_MANIFEST);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  fsyncFile(file);
  await syncDir(outDir);
  return manifest;
}

export function readBackupManifest(fromDir: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(fromDir, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new ParleyError('ESTORE', `restore: ${fromDir} holds no complete Parley backup (no ${BACKUP_MANIFEST})`, {
      detail: { key: 'backup.notABackup', params: { dir: fromDir } },
    });
  }
  if (manifest.format !== 'parley-backup/1' || !fs.existsSync(path.join(fromDir, DB_FILE)))
    throw new ParleyError('ESTORE', `restore: ${fromDir} holds no complete Parley backup`, {
      detail: { key: 'backup.notABackup', params: { dir: fromDir } },
    });
  return manifest;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the store that was there before went (nothing of the legal record is deleted), or null. */
  setAside: string | null;
}

/**
 * Puts a backup in place as the store in `dataDir`. Refuses while a relay holds the store (the relay lock, taken for
 * the restore), and refuses a store newer than the backup (more messages, or a head the backup does not hold) unless
 * `force`. The store that was there is moved aside into `replaced-<time>/`, never deleted.
 */
export async function restoreStore(
  fromDir: string,
  dataDir: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<RestoreResult> {
  const manifest = readBackupManifest(fromDir);
  const newest = MIGRATIONS[MIGRATIONS.length - 1].version;
  if (manifest.schemaVersion > newest)
    throw new ParleyError(
      'ESTORE',
      `restore: the backup was made by a newer Parley (schema ${manifest.schemaVersion})`,
      {
        detail: { key: 'backup.newerSchema', params: { version: manifest.schemaVersion } },
      },
    );
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const lock = await lockRelay(dataDir);
  try {
    const current = path.join(dataDir, DB_FILE);
    if (fs.existsSync(current) && fs.statSync(current).size > 0 && !opts.force) refuseNewer(current, fromDir, manifest);
    const wanted = describeFile(path.join(fromDir, DB_FILE));
    for (const sha of [...wanted.shas, ...wanted.optional]) {
      const to = blobPath(dataDir, sha);
      if (fs.existsSync(to) && verifies(to, sha)) continue;
      if (wanted.optional.has(sha) && !fs.existsSync(blobPath(fromDir, sha))) continue;
      copyBlob(blobPath(fromDir, sha), to, sha);
      await syncDir(path.dirname(to));
    }
    let setAside: string | null = null;
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      const file = `${current}${suffix}`;
      if (!fs.existsSync(file)) continue;
      setAside ??= path.join(dataDir, `replaced-${stamp}`);
      fs.mkdirSync(setAside, { recursive: true, mode: PRIVATE_DIR_MODE });
      fs.renameSync(file, path.join(setAside, `${DB_FILE}${suffix}`));
    }
    const incoming = `${current}.restoring`;
    fs.copyFileSync(path.join(fromDir, DB_FILE), incoming);
    fs.chmodSync(incoming, PRIVATE_FILE_MODE);
    fsyncFile(incoming);
    fs.renameSync(incoming, current);
    await syncDir(dataDir);
    return { manifest, setAside };
  } finally {
    lock.release();
  }
}

function describeFile(file: string): ReturnType<typeof describe> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return describe(db);
  } finally {
    db.close();
  }
}

function verifies(file: string, sha256: string): boolean {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') === sha256;
  } catch {
    return false;
  }
}

function refuseNewer(current: string, fromDir: string, manifest: BackupManifest): void {
  let here: { messages: number; head: BackupManifest['head'] };
  try {
    here = describeFile(current);
  } catch {
    throw new ParleyError(
      'ESTORE',
      'restore: the store in the data folder cannot be read to compare it with the backup; add --force to replace it',
      { detail: { key: 'backup.storeUnreadable', params: {} } },
    );
  }
  if (here.head === null) return;
  const backupHasHead = (() => {
    const db = new Database(path.join(fromDir, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT 1 FROM messages WHERE id = ? AND record_hash = ?').get(here.head!.id, here.head!.hash);
    } finally {
      db.close();
    }
  })();
  if (here.messages > manifest.messages || !backupHasHead)
    throw new ParleyError(
      'ESTORE',
      `restore: the store holds ${here.messages} messages (head ${here.head.id}) and is newer than the backup ` +
        `(${manifest.messages} messages, taken ${manifest.takenAt}); add --force to replace it`,
      {
        detail: {
          key: 'backup.storeNewer',
          params: { here: here.messages, backup: manifest.messages, takenAt: manifest.takenAt },
        },
      },
    );
}
