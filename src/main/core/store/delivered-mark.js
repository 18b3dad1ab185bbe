// The outbox's delivered mark as the SMTP client thread writes it, the moment the smarthost's 250 arrives, over a
// connection of its own. Written by the main thread instead, the mark waited for the busy event loop, and a process
// killed in between sent the message again after its restart (the SIGKILL fault run counted about one duplicate
// every two kills). The same UPDATE and event as OutboxRepo.markDelivered, which then finds the item delivered and
// does nothing. Not synced, like every delivery state change: it rides on the store's next sync.
// Plain JavaScript: it must load in a worker without the TypeScript loader.
import Database from 'better-sqlite3';

/**
 * `{ file, nativeBinding? }` of the store's database; returns markAll([[outboxId, atIso, response], …]), all in one
 * transaction (one WAL append for the deliveries of a moment), and close().
 */
export function openDeliveredMarks({ file, nativeBinding }) {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  db.pragma('busy_timeout = 5000'); // ms, as the store's own connection
  db.pragma('synchronous = NORMAL');
  const update = db.prepare(
    `UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL
      WHERE id = ? AND state IN ('queued','deferred')`,
  );
  const event = db.prepare(`INSERT INTO delivery_events (outbox_id, at, state, detail) VALUES (?, ?, 'delivered', ?)`);
  const markAll = db.transaction((entries) => {
    for (const [id, at, response] of entries) if (update.run(at, id).changes === 1) event.run(id, at, response);
  });
  return {
    markAll: (entries) => markAll.immediate(entries),
    close: () => db.close(),
  };
}
