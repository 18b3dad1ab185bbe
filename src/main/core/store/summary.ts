import Database from 'better-sqlite3';
import path from 'node:path';

/**
 * One line of counts from a store no process has open any more (the relay benchmark prints it
 * after `parley serve` stopped). Opened read-only: nothing migrates, nothing is written.
 */
export function storeSummary(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'parley.sqlite3'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const byValue = (sql: string) =>
      (db.prepare(sql).all() as { value: string; n: number }[]).map((r) => `${r.value}=${r.n}`).join(' ');
    const outbox = byValue('SELECT state AS value, COUNT(*) AS n FROM outbox GROUP BY state');
    const verdicts = byValue('SELECT verdict AS value, COUNT(*) AS n FROM messages GROUP BY verdict');
    return (
      `messages=${count('SELECT COUNT(*) FROM messages')} (${verdicts}) buyers=${count('SELECT COUNT(*) FROM buyers')} ` +
      `pairs=${count('SELECT COUNT(*) FROM pairs')} attachments=${count('SELECT COUNT(*) FROM attachments')} ` +
      `(removed ${count('SELECT COUNT(*) FROM attachments WHERE removed = 1')}) outbox: ${outbox}`
    );
  } finally {
    db.close();
  }
}
