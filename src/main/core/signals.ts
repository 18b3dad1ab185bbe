/**
 * What the core announces after a commit, for whoever runs on top of it: the outbox worker takes
 * the deliveries a commit queued ('queued'), the app service turns a recorded message into its
 * 'message.new' event ('recorded'). Listeners subscribe and unsubscribe themselves; the core never
 * knows who listens. Emitting is synchronous and cheap: the committer already holds everything.
 */
import type { OutboxItem } from './store/outbox.js';
import type { RecordDirection } from './store/record.js';

/** A message that just entered the record, as the app announces it ('message.new'). */
export interface RecordedMessage {
  id: number;
  conversationId: number | null;
  sellerId: string | null;
  direction: RecordDirection;
  /** The sender's display name as recorded (may be empty); never an address the app shows unchecked. */
  fromName: string | null;
  subject: string;
  /** The pair's alias local part, when the message belongs to a pair. */
  alias: string | null;
  buyerName: string | null;
  /** The buyer's real address: only so that a listener can keep it out of what it shows (R5). */
  buyerAddress: string | null;
}

export interface CoreSignalMap {
  /** Deliveries a commit queued, once it is durable. */
  queued: OutboxItem[];
  /** A message a commit put into the record, once it is durable. */
  recorded: RecordedMessage;
}

type Listener<K extends keyof CoreSignalMap> = (payload: CoreSignalMap[K]) => void;

export class CoreSignals {
  private readonly listeners: { [K in keyof CoreSignalMap]: Set<Listener<K>> } = {
    queued: new Set(),
    recorded: new Set(),
  };

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof CoreSignalMap>(signal: K, listener: Listener<K>): () => void {
    this.listeners[signal].add(listener);
    return () => this.listeners[signal].delete(listener);
  }

  /** Tells every listener; one that throws is logged and does not keep the signal from the others. */
  emit<K extends keyof CoreSignalMap>(signal: K, payload: CoreSignalMap[K]): void {
    for (const listener of this.listeners[signal]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`parley: a '${signal}' listener failed`, err);
      }
    }
  }
}
