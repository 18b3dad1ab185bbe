import type { Store } from './store.js';

/**
 * SQLite's `quick_check`: the database file's pages, records and their order, without the slower index-content
 * comparison of `integrity_check`. Returns the problems found; empty when the file is sound.
 */
export function quickCheck(store: Store): string[] {
  const rows = store.db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
  return problems;
}
