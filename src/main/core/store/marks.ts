import type { Store } from './store.js';

export type MarkSource = 'app' | 'mail' | 'cli';

/**
 * What a seller says about a buyer's message: a report (R18) or "no response needed" (R19). Both
 * tables are kept by the triggers of migration 3 in step with the inbox's conversation state.
 */
export class MarkRepo {
  constructor(private readonly store: Store) {}

  /** R18: records a report; returns its id. */
  report(messageId: number, r: { reason: string; note?: string; source: MarkSource }): number {
    const info = this.store
      .stmt('INSERT INTO reports (message_id, reason, note, source, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(messageId, r.reason, r.note ?? null, r.source, this.store.nowIso());
    return Number(info.lastInsertRowid);
  }

  /**
   * R18: withdraws a report; one already withdrawn keeps its date. Only withdrawn_at changes: the
   * reports_inbox_withdrawn trigger puts the conversation back into "Response needed" when its message
   * still needs an answer.
   */
  withdrawReport(id: number): void {
    this.store
      .stmt('UPDATE reports SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL')
      .run(this.store.nowIso(), id);
  }

  /** R19: the message leaves the response-time metric and the "Response needed" filter; marking twice is one mark. */
  markNoResponseNeeded(messageId: number, source: MarkSource): void {
    this.store
      .stmt(
        `INSERT INTO message_marks (message_id, no_response_needed, no_response_at, source) VALUES (?, 1, ?, ?)
    ON CONFLICT(message_id) DO UPDATE SET no_response_needed = 1, no_response_at = excluded.no_response_at, source = excluded.source`,
      )
      .run(messageId, this.store.nowIso(), source);
  }
}
