/**
 * The conversation list is read in windows of PAGE_SIZE rows, fetched as the seller scrolls,
 * and at most MAX_PAGES windows are kept: 10,000 conversations never sit in memory at once.
 * Pure helpers, so the paging arithmetic is tested without React.
 */
import type { ConversationRow } from '../../../shared/contract';

export const PAGE_SIZE = 100; // rows per inbox.list call
export const MAX_PAGES = 12; // windows kept in memory (1,200 rows); farther ones are dropped

export type Pages = ReadonlyMap<number, ConversationRow[]>;

/** Page numbers covering rows [start, end] (inclusive), one page of margin on each side. */
export function pagesFor(start: number, end: number, total: number): number[] {
  if (total <= 0 || end < start) return [];
  const last = Math.floor((total - 1) / PAGE_SIZE);
  const from = Math.max(0, Math.floor(start / PAGE_SIZE) - 1);
  const to = Math.min(last, Math.floor(end / PAGE_SIZE) + 1);
  const out: number[] = [];
  for (let p = from; p <= to; p++) out.push(p);
  return out;
}

export function rowAt(pages: Pages, index: number): ConversationRow | undefined {
  return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/** Adds a fetched page and drops the pages farthest from `focus` beyond MAX_PAGES. */
export function withPage(
  pages: Pages,
  page: number,
  rows: ConversationRow[],
  focus: number,
): Map<number, ConversationRow[]> {
  const next = new Map(pages);
  next.set(page, rows);
  if (next.size > MAX_PAGES) {
    const byDistance = [...next.keys()].sort((a, b) => Math.abs(b - focus) - Math.abs(a - focus));
    for (const p of byDistance.slice(0, next.size - MAX_PAGES)) next.delete(p);
  }
  return next;
}

/** The position of a conversation among the loaded rows, or -1. */
export function indexOfId(pages: Pages, id: number): number {
  for (const [page, rows] of pages) {
    const i = rows.findIndex((r) => r.id === id);
    if (i >= 0) return page * PAGE_SIZE + i;
  }
  return -1;
}
