// After a row: what Parley recorded (read-only look at the store) and how much disk it used.
import fs from 'node:fs';
import path from 'node:path';

/** One line of counts from the store after serve stopped; never throws. */
export async function storeSummary(dataDir) {
  try {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, 'parley.sqlite3'), { readonly: true, fileMustExist: true });
    try {
      const one = (sql) => db.prepare(sql).get();
      const outbox = db
        .prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state')
        .all()
        .map((r) => `${r.state}=${r.n}`)
        .join(' ');
      const verdicts = db
        .prepare('SELECT verdict, COUNT(*) AS n FROM messages GROUP BY verdict')
        .all()
        .map((r) => `${r.verdict}=${r.n}`)
        .join(' ');
      return (
        `messages=${one('SELECT COUNT(*) AS n FROM messages').n} (${verdicts}) buyers=${one('SELECT COUNT(*) AS n FROM buyers').n} ` +
        `pairs=${one('SELECT COUNT(*) AS n FROM pairs').n} attachments=${one('SELECT COUNT(*) AS n FROM attachments').n} (removed ${one('SELECT COUNT(*) AS n FROM attachments WHERE removed = 1').n}) outbox: ${outbox}`
      );
    } finally {
      db.close();
    }
  } catch (err) {
    return `(store not readable: ${err.message})`;
  }
}

/** Total size of the regular files under `dir` (0 when it cannot be read). */
export function dirBytes(dir) {
  let total = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  };
  try {
    walk(dir);
  } catch {
    /* ignore */
  }
  return total;
}
