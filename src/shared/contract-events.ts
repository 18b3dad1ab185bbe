/**
 * The contract's push events (backend → UI): what each one carries. contract.ts binds them to the transports.
 */
import type { FilterCounts } from './vocabulary.js';
import type { MessageView, OutboxView, RelayStatus } from './contract-types.js';
import type { IntakeStatus } from './contract-intake.js';

export interface ContractEvents {
  /** A message was recorded (buyer mail in, or a seller message sent by any route). */
  'message.new': {
    /** The shop the message belongs to: the switcher recounts it, the inbox refreshes when it is in view. */
    shopId?: string;
    conversationId: number | null;
    messageId: number;
    direction: MessageView['direction'];
    fromLabel: string;
    subject: string;
  };
  /** An outbox item changed state (R8). */
  'delivery.changed': {
    outboxId: number;
    messageId: number | null;
    conversationId: number | null;
    state: OutboxView['state'];
    nextAttemptAt: string | null;
    lastError: string | null;
  };
  /** The filter counts changed; also drives the tray/dock badge. */
  'counts.changed': FilterCounts;
  /** The relay started, stopped or failed. */
  'relay.status': RelayStatus;
  /** A long job's progress (the order import; the mail history import, with the messages new in the record). */
  'job.progress': { job: 'orders.import' | 'mail.import'; done: number; total: number; imported?: number };
  /** A mailbox of the IMAP intake changed state (connected, checked, failed, retrying). */
  'intake.status': IntakeStatus;
  /** The desktop shell asks the window to show a conversation (the seller clicked its notification). */
  'conversation.open': { conversationId: number };
}
