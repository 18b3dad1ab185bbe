/**
 * The conversation read model: which conversation a pair or a message belongs to, and everything
 * one conversation shows: its messages, their deliveries (R8), attachments (R15), active reports
 * (R18) and no-response marks (R19). The rows are as stored; the app turns them into views.
 */
import type { DeliveryState, Via } from '../../../shared/domain.js';
import type { NewAttachment, RecordDirection, RecordVerdict } from './record.js';
import type { Store } from './store.js';

/** A conversation with its pair; `buyerEmail` only to scrub the buyer's address out of what is shown (R5). */
export interface ConversationPair {
  pairId: number;
  alias: string;
  buyerEmail: string;
}

export interface StoredMessage {
  id: number;
  conversationId: number | null;
  sellerId: string | null;
  direction: RecordDirection;
  via: Via;
  fromName: string | null;
  subject: string;
  receivedAt: string;
  text: string;
  rawSha256: string;
  rawSize: number;
  verdict: RecordVerdict;
  /** JSON of the policy decision, as recorded. */
  decision: string;
  /** JSON of the SPF/DKIM/DMARC results, as recorded. */
  auth: string | null;
  relayMessageId: string;
}

/** An attachments row: what the record appended (record.ts NewAttachment), with its ids. */
export interface StoredAttachment extends Omit<NewAttachment, 'removedWhy'> {
  id: number;
  messageId: number;
  removedWhy: string | null;
}

/** The latest outbox item of a message, as far as the conversation shows it. */
export interface MessageDelivery {
  messageId: number;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface ActiveReport {
  messageId: number;
  reason: string;
  note: string | null;
  createdAt: string;
}

const MESSAGE_COLUMNS = `m.id, m.conversation_id AS conversationId, m.seller_id AS sellerId, m.direction, m.via,
  m.from_name AS fromName, m.subject, m.received_at AS receivedAt, m.text, m.raw_sha256 AS rawSha256, m.raw_size AS rawSize,
  m.verdict, m.decision, m.auth, m.relay_message_id AS relayMessageId`;

const ATTACHMENT_COLUMNS = `a.id, a.message_id AS messageId, a.filename, a.declared_type AS declaredType,
  a.sniffed_type AS sniffedType, a.size, a.sha256, a.removed, a.removed_why AS removedWhy`;

type AttachmentRow = Omit<StoredAttachment, 'removed'> & { removed: number };
const toAttachment = (r: AttachmentRow): StoredAttachment => ({ ...r, removed: r.removed === 1 });

export class ConversationQueries {
  constructor(private readonly store: Store) {}

  /** The seller's conversation `id` with its pair; undefined when there is none or it is another seller's. */
  pairOf(sellerId: string, id: number): ConversationPair | undefined {
    return this.store
      .stmt(
        `SELECT p.id AS pairId, p.alias, b.email AS buyerEmail FROM conversations c JOIN pairs p ON p.id = c.pair_id
      JOIN buyers b ON b.id = p.buyer_id WHERE c.id = ? AND p.seller_id = ?`,
      )
      .get(id, sellerId) as ConversationPair | undefined;
  }

  /** The pair's conversation (one per pair, R3), null before its first message. */
  ofPair(pairId: number): number | null {
    const id = this.store.stmt('SELECT id FROM conversations WHERE pair_id = ?').pluck().get(pairId) as
      number | undefined;
    return id ?? null;
  }

  /** The conversation a recorded message belongs to, with its alias and buyer; nulls for mail outside a pair. */
  ofMessage(
    messageId: number,
  ): { conversationId: number | null; alias: string | null; buyerEmail: string | null } | undefined {
    return this.store
      .stmt(
        `SELECT m.conversation_id AS conversationId, p.alias, b.email AS buyerEmail FROM messages m
      LEFT JOIN conversations c ON c.id = m.conversation_id LEFT JOIN pairs p ON p.id = c.pair_id
      LEFT JOIN buyers b ON b.id = p.buyer_id WHERE m.id = ?`,
      )
      .get(messageId) as { conversationId: number | null; alias: string | null; buyerEmail: string | null } | undefined;
  }

  /** The seller's message `id` in a conversation, with the conversation's pair: what a reply answers (R10a). */
  messageInPair(
    sellerId: string,
    id: number,
  ): (StoredMessage & { conversationId: number; pairId: number }) | undefined {
    return this.store
      .stmt(
        `SELECT ${MESSAGE_COLUMNS}, c.pair_id AS pairId FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE m.id = ? AND m.seller_id = ?`,
      )
      .get(id, sellerId) as (StoredMessage & { conversationId: number; pairId: number }) | undefined;
  }

  /** Every message of the conversation, in the order of the record. */
  messages(conversationId: number): StoredMessage[] {
    return this.store
      .stmt(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? ORDER BY m.id`)
      .all(conversationId) as StoredMessage[];
  }

  message(id: number): StoredMessage | undefined {
    return this.store.stmt(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?`).get(id) as
      StoredMessage | undefined;
  }

  /** Each message's delivery; a message with several outbox items gets its latest. */
  deliveries(conversationId: number): Map<number, MessageDelivery> {
    const rows = this.store
      .stmt(
        `SELECT o.message_id AS messageId, o.state, o.attempts, o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError
      FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.conversation_id = ? ORDER BY o.id`,
      )
      .all(conversationId) as MessageDelivery[];
    return new Map(rows.map((o) => [o.messageId, o]));
  }

  /** The attachments of every message of the conversation, in the order they were recorded. */
  attachments(conversationId: number): StoredAttachment[] {
    return (
      this.store
        .stmt(
          `SELECT ${ATTACHMENT_COLUMNS} FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = ? ORDER BY a.id`,
        )
        .all(conversationId) as AttachmentRow[]
    ).map(toAttachment);
  }

  /** One message's attachments, in the order of its MIME parts. */
  messageAttachments(messageId: number): StoredAttachment[] {
    return (
      this.store
        .stmt(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments a WHERE a.message_id = ? ORDER BY a.id`)
        .all(messageId) as AttachmentRow[]
    ).map(toAttachment);
  }

  /** R18: the reports not withdrawn, by message (the latest of a message's reports). */
  activeReports(conversationId: number): Map<number, ActiveReport> {
    const rows = this.store
      .stmt(
        `SELECT r.message_id AS messageId, r.reason, r.note, r.created_at AS createdAt FROM reports r
      JOIN messages m ON m.id = r.message_id WHERE m.conversation_id = ? AND r.withdrawn_at IS NULL ORDER BY r.id`,
      )
      .all(conversationId) as ActiveReport[];
    return new Map(rows.map((r) => [r.messageId, r]));
  }

  /** R19: the messages marked "no response needed". */
  markedNoResponse(conversationId: number): Set<number> {
    return new Set(
      this.store
        .stmt(
          `SELECT k.message_id FROM message_marks k JOIN messages m ON m.id = k.message_id
        WHERE m.conversation_id = ? AND k.no_response_needed = 1`,
        )
        .pluck()
        .all(conversationId) as number[],
    );
  }
}
