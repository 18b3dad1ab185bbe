/**
 * Migration 3, the desktop inbox: the state every filter and count needs is kept on the
 * conversation row by triggers, so a page of 10,000 conversations or their counts read one
 * index and never scan the messages (the record itself stays append-only, R21). Also the full
 * text indexes of the messages and of buyers' names (FTS5) and the composer's draft fields.
 *
 * Terms:
 * - an *answer* is a seller message that really went or is going to the buyer: seller-to-buyer,
 *   not automatic (a shipping confirmation is not an answer), delivered by policy, and its
 *   delivery not failed, bounced or cancelled;
 * - a buyer message *needs a response* (R18–R20) when it came after the last answer, was not
 *   held (DMARC), not reported (R18) and not marked "no response needed" (R19).
 *   `pending_since` is the oldest such message's time, NULL when there is none.
 */

/** A seller message that counts as an answer, for a row aliased `m`. */
export const IS_ANSWER = `m.direction = 'seller-to-buyer' AND m.via <> 'automatic' AND m.verdict = 'deliver'`;

/** The conversation's last answer, recomputed (after a delivery of one failed or was cancelled). */
const LAST_ANSWER = `COALESCE((SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id AND ${IS_ANSWER}
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))), 0)`;

/** The oldest buyer message after the last answer that still needs a response. */
export const PENDING_SINCE = `(SELECT MIN(m.received_at) FROM messages m
  WHERE m.conversation_id = conversations.id AND m.id > conversations.last_answer_id
    AND m.direction = 'buyer-to-seller' AND m.verdict <> 'held'
    AND NOT EXISTS (SELECT 1 FROM message_marks k WHERE k.message_id = m.id AND k.no_response_needed = 1)
    AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id AND r.withdrawn_at IS NULL))`;

const REPORTED_COUNT = `(SELECT COUNT(DISTINCT r.message_id) FROM messages m JOIN reports r ON r.message_id = m.id
  WHERE m.conversation_id = conversations.id AND r.withdrawn_at IS NULL)`;

const MARKED_COUNT = `(SELECT COUNT(*) FROM messages m JOIN message_marks k ON k.message_id = m.id
  WHERE m.conversation_id = conversations.id AND k.no_response_needed = 1)`;

/** Blocked, refused or held messages, plus deliveries that failed or bounced. */
const PROBLEM_COUNT = `((SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id AND m.verdict IN ('block','reject','held'))
  + (SELECT COUNT(*) FROM messages m JOIN outbox o ON o.message_id = m.id WHERE m.conversation_id = conversations.id
     AND o.state IN ('failed','bounced') AND o.kind IN ('forward','shipping-confirmation')))`;

const conversationOf = (messageId: string) => `(SELECT conversation_id FROM messages WHERE id = ${messageId})`;

/**
 * One partial index per filter: the page of a filter is a range of its index (covering: it holds the filter's column
 * too).
 */
const filterIndex = (name: string, column: string, where: string) =>
  `CREATE INDEX conversations_${name} ON conversations(seller_id, last_at DESC, id DESC, ${column}) WHERE ${where};`;

/** Computes every conversation's state from the record: what the triggers keep current afterwards. */
export const INBOX_BACKFILL = `
UPDATE conversations SET
  seller_id = (SELECT seller_id FROM pairs WHERE pairs.id = conversations.pair_id),
  message_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id),
  attachment_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id AND m.has_attachments = 1),
  sent_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id AND m.direction = 'seller-to-buyer'),
  held_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id AND m.verdict = 'held'),
  problem_count = ${PROBLEM_COUNT},
  reported_count = ${REPORTED_COUNT},
  marked_count = ${MARKED_COUNT},
  last_answer_id = ${LAST_ANSWER},
  last_id = (SELECT m.id FROM messages m WHERE m.conversation_id = conversations.id AND m.direction <> 'relay-to-seller'
    ORDER BY m.received_at DESC, m.id DESC LIMIT 1);
UPDATE conversations SET last_at = (SELECT received_at FROM messages WHERE id = conversations.last_id), pending_since = ${PENDING_SINCE};
DELETE FROM inbox_counts;
INSERT INTO inbox_counts (seller_id, total, needs, sent, problems, reported, marked)
  SELECT seller_id, COUNT(*), SUM(pending_since IS NOT NULL), SUM(sent_count > 0), SUM(problem_count > 0), SUM(reported_count > 0), SUM(marked_count > 0)
  FROM conversations WHERE seller_id IS NOT NULL AND last_id IS NOT NULL GROUP BY seller_id;
`;

