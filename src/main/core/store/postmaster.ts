/**
 * Mail to postmaster@ the relay domain (RFC 5321 requires the address to work): kept here for the admin view, never
 * forwarded, never a buyer and never part of the record (R21 is about buyer–seller messages). Each message is small
 * (the relay refuses larger ones), and only the newest are kept, so a flood cannot fill the disk.
 */
import type { Store } from './store.js';

/** Messages kept; an older one goes when a new one comes. Plenty for an operator reading it now and then. */
export const POSTMASTER_KEEP = 1000;

export interface PostmasterMail {
  id: number;
  receivedAt: string;
  envelopeFrom: string;
  remoteAddress: string;
  subject: string;
  size: number;
}

interface PostmasterRow {
  id: number;
  received_at: string;
  envelope_from: string;
  remote_address: string;
  subject: string;
  size: number;
}

const toMail = (r: PostmasterRow): PostmasterMail => ({
  id: r.id,
  receivedAt: r.received_at,
  envelopeFrom: r.envelope_from,
  remoteAddress: r.remote_address,
  subject: r.subject,
  size: r.size,
});

const COLUMNS = 'id, received_at, envelope_from, remote_address, subject, size';

export class PostmasterBox {
  constructor(
    private readonly store: Store,
    private readonly keep = POSTMASTER_KEEP,
  ) {}

  /** Call inside `store.commits.run`: the 250 waits for the row to be on disk like any message. */
  add(input: { envelopeFrom: string; remoteAddress: string; subject: string; raw: Buffer }): number {
    const { lastInsertRowid } = this.store
      .stmt(
        `INSERT INTO postmaster_mail (received_at, envelope_from, remote_address, subject, size, raw)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(this.store.nowIso(), input.envelopeFrom, input.remoteAddress, input.subject, input.raw.length, input.raw);
    const id = Number(lastInsertRowid);
    this.store.stmt('DELETE FROM postmaster_mail WHERE id <= ?').run(id - this.keep);
    return id;
  }

  /** Newest first. */
  list(limit = 200): PostmasterMail[] {
    return (
      this.store.stmt(`SELECT ${COLUMNS} FROM postmaster_mail ORDER BY id DESC LIMIT ?`).all(limit) as PostmasterRow[]
    ).map(toMail);
  }

  get(id: number): (PostmasterMail & { raw: Buffer }) | undefined {
    const row = this.store.stmt(`SELECT ${COLUMNS}, raw FROM postmaster_mail WHERE id = ?`).get(id) as
      (PostmasterRow & { raw: Buffer }) | undefined;
    return row && { ...toMail(row), raw: row.raw };
  }

  count(): number {
    return this.store.stmt('SELECT COUNT(*) FROM postmaster_mail').pluck().get() as number;
  }
}
