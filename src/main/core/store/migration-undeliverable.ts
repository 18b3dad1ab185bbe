/**
 * Migration 14, "Undeliverable" is about the latest outgoing message: a conversation is undeliverable (its badge,
 * its filter and the filter's count) while the seller's latest message to the buyer was blocked or refused, or its
 * delivery failed or bounced. A later message that goes out, or a released one, takes the conversation out again;
 * before, one problem anywhere in its history kept it there for good.
 *
 * "Outgoing" is seller-to-buyer, the automatic ones (shipping confirmation) too; a message held for the seller's
 * confirmation (R11) is not counted until released: it waits in the Outbox, it has not failed. Buyer mail the relay
 * could not forward is no longer counted here: it is in the inbox all the same.
 *
 * `problem_count` keeps its name and index (0 or 1 now); the triggers that moved it are made anew.
 */
import { IS_ANSWER, PENDING_SINCE } from './migration-inbox.js';

/** 1 when the conversation's latest outgoing message (held ones not yet released aside) did not reach the buyer. */
export const LATEST_OUTGOING_PROBLEM = `COALESCE((SELECT m.verdict IN ('block','reject')
    OR EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced'))
  FROM messages m WHERE m.conversation_id = conversations.id AND m.direction = 'seller-to-buyer'
    AND (m.verdict <> 'held' OR EXISTS (SELECT 1 FROM releases rl WHERE rl.message_id = m.id))
  ORDER BY m.id DESC LIMIT 1), 0)`;

/** Every conversation's `problem_count` from the record (the counts follow through `conversations_counts`). */
export const UNDELIVERABLE_BACKFILL = `UPDATE conversations SET problem_count = ${LATEST_OUTGOING_PROBLEM};`;

const conversationOf = (messageId: string) => `(SELECT conversation_id FROM messages WHERE id = ${messageId})`;

/** migration 6's LAST_ANSWER: released messages are answers too. */
const LAST_ANSWER = `COALESCE((SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id
  AND m.direction = 'seller-to-buyer' AND m.via <> 'automatic'
  AND (m.verdict = 'deliver' OR (m.verdict = 'held' AND EXISTS (SELECT 1 FROM releases rl WHERE rl.message_id = m.id)))
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))), 0)`;

const NEW_ANSWER = IS_ANSWER.replace(/\bm\./g, 'NEW.');

export const UNDELIVERABLE_MIGRATION = `
DROP TRIGGER messages_inbox;
-- Migration 3's trigger; only problem_count changed: a new outgoing message, unless held, decides it alone.
CREATE TRIGGER messages_inbox AFTER INSERT ON messages WHEN NEW.conversation_id IS NOT NULL BEGIN
  UPDATE conversations SET
    seller_id = COALESCE(seller_id, NEW.seller_id),
    message_count = message_count + 1,
    attachment_count = attachment_count + NEW.has_attachments,
    sent_count = sent_count + (NEW.direction = 'seller-to-buyer'),
    problem_count = CASE WHEN NEW.direction = 'seller-to-buyer' AND NEW.verdict <> 'held'
      THEN NEW.verdict IN ('block','reject') ELSE problem_count END,
    held_count = held_count + (NEW.verdict = 'held'),
    last_id = CASE WHEN NEW.direction <> 'relay-to-seller' AND (last_at IS NULL OR NEW.received_at >= last_at) THEN NEW.id ELSE last_id END,
    last_at = CASE WHEN NEW.direction <> 'relay-to-seller' AND (last_at IS NULL OR NEW.received_at >= last_at) THEN NEW.received_at ELSE last_at END,
    last_answer_id = CASE WHEN ${NEW_ANSWER} THEN NEW.id ELSE last_answer_id END,
    pending_since = CASE
      WHEN ${NEW_ANSWER} THEN NULL
      WHEN NEW.direction = 'buyer-to-seller' AND NEW.verdict <> 'held' THEN MIN(COALESCE(pending_since, NEW.received_at), NEW.received_at)
      ELSE pending_since END
  WHERE id = NEW.conversation_id;
END;

DROP TRIGGER releases_inbox;
CREATE TRIGGER releases_inbox AFTER INSERT ON releases BEGIN
  UPDATE conversations SET
    held_count = held_count - 1,
    last_answer_id = CASE WHEN (SELECT direction = 'seller-to-buyer' AND via <> 'automatic' FROM messages WHERE id = NEW.message_id)
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

${UNDELIVERABLE_BACKFILL}
`;