/** A conversation row's part in its seller's counts; `r` is OLD or NEW. Counted once it has a message and a seller. */
const counted = (r: string, condition: string) =>
  `(${r}.seller_id IS NOT NULL AND ${r}.last_id IS NOT NULL AND ${condition.replace(/\$/g, r)})`;
const COUNT_COLUMNS: [string, string][] = [
  ['total', '1'],
  ['needs', '$.pending_since IS NOT NULL'],
  ['sent', '$.sent_count > 0'],
  ['problems', '$.problem_count > 0'],
  ['reported', '$.reported_count > 0'],
  ['marked', '$.marked_count > 0'],
];

export const INBOX_MIGRATION = `
ALTER TABLE conversations ADD COLUMN seller_id TEXT;
ALTER TABLE conversations ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN last_id INTEGER;               -- newest buyer or seller message (notices aside)
ALTER TABLE conversations ADD COLUMN last_at TEXT;
ALTER TABLE conversations ADD COLUMN last_answer_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN pending_since TEXT;            -- R20: NULL = needs no response
ALTER TABLE conversations ADD COLUMN sent_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN problem_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN held_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN reported_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN marked_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN attachment_count INTEGER NOT NULL DEFAULT 0;

-- Each seller's filter counts, moved by the conversations that enter or leave a filter: O(1) to read.
CREATE TABLE inbox_counts (
  seller_id TEXT PRIMARY KEY,
  total     INTEGER NOT NULL DEFAULT 0,
  needs     INTEGER NOT NULL DEFAULT 0,
  sent      INTEGER NOT NULL DEFAULT 0,
  problems  INTEGER NOT NULL DEFAULT 0,
  reported  INTEGER NOT NULL DEFAULT 0,
  marked    INTEGER NOT NULL DEFAULT 0
);

${INBOX_BACKFILL}
${filterIndex('all', 'last_id', 'last_id IS NOT NULL')}
${filterIndex('response_needed', 'pending_since', 'pending_since IS NOT NULL')}
${filterIndex('sent', 'sent_count', 'sent_count > 0')}
${filterIndex('undeliverable', 'problem_count', 'problem_count > 0')}
${filterIndex('reported', 'reported_count', 'reported_count > 0')}
${filterIndex('no_response', 'marked_count', 'marked_count > 0')}

-- Fires only when a conversation enters or leaves a filter, not for every message.
CREATE TRIGGER conversations_counts AFTER UPDATE ON conversations
  WHEN ${COUNT_COLUMNS.map(([, c]) => `${counted('OLD', c)} IS NOT ${counted('NEW', c)}`).join(' OR ')} BEGIN
  INSERT INTO inbox_counts (seller_id) VALUES (NEW.seller_id) ON CONFLICT (seller_id) DO NOTHING;
  UPDATE inbox_counts SET ${COUNT_COLUMNS.map(([col, c]) => `${col} = ${col} + ${counted('NEW', c)} - ${counted('OLD', c)}`).join(', ')}
  WHERE seller_id = NEW.seller_id;
END;

-- Each new message moves its conversation's state in O(1): no scan of the conversation.
CREATE TRIGGER messages_inbox AFTER INSERT ON messages WHEN NEW.conversation_id IS NOT NULL BEGIN
  UPDATE conversations SET
    seller_id = COALESCE(seller_id, NEW.seller_id),
    message_count = message_count + 1,
    attachment_count = attachment_count + NEW.has_attachments,
    sent_count = sent_count + (NEW.direction = 'seller-to-buyer'),
    problem_count = problem_count + (NEW.verdict IN ('block','reject','held')),
    held_count = held_count + (NEW.verdict = 'held'),
    last_id = CASE WHEN NEW.direction <> 'relay-to-seller' AND (last_at IS NULL OR NEW.received_at >= last_at) THEN NEW.id ELSE last_id END,
    last_at = CASE WHEN NEW.direction <> 'relay-to-seller' AND (last_at IS NULL OR NEW.received_at >= last_at) THEN NEW.received_at ELSE last_at END,
    last_answer_id = CASE WHEN ${IS_ANSWER.replace(/\bm\./g, 'NEW.')} THEN NEW.id ELSE last_answer_id END,
    pending_since = CASE
      WHEN ${IS_ANSWER.replace(/\bm\./g, 'NEW.')} THEN NULL
      WHEN NEW.direction = 'buyer-to-seller' AND NEW.verdict <> 'held' THEN MIN(COALESCE(pending_since, NEW.received_at), NEW.received_at)
      ELSE pending_since END
  WHERE id = NEW.conversation_id;
END;

-- R18, R19: a report or a mark takes the message out of "Response needed".
CREATE TRIGGER reports_inbox AFTER INSERT ON reports BEGIN
  UPDATE conversations SET reported_count = ${REPORTED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
CREATE TRIGGER reports_inbox_withdrawn AFTER UPDATE OF withdrawn_at ON reports BEGIN
  UPDATE conversations SET reported_count = ${REPORTED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
CREATE TRIGGER marks_inbox AFTER INSERT ON message_marks BEGIN
  UPDATE conversations SET marked_count = ${MARKED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
CREATE TRIGGER marks_inbox_update AFTER UPDATE ON message_marks BEGIN
  UPDATE conversations SET marked_count = ${MARKED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;

-- A delivery that failed, bounced or was cancelled: undeliverable, and no longer an answer.
-- Only these rare final states fire it; the delivered/deferred updates of the hot path do not.
CREATE TRIGGER outbox_inbox AFTER UPDATE OF state ON outbox
  WHEN NEW.message_id IS NOT NULL AND NEW.state IN ('failed','bounced','cancelled') AND OLD.state NOT IN ('failed','bounced','cancelled') BEGIN
  UPDATE conversations SET last_answer_id = ${LAST_ANSWER}, problem_count = ${PROBLEM_COUNT} WHERE id = ${conversationOf('NEW.message_id')};
  UPDATE conversations SET pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;

-- Full text of subject and text (search box); external content: the text is stored once, in messages.
CREATE VIRTUAL TABLE messages_fts USING fts5(subject, text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, subject, text) VALUES (NEW.id, NEW.subject, NEW.text);
END;

-- Buyers' names for the search box: any word of the name, by its beginning, diacritics folded.
CREATE VIRTUAL TABLE buyers_fts USING fts5(name, content='buyers', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO buyers_fts(buyers_fts) VALUES ('rebuild');
CREATE TRIGGER buyers_fts_insert AFTER INSERT ON buyers BEGIN
  INSERT INTO buyers_fts(rowid, name) VALUES (NEW.id, NEW.name);
END;
CREATE TRIGGER buyers_fts_update AFTER UPDATE OF name ON buyers WHEN OLD.name IS NOT NEW.name BEGIN
  INSERT INTO buyers_fts(buyers_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
  INSERT INTO buyers_fts(rowid, name) VALUES (NEW.id, NEW.name);
END;
CREATE INDEX orders_pair_purchased ON orders(pair_id, purchased_at);

-- The composer's drafts: a reply in a conversation or a new message to an alias. Rebuilt with
-- AUTOINCREMENT: an id is never reused, so a window still holding a sent draft's id can never
-- overwrite a newer draft with its autosave.
CREATE TABLE drafts_v3 (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  seller_id           TEXT NOT NULL REFERENCES sellers(id),
  pair_id             INTEGER REFERENCES pairs(id),
  conversation_id     INTEGER REFERENCES conversations(id),
  alias               TEXT,                      -- as typed, kept even before it names a pair
  order_id            TEXT,
  topic               TEXT,
  subject             TEXT NOT NULL DEFAULT '',
  body                TEXT NOT NULL DEFAULT '',
  important           INTEGER NOT NULL DEFAULT 0,
  reason              TEXT,
  reply_to_message_id INTEGER REFERENCES messages(id),
  attachments         TEXT NOT NULL DEFAULT '[]', -- JSON DraftFile[]: blobs by sha256
  updated_at          TEXT NOT NULL
);
INSERT INTO drafts_v3 (id, seller_id, pair_id, order_id, subject, body, reason, attachments, updated_at)
  SELECT id, seller_id, pair_id, order_id, subject, body, reason, attachments, updated_at FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_v3 RENAME TO drafts;
CREATE INDEX drafts_seller ON drafts(seller_id, updated_at);
CREATE INDEX drafts_conversation ON drafts(conversation_id);
`;
