/**
 * The mail history import's progress and what it took (migration 16): one row per run of `parley import` or the app's
 * import, with where in the source it has got to and its counts, committed with each batch of records so a killed
 * import goes on where it stopped; and the content hash of every message it recorded, so a second import of the same
 * mail adds nothing even when a message has no Message-ID.
 */
import type { Store } from './store.js';

export const MAIL_IMPORT_MIGRATION = `CREATE TABLE mail_imports (
  id INTEGER PRIMARY KEY,
  seller_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('mbox', 'maildir')),
  source TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,  -- mbox: the byte offset of the next message; Maildir: the next file's index
  total INTEGER NOT NULL DEFAULT 0,
  imported INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE UNIQUE INDEX mail_imports_running ON mail_imports(seller_id, kind, source) WHERE finished_at IS NULL;
CREATE TABLE mail_imported (
  seller_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  PRIMARY KEY (seller_id, sha256)
) WITHOUT ROWID;`;

export type MailSourceKind = 'mbox' | 'maildir';

export interface ImportCounts {
  imported: number;
  duplicates: number;
  skipped: number;
  refused: number;
}

export interface MailImportRun extends ImportCounts {
  id: number;
  sellerId: string;
  kind: MailSourceKind;
  source: string;
  position: number;
  total: number;
  /** True when this run had stopped part-way (a kill) and goes on from `position`. */
  resumed: boolean;
}

type RunRow = Omit<MailImportRun, 'resumed'>;

const RUN_SELECT = `SELECT id, seller_id AS sellerId, kind, source, position, total, imported, duplicates, skipped, refused
  FROM mail_imports`;

export class MailImportStore {
  constructor(private readonly store: Store) {}

  /** The unfinished run over this source, to go on with, or a new one. */
  begin(sellerId: string, kind: MailSourceKind, source: string, total: number): MailImportRun {
    return this.store.transaction(() => {
      const open = this.store
        .stmt(`${RUN_SELECT} WHERE seller_id = ? AND kind = ? AND source = ? AND finished_at IS NULL`)
        .get(sellerId, kind, source) as RunRow | undefined;
      if (open) {
        this.store.stmt('UPDATE mail_imports SET total = ? WHERE id = ?').run(total, open.id);
        return { ...open, total, resumed: true };
      }
      const now = this.store.nowIso();
      const info = this.store
        .stmt(
          `INSERT INTO mail_imports (seller_id, kind, source, total, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(sellerId, kind, source, total, now, now);
      return {
        id: Number(info.lastInsertRowid),
        sellerId,
        kind,
        source,
        position: 0,
        total,
        imported: 0,
        duplicates: 0,
        skipped: 0,
        refused: 0,
        resumed: false,
      };
    });
  }

  /** Where the run has got to and its counts so far. Call inside the transaction that records the batch. */
  advance(runId: number, position: number, counts: ImportCounts): void {
    this.store
      .stmt(
        `UPDATE mail_imports SET position = ?, imported = ?, duplicates = ?, skipped = ?, refused = ?, updated_at = ?
      WHERE id = ?`,
      )
      .run(position, counts.imported, counts.duplicates, counts.skipped, counts.refused, this.store.nowIso(), runId);
  }

  finish(runId: number): void {
    this.store.stmt('UPDATE mail_imports SET finished_at = ? WHERE id = ?').run(this.store.nowIso(), runId);
  }

  /** A message with these bytes was recorded for this seller by an import. */
  has(sellerId: string, sha256: string): boolean {
    return (
      this.store.stmt('SELECT 1 FROM mail_imported WHERE seller_id = ? AND sha256 = ?').get(sellerId, sha256) !==
      undefined
    );
  }

  /** Call inside the transaction that appends the record. */
  mark(sellerId: string, sha256: string, recordId: number): void {
    this.store
      .stmt('INSERT INTO mail_imported (seller_id, sha256, record_id) VALUES (?, ?, ?)')
      .run(sellerId, sha256, recordId);
  }
}
