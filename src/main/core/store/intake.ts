/**
 * The IMAP intake's tables (migration 10): the mailboxes a shop connected, how far each folder has been read, which
 * messages were taken (Message-ID plus SHA-256 of the raw bytes: exactly once across reconnects, restarts and a
 * changed UIDVALIDITY) and the ones held for the seller. Secrets are not here: they live in the SecretStore.
 */
import type { IntakeAccountView } from '../../../shared/contract-intake.js';
import type { Store } from './store.js';

/** A connected mailbox as stored: the contract's view without "is a secret set" (the SecretStore knows that). */
export type IntakeAccountRow = Omit<IntakeAccountView, 'hasSecret'>;

export type IntakeOutcome = 'recorded' | 'held' | 'handled';

export interface IntakeSeenInput {
  accountId: number;
  sellerId: string;
  messageId: string | null;
  sha256: string;
  outcome: IntakeOutcome;
  folder: string;
  uidValidity: number;
  uid: number;
}

export interface IntakeHeldInput {
  accountId: number;
  sellerId: string;
  subject: string | null;
  recipient: string | null;
  size: number;
  code: string;
  message: string;
  key: string;
  params: Record<string, string | number>;
}

export interface IntakeHeldRow extends IntakeHeldInput {
  id: number;
  heldAt: string;
}

interface AccountSql {
  id: number;
  seller_id: string;
  host: string;
  port: number;
  secure: number;
  user: string;
  folder: string;
  auth: 'password' | 'oauth2';
  trust_fingerprint: string | null;
  created_at: string;
}

const toAccount = (r: AccountSql): IntakeAccountRow => ({
  id: r.id,
  sellerId: r.seller_id,
  host: r.host,
  port: r.port,
  secure: r.secure === 1,
  user: r.user,
  folder: r.folder,
  auth: r.auth,
  trustFingerprint: r.trust_fingerprint,
  createdAt: r.created_at,
});

interface HeldSql {
  id: number;
  account_id: number;
  seller_id: string;
  held_at: string;
  subject: string | null;
  recipient: string | null;
  size: number;
  code: string;
  message: string;
  key: string;
  params: string;
}

export const INTAKE_MIGRATION = `CREATE TABLE intake_accounts (
  id INTEGER PRIMARY KEY,
  seller_id TEXT NOT NULL REFERENCES sellers(id),
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  secure INTEGER NOT NULL CHECK (secure IN (0, 1)),
  user TEXT NOT NULL,
  folder TEXT NOT NULL,
  auth TEXT NOT NULL CHECK (auth IN ('password', 'oauth2')),
  trust_fingerprint TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE intake_folders (
  account_id INTEGER NOT NULL,
  folder TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL,
  PRIMARY KEY (account_id, folder)
);
CREATE TABLE intake_seen (
  seller_id TEXT NOT NULL,
  message_id TEXT NOT NULL,   -- '' when the message has none
  sha256 TEXT NOT NULL,
  account_id INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('recorded', 'held', 'handled')),
  seen_at TEXT NOT NULL,
  PRIMARY KEY (seller_id, message_id, sha256)
);
CREATE INDEX intake_seen_account ON intake_seen(account_id, outcome);
CREATE TABLE intake_held (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  held_at TEXT NOT NULL,
  subject TEXT,
  recipient TEXT,
  size INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  key TEXT NOT NULL,
  params TEXT NOT NULL
);
CREATE INDEX intake_held_seller ON intake_held(seller_id, id);`;

const ACCOUNT_COLUMNS = 'id, seller_id, host, port, secure, user, folder, auth, trust_fingerprint, created_at';

export class IntakeStore {
  constructor(private readonly store: Store) {}

