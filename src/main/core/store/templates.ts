/**
 * Saved replies (templates) and signatures: the seller's own texts for the composer, not part of the record. A template
 * has a name unique per shop and a language; a signature is one per shop and language. Both may be edited and removed.
 */
import type { Language } from '../../../shared/domain.js';
import type { Store } from './store.js';

export const TEMPLATES_MIGRATION = `CREATE TABLE templates (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  seller_id  TEXT NOT NULL REFERENCES sellers(id),
  name       TEXT NOT NULL,
  language   TEXT NOT NULL CHECK (language IN ('de','en')),
  subject    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (seller_id, name)
);
CREATE TABLE signatures (
  seller_id  TEXT NOT NULL REFERENCES sellers(id),
  language   TEXT NOT NULL CHECK (language IN ('de','en')),
  body       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (seller_id, language)
);`;

export interface TemplateFields {
  name: string;
  language: Language;
  subject: string;
  body: string;
}

export interface Template extends TemplateFields {
  id: number;
  sellerId: string;
  updatedAt: string;
}

const SELECT = `SELECT id, seller_id AS sellerId, name, language, subject, body, updated_at AS updatedAt FROM templates`;

export class TemplateRepo {
  constructor(private readonly store: Store) {}

  get(sellerId: string, id: number): Template | undefined {
    return this.store.stmt(`${SELECT} WHERE id = ? AND seller_id = ?`).get(id, sellerId) as Template | undefined;
  }

  byName(sellerId: string, name: string): Template | undefined {
    return this.store.stmt(`${SELECT} WHERE seller_id = ? AND name = ?`).get(sellerId, name) as Template | undefined;
  }

  /** By name, as the composer's list shows them. */
  list(sellerId: string): Template[] {
    return this.store
      .stmt(`${SELECT} WHERE seller_id = ? ORDER BY name COLLATE NOCASE, id`)
      .all(sellerId) as Template[];
  }

  /**
   * Overwrites template `id` of the seller, or, without one, the seller's template of the same name, else makes a new
   * one. Returns its id. The caller checks the name is free when renaming (UNIQUE would refuse it otherwise).
   */
  save(sellerId: string, id: number | undefined, fields: TemplateFields): number {
    const now = this.store.nowIso();
    const existing = id !== undefined ? this.get(sellerId, id) : this.byName(sellerId, fields.name);
    if (existing) {
      this.store
        .stmt(
          `UPDATE templates SET name = @name, language = @language, subject = @subject, body = @body, updated_at = @now
          WHERE id = @id`,
        )
        .run({ ...fields, now, id: existing.id });
      return existing.id;
    }
    const info = this.store
      .stmt(
        `INSERT INTO templates (seller_id, name, language, subject, body, updated_at)
        VALUES (@sellerId, @name, @language, @subject, @body, @now)`,
      )
      .run({ ...fields, sellerId, now });
    return Number(info.lastInsertRowid);
  }

  /** False when the seller has no template `id`. */
  remove(sellerId: string, id: number): boolean {
    return this.store.stmt('DELETE FROM templates WHERE id = ? AND seller_id = ?').run(id, sellerId).changes === 1;
  }

  /** The shop's signature in `language`, or '' when none is set. */
  signature(sellerId: string, language: Language): string {
    const row = this.store
      .stmt('SELECT body FROM signatures WHERE seller_id = ? AND language = ?')
      .get(sellerId, language) as { body: string } | undefined;
    return row?.body ?? '';
  }

  /** Sets the signature; an empty one removes it. */
  setSignature(sellerId: string, language: Language, body: string): void {
    if (body.trim() === '') {
      this.store.stmt('DELETE FROM signatures WHERE seller_id = ? AND language = ?').run(sellerId, language);
      return;
    }
    this.store
      .stmt(
        `INSERT INTO signatures (seller_id, language, body, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (seller_id, language) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(sellerId, language, body, this.store.nowIso());
  }
}
