/**
 * What "answered" and "needs a response" mean, as SQL over a message row aliased `m`: the one
 * definition behind the inbox's conversation state and the response-time metric (R19, R20).
 *
 * Migrations 3, 6 and 14 (migration-inbox.ts, migration-release.ts, migration-undeliverable.ts) are shipped and never
 * change, so their triggers keep the text they were written with; migration 17 (migration-history.ts) made the
 * triggers anew, with the text of these terms, when imported mail left them; a later change of the terms needs a
 * migration of its own that makes the triggers again.
 */
import { sentByPolicy } from './migration-release.js';

/**
 * A seller message of the kind that answers: to the buyer and written by the seller (an automatic one, R17, is not),
 * through Parley: mail brought in by the history import (via 'import') is the past, already settled, and neither
 * answers nor asks for a response.
 */
export const ANSWER_KIND = `m.direction = 'seller-to-buyer' AND m.via NOT IN ('automatic', 'import')`;

/** Its delivery did not fail, bounce or get cancelled (no outbox row yet counts as not failed). */
export const DELIVERY_NOT_FAILED = `NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))`;

/**
 * An answer: a seller message that really went or is going to the buyer. Sent by policy means
 * delivered, or held and released since (R11); a released one answers from the moment of its release.
 * One answer answers every buyer message of its conversation before it (by id).
 */
export const IS_ANSWER = `${ANSWER_KIND} AND ${sentByPolicy} AND ${DELIVERY_NOT_FAILED}`;

/**
 * A buyer message that asks for a response: it came through Parley (not the history import), reached the seller (not
 * held for DMARC), is not reported (R18, an active report) and not marked "no response needed" (R19). It needs one
 * while no answer follows it (R20: conversations.pending_since is the oldest such message's time).
 */
export const ASKS_FOR_RESPONSE = `m.direction = 'buyer-to-seller' AND m.verdict <> 'held' AND m.via <> 'import'
  AND NOT EXISTS (SELECT 1 FROM message_marks k WHERE k.message_id = m.id AND k.no_response_needed = 1)
  AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id AND r.withdrawn_at IS NULL)`;
