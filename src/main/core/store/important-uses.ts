import type { ImportantUseView } from '../../../shared/contract.js';
import type { Store } from './store.js';

/** One use as it is logged: the app's view of it (contract ImportantUseView) without what the store adds. */
export interface ImportantUseRow extends Omit<ImportantUseView, 'id' | 'messageId' | 'conversationId' | 'at'> {
  sellerId: string;
  messageId: number;
}

/** R11: the log of every [Important] / "Additional information required" use. Append-only. */
export class ImportantUseLog {
  constructor(private readonly store: Store) {}

  /** Call inside the transaction that records the message (or its release). */
  add(use: ImportantUseRow): void {
    this.store
      .stmt(
        `INSERT INTO important_uses (seller_id, message_id, kind, subject, category, necessary, verdict, override, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        use.sellerId,
        use.messageId,
        use.kind,
        use.subject,
        use.category,
        use.necessary === null ? null : use.necessary ? 1 : 0,
        use.verdict,
        use.override,
        this.store.nowIso(),
      );
  }
}
