/**
 * Migration 17, imported mail is history: the messages the history import recorded (via 'import') neither ask for a
 * response nor answer one, and never decide "Undeliverable". Before, an unanswered buyer message of years ago landed
 * in "Response needed" as overdue (and in the tray's count), an old seller message imported after a buyer wrote
 * through the relay took that conversation out of it, and an old message could stand for the latest outgoing one.
 * A buyer message that comes later through the relay needs a response as before; the imported ones stay in "All" with
 * their own dates (the import never makes one the conversation's latest: `last_at` takes the newest date).
 *
 * The triggers of migrations 3, 6 and 14 that decide the answer, "needs a response" or the latest outgoing message
 * are made anew, with the text of response-terms.ts as it is now (written out here: a shipped migration never
 * changes), and the conversations that hold imported mail are computed again (the counts follow through
 * `conversations_counts`).
 */

/** A seller message through Parley that went or is going to the buyer: response-terms.ts IS_ANSWER. */
const IS_ANSWER = `m.direction = 'seller-to-buyer' AND m.via NOT IN ('automatic', 'import')
  AND (m.verdict = 'deliver' OR (m.verdict = 'held' AND EXISTS (SELECT 1 FROM releases rl WHERE rl.message_id = m.id)))
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))`;

/** A buyer message through Parley that asks for a response: response-terms.ts ASKS_FOR_RESPONSE. */
const ASKS_FOR_RESPONSE = `m.direction = 'buyer-to-seller' AND m.verdict <> 'held' AND m.via <> 'import'
  AND NOT EXISTS (SELECT 1 FROM message_marks k WHERE k.message_id = m.id AND k.no_response_needed = 1)
  AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id AND r.withdrawn_at IS NULL)`;

const LAST_ANSWER = `COALESCE((SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id AND ${IS_ANSWER}), 0)`;

const PENDING_SINCE = `(SELECT MIN(m.received_at) FROM messages m
  WHERE m.conversation_id = conversations.id AND m.id > conversations.last_answer_id AND ${ASKS_FOR_RESPONSE})`;

/** Migration 14's LATEST_OUTGOING_PROBLEM, imported messages left out. */
const LATEST_OUTGOING_PROBLEM = `COALESCE((SELECT m.verdict IN ('block','reject')
    OR EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced'))
  FROM messages m WHERE m.conversation_id = conversations.id AND m.direction = 'seller-to-buyer' AND m.via <> 'import'
    AND (m.verdict <> 'held' OR EXISTS (SELECT 1 FROM releases rl WHERE rl.message_id = m.id))
  ORDER BY m.id DESC LIMIT 1), 0)`;

const REPORTED_COUNT = `(SELECT COUNT(DISTINCT r.message_id) FROM messages m JOIN reports r ON r.message_id = m.id
  WHERE m.conversation_id = conversations.id AND r.withdrawn_at IS NULL)`;

const MARKED_COUNT = `(SELECT COUNT(*) FROM messages m JOIN message_marks k ON k.message_id = m.id
  WHERE m.conversation_id = conversations.id AND k.no_response_needed = 1)`;

const conversationOf = (messageId: string) => `(SELECT conversation_id FROM messages WHERE id = ${messageId})`;

/** A message just inserted: it cannot be released, failed, reported or marked yet. */
const NEW_ANSWER = `NEW.direction = 'seller-to-buyer' AND NEW.via NOT IN ('automatic', 'import') AND NEW.verdict = 'deliver'`;
const NEW_ASKS = `NEW.direction = 'buyer-to-seller' AND NEW.verdict <> 'held' AND NEW.via <> 'import'`;

const WITH_IMPORTED = `id IN (SELECT conversation_id FROM messages WHERE via = 'import')`;

