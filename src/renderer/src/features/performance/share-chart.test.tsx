// @vitest-environment jsdom
/**
 * The daily-share chart: a point for every day with buyer messages, one such day alone too (it drew nothing when its
 * only day stood between days without messages), and an x axis that runs through today.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { useLanguage } from '../../i18n';
import { chartGeometry, utcToday } from './draw-chart';
import { ShareChart } from './ShareChart';

const DAY_MS = 86_400_000;
const dayBefore = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

/** 90 UTC days ending `endsDaysAgo` days before today, with buyer messages on the days in `shares`. */
function daily(shares: Record<number, number>, endsDaysAgo = 0) {
  return Array.from({ length: 90 }, (_, i) => {
    const ago = endsDaysAgo + 89 - i;
    const share = shares[ago] ?? null;
    return {
      day: dayBefore(ago),
      total: share === null ? 0 : 4,
      answeredWithin24h: share === null ? 0 : share * 4,
      share,
    };
  });
}

describe('the daily share chart', () => {
  afterEach(() => {
    cleanup();
    act(() => useLanguage.setState({ language: 'en' }));
  });

  it('draws a visible point for a single day at 100 %, and the axis ends today', () => {
    render(<ShareChart daily={daily({ 5: 1 }, 3)} />);
    const points = screen.getAllByTestId('chart-point');
    expect(points).toHaveLength(1);
    const svg = screen.getByTestId('share-chart');
    const [cx, cy, r] = ['cx', 'cy', 'r'].map((a) => Number(points[0].getAttribute(a)));
    expect(r).toBeGreaterThanOrEqual(3);
    expect(cy).toBeCloseTo(10, 0); // 100 %: the top of the plot
    expect(cx).toBeGreaterThan(0);
    expect(cx).toBeLessThan(Number(svg.getAttribute('width')));
    expect(points[0].textContent).toMatch(/100\s?%/);
    // The data ends three days ago; the axis runs on to today, labelled so.
    const labels = [...svg.querySelectorAll('.pf-chart-xtick text')].map((t) => t.textContent);
    expect(labels.at(-1)).toBe('today');
    const today = svg.querySelector('.pf-chart-today line')!;
    expect(Number(today.getAttribute('x1'))).toBeGreaterThan(cx);
  });

  it('draws a point for every day with buyer messages, lines only between neighbouring days', () => {
    render(<ShareChart daily={daily({ 1: 0.5, 2: 0.75, 3: 1, 10: 0, 40: 1 / 3 })} />);
    expect(screen.getAllByTestId('chart-point')).toHaveLength(5);
    const line = screen.getByTestId('share-chart').querySelector('.pf-chart-line')!.getAttribute('d')!;
    expect(line.match(/M/g)).toHaveLength(3); // 40 | 10 | 3-2-1 days ago
    expect(line.match(/L/g)).toHaveLength(2);
  });

  it('words the axis in German', () => {
    act(() => useLanguage.setState({ language: 'de' }));
    render(<ShareChart daily={daily({ 0: 1 })} />);
    const svg = screen.getByTestId('share-chart');
    expect([...svg.querySelectorAll('.pf-chart-xtick text')].at(-1)!.textContent).toBe('heute');
    expect([...svg.querySelectorAll('.pf-chart-grid text')].map((t) => t.textContent!.replace(/\s/g, ' '))).toContain(
      '100 %',
    );
  });

  it('lays the axis out through today even when the days end earlier, ticks far enough apart to read', () => {
    const g = chartGeometry([{ day: '2026-09-01', share: 1 }], '2026-09-11', 640);
    expect(g.points).toHaveLength(1);
    expect(g.xTicks.at(-1)).toEqual(expect.objectContaining({ day: '2026-09-11', today: true }));
    expect(g.xTicks.at(-1)!.x).toBe(g.plot.right);
    for (let i = 1; i < g.xTicks.length; i++) expect(g.xTicks[i].x - g.xTicks[i - 1].x).toBeGreaterThanOrEqual(60);
    expect(utcToday(new Date('2026-12-04T23:30:00-02:00'))).toBe('2026-12-05');
  });
});
