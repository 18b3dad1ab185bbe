/** The list is read in windows and only some are kept: the arithmetic behind it. */
import { describe, expect, it } from 'vitest';
import { rowFor } from './testing/fake-data';
import { indexOfId, MAX_PAGES, PAGE_SIZE, pagesFor, rowAt, withPage } from './list-pages';

const page = (p: number) => Array.from({ length: PAGE_SIZE }, (_, i) => rowFor(p * PAGE_SIZE + i + 1));

describe('list windows', () => {
  it('covers the rows on screen with one window of margin on each side', () => {
    expect(pagesFor(0, 20, 10_000)).toEqual([0, 1]);
    expect(pagesFor(250, 270, 10_000)).toEqual([1, 2, 3]);
    expect(pagesFor(9_990, 9_999, 10_000)).toEqual([98, 99]);
    expect(pagesFor(0, 10, 0)).toEqual([]);
  });

  it('finds rows by position and by id', () => {
    const pages = withPage(new Map(), 3, page(3), 3);
    expect(rowAt(pages, 305)?.id).toBe(306);
    expect(rowAt(pages, 5)).toBeUndefined();
    expect(indexOfId(pages, 306)).toBe(305);
    expect(indexOfId(pages, 1)).toBe(-1);
  });

  it(`keeps at most ${MAX_PAGES} windows, dropping the farthest from where the seller is`, () => {
    let pages = new Map<number, ReturnType<typeof page>>();
    for (let p = 0; p < 40; p++) pages = withPage(pages, p, page(p), p);
    expect(pages.size).toBe(MAX_PAGES);
    expect([...pages.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: MAX_PAGES }, (_, i) => 40 - MAX_PAGES + i),
    );
  });
});
