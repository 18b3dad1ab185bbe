import { INBOX_MIGRATION } from './migration-inbox.js';
import { RELEASE_MIGRATION } from './migration-release.js';
import { INTAKE_MIGRATION } from './intake.js';
import { TEMPLATES_MIGRATION } from './templates.js';
import { UNDELIVERABLE_MIGRATION } from './migration-undeliverable.js';
import { MAIL_IMPORT_MIGRATION } from './mail-import.js';
import { HISTORY_MIGRATION } from './migration-history.js';

/** Migration 20: the seller tables' change counter, moved by triggers so that a change by any connection counts. */
const SELLER_CHANGES_MIGRATION = `
CREATE TABLE seller_changes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO seller_changes (id, n) VALUES (1, 0);
${['sellers', 'authorized_senders']
  .flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (op) =>
        `CREATE TRIGGER ${table}_changed_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN UPDATE seller_changes SET n = n + 1; END;`,
    ),
  )
  .join('\n')}
`;

/**
 * Numbered migrations, run in order at open inside one transaction each; `user_version`
 * holds the last one applied. Never edit a shipped migration: add the next number.
 */
export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sellers (
  id             TEXT PRIMARY KEY,               -- [a-z0-9-], also the submission login
  name           TEXT NOT NULL,                  -- shop name shown to buyers (R6)
  email          TEXT NOT NULL UNIQUE,           -- customer-service address (R5), registered sender (R7)
  language       TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de','en')),
  bounce_notices INTEGER NOT NULL DEFAULT 1,     -- R13
  strict         INTEGER NOT NULL DEFAULT 0,     -- R11 strict mode
  password_hash  TEXT NOT NULL,                  -- scrypt, never the password
  created_at     TEXT NOT NULL
);

CREATE TABLE authorized_senders (                -- R7
  seller_id  TEXT NOT NULL REFERENCES sellers(id),
  email      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (seller_id, email)
);
CREATE INDEX authorized_senders_email ON authorized_senders(email);

CREATE TABLE buyers (
  id           INTEGER PRIMARY KEY,
  email        TEXT NOT NULL UNIQUE,             -- real address, lower-cased
  name         TEXT,
  opted_out    INTEGER NOT NULL DEFAULT 0,       -- R10
  opted_out_at TEXT,
  created_at   TEXT NOT NULL
);

CREATE TABLE pairs (                             -- R1: one alias per (buyer, seller), forever
  id          INTEGER PRIMARY KEY,
  seller_id   TEXT NOT NULL REFERENCES sellers(id),
  buyer_id    INTEGER NOT NULL REFERENCES buyers(id),
  alias       TEXT NOT NULL UNIQUE,              -- local part, 15 [a-z0-9]
  reply_token TEXT NOT NULL UNIQUE,              -- local part of the buyer-facing reply address
  created_at  TEXT NOT NULL,
  UNIQUE (seller_id, buyer_id)
);
CREATE TRIGGER pairs_keep BEFORE DELETE ON pairs BEGIN SELECT RAISE(ABORT, 'aliases are never deleted or reused (R1)'); END;
CREATE TRIGGER pairs_stable BEFORE UPDATE OF alias, reply_token, seller_id, buyer_id ON pairs
  BEGIN SELECT RAISE(ABORT, 'aliases never change (R1)'); END;

CREATE TABLE orders (
  seller_id    TEXT NOT NULL REFERENCES sellers(id),
  order_id     TEXT NOT NULL,
  pair_id      INTEGER NOT NULL REFERENCES pairs(id),
  buyer_name   TEXT,
  product_name TEXT,
  category     TEXT NOT NULL DEFAULT 'standard' CHECK (category IN ('standard','handmade','wine','custom')),
  purchased_at TEXT NOT NULL,
  shipped_at   TEXT,
  carrier      TEXT,
  tracking     TEXT,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (seller_id, order_id)
);
CREATE INDEX orders_pair ON orders(pair_id);
CREATE INDEX orders_purchased ON orders(seller_id, purchased_at);
CREATE INDEX orders_id ON orders(order_id);

