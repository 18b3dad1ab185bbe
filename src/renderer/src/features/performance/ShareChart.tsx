/**
 * The daily share answered within 24 h over 90 days: an SVG of our own (a point for every day with buyer messages,
 * lines between neighbouring ones, the axis through today; draw-chart.ts) and, for screen readers and anyone who
 * prefers numbers, the same data as a table. Colours come from the theme (performance.css); the SVG is laid out
 * again when the pane is resized.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PerformanceView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { chartGeometry, utcToday } from './draw-chart';
import { percent } from './duration';
import { perfStrings } from './strings';

type Daily = PerformanceView['daily'];

// px: the width laid out before the pane is measured (and in tests without layout).
const DEFAULT_WIDTH = 640;

export function ShareChart({ daily }: { daily: Daily }) {
  const t = useStrings(perfStrings);
  const language = useLanguage((s) => s.language);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);

  useEffect(() => {
    const node = box.current;
    if (!node || typeof ResizeObserver === 'undefined') return;
    const measure = () => node.clientWidth > 0 && setWidth(Math.max(240, Math.floor(node.clientWidth)));
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(node);
    return () => resize.disconnect();
  }, []);

  const chart = useMemo(() => chartGeometry(daily, utcToday(), width), [daily, width]);
  const date = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const dayLabel = (day: string) => date.format(new Date(`${day}T00:00:00Z`));
  const { plot } = chart;

  return (
    <section className="pf-card" aria-labelledby="pf-chart-title">
      <h3 id="pf-chart-title">{t('chartTitle')}</h3>
      <div ref={box} className="pf-chart" aria-hidden="true">
        <svg
          width={chart.width}
          height={chart.height}
          viewBox={`0 0 ${chart.width} ${chart.height}`}
          data-testid="share-chart"
          data-points={chart.points.length}
        >
          {chart.yTicks.map((tick) => (
            <g key={tick.percent} className="pf-chart-grid">
              <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} />
              <text x={plot.left - 8} y={tick.y} textAnchor="end" dominantBaseline="middle">
                {percent(tick.percent / 100, language)}
              </text>
            </g>
          ))}
          {chart.xTicks.map((tick) => (
            <g key={tick.day} className={`pf-chart-xtick${tick.today ? ' pf-chart-today' : ''}`}>
              <line x1={tick.x} x2={tick.x} y1={plot.top} y2={plot.bottom} />
              <text x={tick.x} y={plot.bottom + 17} textAnchor={tick.today ? 'end' : 'middle'}>
                {tick.today ? t('chartToday') : dayLabel(tick.day)}
              </text>
            </g>
          ))}
          <path className="pf-chart-line" d={chart.line} />
          {chart.points.map((p) => (
            <circle key={p.day} className="pf-chart-point" cx={p.x} cy={p.y} r={4} data-testid="chart-point">
              <title>{`${dayLabel(p.day)}: ${percent(p.share, language)}`}</title>
            </circle>
          ))}
        </svg>
      </div>
      <details className="pf-chart-table">
        <summary>{t('chartTable')}</summary>
        <table className="pf-table">
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col">{t('share')}</th>
              <th scope="col">{t('answered')}</th>
              <th scope="col">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {daily
              .filter((d) => d.total > 0)
              .map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{d.share === null ? '—' : percent(d.share, language)}</td>
                  <td>{d.answeredWithin24h}</td>
                  <td>{d.total}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