export const HISTORY_MIGRATION = `
DROP TRIGGER messages_inbox;
CREATE TRIGGER messages_inbox AFTER INSERT ON messages WHEN NEW.conversation_id IS NOT NULL BEGIN
  UPDATE conversations SET
    seller_id = COALESCE(seller_id, NEW.seller_id),
    message_count = message_count + 1,
    attachment_count = attachment_count + NEW.has_attachments,
    sent_count = sent_count + (NEW.direction = 'seller-to-buyer'),
    problem_count = CASE WHEN NEW.direction = 'seller-to-buyer' AND NEW.verdict <> 'held' AND NEW.via <> 'import'
      THEN NEW.verdict IN ('block','reject') ELSE problem_count END,
    held_count = held_count + (NEW.verdict = 'held'),
    last_id = CASE WHEN NEW.direction <> 'relay-to-seller' AND (last_at IS NULL OR NEW.received_at >= last_at) THEN NEW.id ELSE last_id END,
    last_at = CASE WHEN NEW.direction <> 'relay-to-seller' AND (last_at IS NULL OR NEW.received_at >= last_at) THEN NEW.received_at ELSE last_at END,
    last_answer_id = CASE WHEN ${NEW_ANSWER} THEN NEW.id ELSE last_answer_id END,
    pending_since = CASE
      WHEN ${NEW_ANSWER} THEN NULL
      WHEN ${NEW_ASKS} THEN MIN(COALESCE(pending_since, NEW.received_at), NEW.received_at)
      ELSE pending_since END
  WHERE id = NEW.conversation_id;
END;

DROP TRIGGER reports_inbox;
CREATE TRIGGER reports_inbox AFTER INSERT ON reports BEGIN
  UPDATE conversations SET reported_count = ${REPORTED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
DROP TRIGGER reports_inbox_withdrawn;
CREATE TRIGGER reports_inbox_withdrawn AFTER UPDATE OF withdrawn_at ON reports BEGIN
  UPDATE conversations SET reported_count = ${REPORTED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
DROP TRIGGER marks_inbox;
CREATE TRIGGER marks_inbox AFTER INSERT ON message_marks BEGIN
  UPDATE conversations SET marked_count = ${MARKED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;
DROP TRIGGER marks_inbox_update;
CREATE TRIGGER marks_inbox_update AFTER UPDATE ON message_marks BEGIN
  UPDATE conversations SET marked_count = ${MARKED_COUNT}, pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;

DROP TRIGGER releases_inbox;
CREATE TRIGGER releases_inbox AFTER INSERT ON releases BEGIN
  UPDATE conversations SET
    held_count = held_count - 1,
    last_answer_id = CASE WHEN (SELECT direction = 'seller-to-buyer' AND via NOT IN ('automatic', 'import') FROM messages WHERE id = NEW.message_id)
      THEN MAX(last_answer_id, NEW.message_id) ELSE last_answer_id END
  WHERE id = ${conversationOf('NEW.message_id')};
  UPDATE conversations SET problem_count = ${LATEST_OUTGOING_PROBLEM}, pending_since = ${PENDING_SINCE}
  WHERE id = ${conversationOf('NEW.message_id')};
END;

DROP TRIGGER outbox_inbox;
CREATE TRIGGER outbox_inbox AFTER UPDATE OF state ON outbox
  WHEN NEW.message_id IS NOT NULL AND NEW.state IN ('failed','bounced','cancelled') AND OLD.state NOT IN ('failed','bounced','cancelled') BEGIN
  UPDATE conversations SET last_answer_id = ${LAST_ANSWER}, problem_count = ${LATEST_OUTGOING_PROBLEM}
  WHERE id = ${conversationOf('NEW.message_id')};
  UPDATE conversations SET pending_since = ${PENDING_SINCE} WHERE id = ${conversationOf('NEW.message_id')};
END;

UPDATE conversations SET last_answer_id = ${LAST_ANSWER}, problem_count = ${LATEST_OUTGOING_PROBLEM} WHERE ${WITH_IMPORTED};
UPDATE conversations SET pending_since = ${PENDING_SINCE} WHERE ${WITH_IMPORTED};
`;
