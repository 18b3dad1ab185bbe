/**
 * Migration 6, "a risky send asks first" (R11): a seller message that uses [Important] without
 * looking necessary is held until the seller confirms it (app) or releases it (mail client).
 *
 * - `sellers.urgent_check`: 'confirm' (the default) holds such a message; 'warn-only' sends it
 *   with a warning, as before.
 * - `important_uses.override`: the R11 log says when the seller overrode the warning — 'confirmed'
 *   ("Send anyway") or 'released' (a held message let go).
 * - `releases`: the record is append-only (R21), so a released message keeps its 'held' row; the
 *   release is a row of its own, and what the seller sees (queued, delivered; an answer; no longer
 *   a problem) is derived from it. Append-only like the record.
 *
 * The conversation state of migration 3 learns about releases: a release takes the message out of
 * the held and problem counts and makes it the conversation's answer; the outbox trigger, which
 * recomputes both when a delivery fails, counts released messages as sent.
 */
import { PENDING_SINCE } from './migration-inbox.js';

/** A message that went or is going to the buyer by policy: delivered, or held and released since. */
const SENT_BY_POLICY = `(m.verdict = 'deliver' OR (m.verdict = 'held' AND EXISTS (SELECT 1 FROM releases rl WHERE rl.message_id = m.id)))`;

/** migration 3's LAST_ANSWER, released messages included. */
const LAST_ANSWER = `COALESCE((SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id
  AND m.direction = 'seller-to-buyer' AND m.via <> 'automatic' AND ${SENT_BY_POLICY}
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))), 0)`;

/** migration 3's PROBLEM_COUNT, released messages no longer held. */
const PROBLEM_COUNT = `((SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id
     AND (m.verdict IN ('block','reject') OR (m.verdict = 'held' AND NOT EXISTS (SELECT 1 FROM releases rl WHERE rl.message_id = m.id))))
  + (SELECT COUNT(*) FROM messages m JOIN outbox o ON o.message_id = m.id WHERE m.conversation_id = conversations.id
     AND o.state IN ('failed','bounced') AND o.kind IN ('forward','shipping-confirmation')))`;

const conversationOf = (messageId: string) => `(SELECT conversation_id FROM messages WHERE id = ${messageId})`;

export const RELEASE_MIGRATION = `
ALTER TABLE sellers ADD COLUMN urgent_check TEXT NOT NULL DEFAULT 'confirm' CHECK (urgent_check IN ('confirm','warn-only'));
ALTER TABLE important_uses ADD COLUMN override TEXT CHECK (override IN ('confirmed','released'));

CREATE TABLE releases (                          -- R11: held seller messages the seller released
  message_id INTEGER PRIMARY KEY REFERENCES messages(id),
  seller_id  TEXT NOT NULL REFERENCES sellers(id),
  source     TEXT NOT NULL,                      -- app | cli
  decision   TEXT NOT NULL,                      -- JSON Decision of the re-evaluation, confirmed
  at         TEXT NOT NULL
);
CREATE INDEX releases_seller ON releases(seller_id, at);
CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases BEGIN SELECT RAISE(ABORT, 'a release is part of the record (R21)'); END;
CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases BEGIN SELECT RAISE(ABORT, 'a release is part of the record (R21)'); END;

CREATE TRIGGER releases_inbox AFTER INSERT ON releases BEGIN
  UPDATE conversations SET
    held_count = held_count - 1,
    problem_count = problem_count - 1,
    last_answer_id = CASE WHEN (SELECT direction = 'seller-to-buyer' AND via <> 'automatic' FROM messages WHERE id = NEW.message_id)
      THEN MAX(last_answer_id, NEW.message_id) ELSE last_answer_id END
  WHERE id = ${conversationOf('NEW.message_id')};
  UPDATE conversations SET pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;

DROP TRIGGER outbox_inbox;
CREATE TRIGGER outbox_inbox AFTER UPDATE OF state ON outbox
  WHEN NEW.message_id IS NOT NULL AND NEW.state IN ('failed','bounced','cancelled') AND OLD.state NOT IN ('failed','bounced','cancelled') BEGIN
  UPDATE conversations SET last_answer_id = ${LAST_ANSWER}, problem_count = ${PROBLEM_COUNT} WHERE id = ${conversationOf('NEW.message_id')};
  UPDATE conversations SET pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
`;

/** For a query's `m` (messages): the message went or is going to the buyer by policy (delivered, or released). */
export const sentByPolicy = SENT_BY_POLICY;
