/**
 * The uPlot part of the daily-share chart, in its own module so uPlot (and its CSS) load only
 * when the Performance view draws. Colours come from the theme's CSS variables, so the chart
 * follows light and dark.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartData {
  /** UTC midnight of each day, in seconds (uPlot's x unit). */
  days: number[];
  /** 0..100, null where no buyer wrote that day. */
  shares: (number | null)[];
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function drawChart(
  target: HTMLElement,
  data: ChartData,
  width: number,
  label: string,
  locale: string,
): { destroy(): void; resize(width: number): void } {
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const text = cssVar('--text-muted', '#56606c');
  const grid = cssVar('--border', '#d9dde3');
  const accent = cssVar('--accent', '#1d5bbf');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const plot = new uPlot(
    {
      width,
      height: 200,
      legend: { show: false },
      cursor: { y: false },
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: [
        { ...axis, values: (_u, ticks) => ticks.map((v) => day.format(new Date(v * 1000))) },
        { ...axis, size: 56, values: (_u, ticks) => ticks.map((v) => `${v} %`) },
      ],
      series: [{}, { label, stroke: accent, width: 2, fill: `${accent}22`, spanGaps: false, points: { show: false } }],
    },
    [data.days, data.shares],
    target,
  );
  return { destroy: () => plot.destroy(), resize: (w) => plot.setSize({ width: w, height: 200 }) };
}