  addAccount(input: Omit<IntakeAccountRow, 'id' | 'createdAt'>): IntakeAccountRow {
    const { lastInsertRowid } = this.store
      .stmt(
        `INSERT INTO intake_accounts (seller_id, host, port, secure, user, folder, auth, trust_fingerprint, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.sellerId,
        input.host,
        input.port,
        input.secure ? 1 : 0,
        input.user,
        input.folder,
        input.auth,
        input.trustFingerprint,
        this.store.nowIso(),
      );
    return this.account(Number(lastInsertRowid))!;
  }

  /** The account and its folder positions go; what it recorded, held and saw stays (the record is append-only). */
  removeAccount(id: number): boolean {
    return this.store.transaction(() => {
      this.store.stmt('DELETE FROM intake_folders WHERE account_id = ?').run(id);
      return this.store.stmt('DELETE FROM intake_accounts WHERE id = ?').run(id).changes > 0;
    });
  }

  account(id: number): IntakeAccountRow | undefined {
    const row = this.store.stmt(`SELECT ${ACCOUNT_COLUMNS} FROM intake_accounts WHERE id = ?`).get(id) as
      AccountSql | undefined;
    return row && toAccount(row);
  }

  accounts(sellerId?: string): IntakeAccountRow[] {
    const rows = (
      sellerId === undefined
        ? this.store.stmt(`SELECT ${ACCOUNT_COLUMNS} FROM intake_accounts ORDER BY id`).all()
        : this.store
            .stmt(`SELECT ${ACCOUNT_COLUMNS} FROM intake_accounts WHERE seller_id = ? ORDER BY id`)
            .all(sellerId)
    ) as AccountSql[];
    return rows.map(toAccount);
  }

  folderState(accountId: number, folder: string): { uidValidity: number; lastUid: number } | undefined {
    const row = this.store
      .stmt('SELECT uidvalidity, last_uid FROM intake_folders WHERE account_id = ? AND folder = ?')
      .get(accountId, folder) as { uidvalidity: number; last_uid: number } | undefined;
    return row && { uidValidity: row.uidvalidity, lastUid: row.last_uid };
  }

  /** What became of a message taken before (by any of the shop's mailboxes), or undefined. */
  seen(sellerId: string, messageId: string | null, sha256: string): IntakeOutcome | undefined {
    return this.store
      .stmt('SELECT outcome FROM intake_seen WHERE seller_id = ? AND message_id = ? AND sha256 = ?')
      .pluck()
      .get(sellerId, messageId ?? '', sha256) as IntakeOutcome | undefined;
  }

  /**
   * Call inside the transaction that records (or holds) the message: the seen row and the folder position commit with
   * it or not at all. A second mark of the same message throws (primary key), which rolls the record back too.
   */
  markSeen(input: IntakeSeenInput): void {
    this.store
      .stmt(
        `INSERT INTO intake_seen (seller_id, message_id, sha256, account_id, outcome, seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(input.sellerId, input.messageId ?? '', input.sha256, input.accountId, input.outcome, this.store.nowIso());
    this.store
      .stmt(
        `INSERT INTO intake_folders (account_id, folder, uidvalidity, last_uid) VALUES (?, ?, ?, ?)
         ON CONFLICT(account_id, folder) DO UPDATE SET
           last_uid = CASE WHEN uidvalidity = excluded.uidvalidity THEN MAX(last_uid, excluded.last_uid)
                           ELSE excluded.last_uid END,
           uidvalidity = excluded.uidvalidity`,
      )
      .run(input.accountId, input.folder, input.uidValidity, input.uid);
  }

  /** A new UIDVALIDITY: nothing read under it yet (seen rows still keep each message from being taken twice). */
  resetFolder(accountId: number, folder: string, uidValidity: number): void {
    this.store
      .stmt(
        `INSERT INTO intake_folders (account_id, folder, uidvalidity, last_uid) VALUES (?, ?, ?, 0)
         ON CONFLICT(account_id, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = 0`,
      )
      .run(accountId, folder, uidValidity);
  }

  /** Call inside the same transaction as `markSeen(… 'held')`. */
  hold(input: IntakeHeldInput): number {
    const { lastInsertRowid } = this.store
      .stmt(
        `INSERT INTO intake_held (account_id, seller_id, held_at, subject, recipient, size, code, message, key, params)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.accountId,
        input.sellerId,
        this.store.nowIso(),
        input.subject,
        input.recipient,
        input.size,
        input.code,
        input.message,
        input.key,
        JSON.stringify(input.params),
      );
    return Number(lastInsertRowid);
  }

  /** Newest first. */
  held(sellerId?: string, limit = 500): IntakeHeldRow[] {
    const rows = (
      sellerId === undefined
        ? this.store.stmt('SELECT * FROM intake_held ORDER BY id DESC LIMIT ?').all(limit)
        : this.store.stmt('SELECT * FROM intake_held WHERE seller_id = ? ORDER BY id DESC LIMIT ?').all(sellerId, limit)
    ) as HeldSql[];
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      sellerId: r.seller_id,
      heldAt: r.held_at,
      subject: r.subject,
      recipient: r.recipient,
      size: r.size,
      code: r.code,
      message: r.message,
      key: r.key,
      params: JSON.parse(r.params) as Record<string, string | number>,
    }));
  }

  /** Messages recorded and held through one mailbox since it was added. */
  counts(accountId: number): { recorded: number; held: number } {
    const rows = this.store
      .stmt('SELECT outcome, COUNT(*) AS n FROM intake_seen WHERE account_id = ? GROUP BY outcome')
      .all(accountId) as { outcome: IntakeOutcome; n: number }[];
    const n = (o: IntakeOutcome) => rows.find((r) => r.outcome === o)?.n ?? 0;
    return { recorded: n('recorded'), held: n('held') };
  }
}
