/**
 * The daily-share chart's geometry, for an SVG drawn by ShareChart: a point for every day with buyer messages (one
 * such day alone is a visible point), lines only between neighbouring days that both have one, and an x axis that
 * runs through today whatever the last day of data. Pure numbers: no library, no canvas; colours come from the
 * theme's CSS (performance.css), so the chart follows light and dark.
 */

export interface DayShare {
  /** YYYY-MM-DD, a UTC day. */
  day: string;
  /** 0..1, null where no buyer wrote that day. */
  share: number | null;
}

export interface ChartPoint {
  day: string;
  share: number;
  x: number;
  y: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The plot area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  points: ChartPoint[];
  /** SVG path data of the lines between neighbouring days with data. */
  line: string;
  /** The x axis' ticks, the last one today. */
  xTicks: { x: number; day: string; today: boolean }[];
  /** The y axis' ticks: 0, 25, 50, 75, 100 %. */
  yTicks: { y: number; percent: number }[];
}

export const CHART_HEIGHT = 200;
const MARGIN = { left: 52, right: 16, top: 10, bottom: 26 };
const DAY_MS = 86_400_000;
// Room a date label needs on the x axis ("30. Sept."), in px.
const LABEL_PX = 64;

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Lays out `days` (oldest first) in `width` px, the axis from the first day through `today` (YYYY-MM-DD, UTC). */
export function chartGeometry(days: DayShare[], today: string, width: number): ChartGeometry {
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: Math.max(MARGIN.left + 40, width - MARGIN.right),
    bottom: CHART_HEIGHT - MARGIN.bottom,
  };
  const last = Math.max(dayNumber(today), days.length > 0 ? dayNumber(days[days.length - 1].day) : dayNumber(today));
  const first = days.length > 0 ? Math.min(dayNumber(days[0].day), last) : last - 89;
  const span = Math.max(1, last - first);
  const xOf = (n: number) => plot.left + ((n - first) / span) * (plot.right - plot.left);
  const yOf = (share: number) => plot.bottom - Math.min(1, Math.max(0, share)) * (plot.bottom - plot.top);
  const round = (v: number) => Math.round(v * 10) / 10;

  const points: ChartPoint[] = [];
  let line = '';
  let previous: number | null = null;
  for (const d of days) {
    const n = dayNumber(d.day);
    if (d.share === null) {
      previous = null;
      continue;
    }
    const p = { day: d.day, share: d.share, x: round(xOf(n)), y: round(yOf(d.share)) };
    line += `${previous === n - 1 ? 'L' : 'M'}${p.x} ${p.y}`;
    points.push(p);
    previous = n;
  }

  // Ticks backwards from today, as many days apart as the labels need.
  const perDay = (plot.right - plot.left) / span;
  const step = [1, 2, 7, 14, 28].find((s) => s * perDay >= LABEL_PX) ?? 28;
  const xTicks: ChartGeometry['xTicks'] = [];
  for (let n = last; n >= first; n -= step) xTicks.unshift({ x: round(xOf(n)), day: dayString(n), today: n === last });

  const yTicks = [0, 25, 50, 75, 100].map((percent) => ({ y: round(yOf(percent / 100)), percent }));
  return { width, height: CHART_HEIGHT, plot, points, line, xTicks, yTicks };
}

/** Today's UTC day as YYYY-MM-DD (the core's days are UTC days). */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
