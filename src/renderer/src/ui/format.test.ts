/** How the list reads times, sizes and the 24-hour response timer. */
import { describe, expect, it } from 'vitest';
import { fileSize, listTime, responseTimer } from './format';

const NOW = new Date(2025, 2, 12, 15, 30).getTime(); // local time, like the seller's clock
const H = 3_600_000;

describe('response timer (24 h after the oldest unanswered buyer message)', () => {
  it.each([
    [5 * H + 59 * 60_000, { overdue: false, amount: 5, unit: 'h' }],
    [35 * 60_000, { overdue: false, amount: 35, unit: 'min' }],
    [20_000, { overdue: false, amount: 1, unit: 'min' }],
    [-3 * H - 10 * 60_000, { overdue: true, amount: 3, unit: 'h' }],
    [-47 * H, { overdue: true, amount: 47, unit: 'h' }],
    [-3 * 24 * H, { overdue: true, amount: 3, unit: 'd' }],
  ])('%d ms until due → %o', (ms, expected) => {
    expect(responseTimer(new Date(NOW + ms).toISOString(), NOW)).toEqual(expected);
  });

  it('has no timer for a broken date', () => {
    expect(responseTimer('soon', NOW)).toBeNull();
  });
});

describe('list times', () => {
  it('shows today as HH:MM, 24-hour, in both languages', () => {
    const today = new Date(2025, 2, 12, 9, 5).toISOString();
    expect(listTime(today, NOW, 'en')).toBe('09:05');
    expect(listTime(today, NOW, 'de')).toBe('09:05');
  });

  it('shows other days as a date', () => {
    const earlier = new Date(2025, 1, 3, 9, 5).toISOString();
    expect(listTime(earlier, NOW, 'en')).toBe('3 Feb');
    expect(listTime(earlier, NOW, 'de')).toMatch(/^3\. Feb/);
    expect(listTime(new Date(2023, 11, 24).toISOString(), NOW, 'de')).toBe('24.12.2023');
  });
});

describe('file sizes', () => {
  it.each([
    [310, 'en', '310 B'],
    [12_004, 'en', '12 KB'],
    [1536, 'de', '1,5 KB'],
    [10 * 1024 * 1024, 'en', '10 MB'],
  ] as const)('%d bytes (%s) → %s', (bytes, language, text) => {
    expect(fileSize(bytes, language)).toBe(text);
  });
});