CREATE TABLE conversations (                      -- one per pair, across orders (R3)
  id              INTEGER PRIMARY KEY,
  pair_id         INTEGER NOT NULL UNIQUE REFERENCES pairs(id),
  started_by      TEXT NOT NULL CHECK (started_by IN ('buyer','seller')),
  subject         TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  last_message_at TEXT NOT NULL
);

-- The record (R21): append-only, hash-chained. Delivery state lives in outbox.
CREATE TABLE messages (
  id               INTEGER PRIMARY KEY,
  seller_id        TEXT REFERENCES sellers(id),
  conversation_id  INTEGER REFERENCES conversations(id),
  direction        TEXT NOT NULL CHECK (direction IN ('buyer-to-seller','seller-to-buyer','relay-to-seller')),
  via              TEXT NOT NULL,                 -- app | cli | mail-client | automatic
  envelope_from    TEXT NOT NULL,
  envelope_to      TEXT NOT NULL,                 -- JSON array
  from_name        TEXT,
  subject          TEXT NOT NULL DEFAULT '',
  message_id       TEXT,                          -- Message-ID as the sender wrote it
  relay_message_id TEXT NOT NULL UNIQUE,          -- Message-ID Parley gave the forwarded copy
  in_reply_to      TEXT,
  refs             TEXT NOT NULL DEFAULT '[]',    -- JSON array of References
  text             TEXT NOT NULL DEFAULT '',
  has_attachments  INTEGER NOT NULL DEFAULT 0,
  raw_sha256       TEXT NOT NULL,                 -- blob of the message exactly as received
  raw_size         INTEGER NOT NULL,
  auth             TEXT,                          -- JSON: SPF/DKIM/DMARC verdicts
  verdict          TEXT NOT NULL CHECK (verdict IN ('deliver','block','reject','held')),
  decision         TEXT NOT NULL,                 -- JSON Decision
  received_at      TEXT NOT NULL,
  prev_hash        TEXT NOT NULL,
  record_hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX messages_seller_day ON messages(seller_id, direction, received_at);
CREATE INDEX messages_message_id ON messages(message_id);
CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages BEGIN SELECT RAISE(ABORT, 'the message record is append-only (R21)'); END;
CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages BEGIN SELECT RAISE(ABORT, 'the message record is append-only (R21)'); END;

CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER NOT NULL REFERENCES messages(id),
  filename      TEXT NOT NULL,
  declared_type TEXT NOT NULL,
  sniffed_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  removed       INTEGER NOT NULL DEFAULT 0,
  removed_why   TEXT
);
CREATE INDEX attachments_message ON attachments(message_id);
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments BEGIN SELECT RAISE(ABORT, 'the message record is append-only (R21)'); END;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments BEGIN SELECT RAISE(ABORT, 'the message record is append-only (R21)'); END;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  message_id      INTEGER REFERENCES messages(id),
  kind            TEXT NOT NULL,                 -- forward | bounce-notice | shipping-confirmation | delivery-failure
  envelope_from   TEXT NOT NULL,                 -- '' for the null sender
  recipients      TEXT NOT NULL,                 -- JSON array
  blob_sha256     TEXT NOT NULL,                 -- the exact bytes to send
  state           TEXT NOT NULL CHECK (state IN ('queued','deferred','delivered','failed','bounced','cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  delivered_at    TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_message ON outbox(message_id);

CREATE TABLE delivery_events (                  -- append-only log of every state change
  id        INTEGER PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  at        TEXT NOT NULL,
  state     TEXT NOT NULL,
  detail    TEXT
);
CREATE INDEX delivery_events_outbox ON delivery_events(outbox_id);

CREATE TABLE message_marks (                    -- R19 and read state; the record itself never changes
  message_id           INTEGER PRIMARY KEY REFERENCES messages(id),
  no_response_needed   INTEGER NOT NULL DEFAULT 0,
  no_response_at       TEXT,
  source               TEXT
);

CREATE TABLE reports (                          -- R18
  id           INTEGER PRIMARY KEY,
  message_id   INTEGER NOT NULL REFERENCES messages(id),
  reason       TEXT NOT NULL,
  note         TEXT,
  source       TEXT NOT NULL,                   -- app | mail | cli
  created_at   TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX reports_message ON reports(message_id);

CREATE TABLE drafts (
  id          INTEGER PRIMARY KEY,
  seller_id   TEXT NOT NULL REFERENCES sellers(id),
  pair_id     INTEGER REFERENCES pairs(id),
  order_id    TEXT,
  subject     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  reason      TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  updated_at  TEXT NOT NULL
);

CREATE TABLE important_uses (                   -- R11 audit log: every [Important] / additional-info use
  id         INTEGER PRIMARY KEY,
  seller_id  TEXT NOT NULL REFERENCES sellers(id),
  message_id INTEGER REFERENCES messages(id),
  kind       TEXT NOT NULL CHECK (kind IN ('important-tag','additional-info')),
  subject    TEXT NOT NULL,
  category   TEXT NOT NULL,
  necessary  INTEGER,
  verdict    TEXT NOT NULL,
  at         TEXT NOT NULL
);
CREATE INDEX important_uses_seller ON important_uses(seller_id, at);
CREATE TRIGGER important_uses_no_update BEFORE UPDATE ON important_uses BEGIN SELECT RAISE(ABORT, 'the audit log is append-only (R11)'); END;
CREATE TRIGGER important_uses_no_delete BEFORE DELETE ON important_uses BEGIN SELECT RAISE(ABORT, 'the audit log is append-only (R11)'); END;
`,
  },
  {
    version: 2,
    // The outgoing copy of a small message is kept in its outbox row: it is a delivery artifact
    // (the record keeps the raw message as a file), and inline it costs no file and no fsync of its own.
    sql: 'ALTER TABLE outbox ADD COLUMN content BLOB;',
  },
  {
    version: 3,
    // The desktop inbox (see app/inbox-sql.ts): conversation state kept current by triggers so
    // that filters, counts and pages of 10,000 conversations read an index, never the messages.
    sql: INBOX_MIGRATION,
  },
  {
    version: 4,
    // The Performance view (app/performance.ts): the response-time metric reads 90 days of buyer
    // messages and seller answers; covering them in the index spares ~25,000 reads of message rows
    // (measured 140 → ~30 ms on 100,000 messages).
    sql: `CREATE INDEX messages_response ON messages(seller_id, direction, received_at, conversation_id, verdict, via);`,
  },
  {
    version: 5,
    // Full-text indexing leaves the relay's commit (store/search-index.ts): new messages are
    // indexed in batches a moment later, and before any search. Measured on the 2 KB relay bench:
    // FTS5 in the insert trigger was about a third of the record's insert and commit time.
    sql: `DROP TRIGGER messages_fts_insert;
CREATE TABLE fts_progress (through INTEGER NOT NULL);  -- the last message id in messages_fts
INSERT INTO fts_progress (through) SELECT COALESCE(MAX(id), 0) FROM messages;`,
  },
  {
    version: 6,
    // R11 asks first (migration-release.ts): the seller's "confirm" or "warn only" setting, the
    // override marker of the R11 log, and the releases of held seller messages.
    sql: RELEASE_MIGRATION,
  },
  {
    version: 7,
    // Mail to postmaster@ the relay domain (RFC 5321), for the admin view: store/postmaster.ts. Not part of the record.
    sql: `CREATE TABLE postmaster_mail (
  id INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  envelope_from TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  size INTEGER NOT NULL,
  raw BLOB NOT NULL
);`,
  },
  {
    version: 8,
    // R5: the search index holds the seller's view of each message, not the record's text: the buyer's address
    // (signature, quoted mail) replaced by the alias, as the conversation view shows it (seller_text, store/db.ts).
    // Searching a guessed address then finds nothing the seller could not see. The record itself is unchanged (R21);
    // the index is external content over the view, so its snippets are cut from the same scrubbed text.
    sql: `CREATE VIEW messages_seller_text AS
  SELECT m.id, seller_text(m.subject, b.email, p.alias || '@' || d.value) AS subject,
    seller_text(m.text, b.email, p.alias || '@' || d.value) AS text
  FROM messages m
  LEFT JOIN conversations c ON c.id = m.conversation_id
  LEFT JOIN pairs p ON p.id = c.pair_id
  LEFT JOIN buyers b ON b.id = p.buyer_id
  LEFT JOIN settings d ON d.key = 'domain';
DROP TABLE messages_fts;
CREATE VIRTUAL TABLE messages_fts USING fts5(subject, text, content='messages_seller_text', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
UPDATE fts_progress SET through = (SELECT COALESCE(MAX(id), 0) FROM messages);`,
  },
  {
    version: 9,
    // Every relay domain the store has served (store/domains.ts): the aliases, relay, reply, return-path and action
    // addresses handed out stay valid under each, new ones use the current one. The 'domain' setting stays the
    // current one (migration 8's view reads it). The domain served so far gets the store's first shop as its first day.
    sql: `CREATE TABLE domains (
  name             TEXT PRIMARY KEY,
  first_served_at  TEXT NOT NULL,
  current          INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1))
);
CREATE UNIQUE INDEX domains_one_current ON domains(current) WHERE current = 1;
INSERT INTO domains (name, first_served_at, current)
  SELECT value, COALESCE((SELECT MIN(created_at) FROM sellers), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), 1
  FROM settings WHERE key = 'domain';`,
  },
  {
    version: 10,
    // The IMAP intake (store/intake.ts): the shop's mailboxes, each folder's UIDVALIDITY and last UID, the messages
    // taken (Message-ID plus content hash, committed with the record: exactly once) and the ones held.
    sql: INTAKE_MIGRATION,
  },
  {
    version: 11,
    // Saved replies and signatures (store/templates.ts): the seller's own texts, not part of the record.
    sql: TEMPLATES_MIGRATION,
  },
  {
    version: 14,
    // "Undeliverable" follows the latest outgoing message only (store/migration-undeliverable.ts).
    sql: UNDELIVERABLE_MIGRATION,
  },
  {
    version: 16,
    // The mail history import (store/mail-import.ts): each run's position and counts, kept with its records so a killed
    // import goes on where it stopped, and the hash of every message it recorded (a second import adds nothing).
    sql: MAIL_IMPORT_MIGRATION,
  },
  {
    version: 17,
    // Imported mail is history (store/migration-history.ts): it neither asks for a response nor answers one, and
    // never stands for the latest outgoing message ("Undeliverable").
    sql: HISTORY_MIGRATION,
  },
  {
    version: 18,
    // A forwarded copy that differs from the raw message only around its body (new header block, actions footer)
    // keeps just those bytes in `content` and names the raw body as a byte range of its blob (store/outbox.ts).
    sql: 'ALTER TABLE outbox ADD COLUMN splice TEXT;',
  },
  {
    version: 19,
    // An attachment the relay recorded is read from the raw message's blob, not written again as a file of its own:
    // its encoded body is raw[raw_start, raw_end), decoded by raw_encoding (its Content-Transfer-Encoding) on demand
    // (record-reader.ts attachmentBytes). NULL: the attachment has its own blob `sha256` (older rows, imported mail).
    sql: `ALTER TABLE attachments ADD COLUMN raw_start INTEGER;
ALTER TABLE attachments ADD COLUMN raw_end INTEGER;
ALTER TABLE attachments ADD COLUMN raw_encoding TEXT;`,
  },
  {
    version: 20,
    // A counter every change of sellers or authorized_senders moves (store/sellers.ts): a connection keeps what it read
    // of them until the counter moves, whoever changed them, instead of asking SQLite again for every message.
    sql: SELLER_CHANGES_MIGRATION,
  },
];
