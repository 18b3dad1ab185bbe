/**
 * The daily share answered within 24 h over 90 days: a uPlot line (lazy-loaded, themed) and,
 * for screen readers and anyone who prefers numbers, the same data as a table. The chart is
 * drawn again when the theme changes (<html data-theme>) or the pane is resized.
 */
import { useEffect, useRef, useState } from 'react';
import type { PerformanceView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { percent } from './duration';
import { perfStrings } from './strings';

type Daily = PerformanceView['daily'];

export function ShareChart({ daily }: { daily: Daily }) {
  const t = useStrings(perfStrings);
  const language = useLanguage((s) => s.language);
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const label = t('share');

  useEffect(() => {
    const node = box.current;
    if (!node || typeof ResizeObserver === 'undefined') return; // jsdom: the table is the chart
    let chart: { destroy(): void; resize(w: number): void } | null = null;
    let cancelled = false;
    const data = {
      days: daily.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
      shares: daily.map((d) => (d.share === null ? null : Math.round(d.share * 1000) / 10)),
    };
    const draw = () =>
      import('./draw-chart')
        .then(({ drawChart }) => {
          if (cancelled) return;
          chart?.destroy();
          node.replaceChildren();
          chart = drawChart(node, data, Math.max(200, node.clientWidth), label, language === 'de' ? 'de-DE' : 'en-GB');
        })
        .catch(() => setFailed(true));
    // Drawn after the view has painted: the numbers are on screen first, the chart follows
    // (uPlot's first drawing measures fonts and builds its canvas, which would hold up the view).
    const first = requestAnimationFrame(() => setTimeout(() => void draw(), 0));
    const resize = new ResizeObserver(() => chart?.resize(Math.max(200, node.clientWidth)));
    resize.observe(node);
    const theme = new MutationObserver(() => void draw());
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelled = true;
      cancelAnimationFrame(first);
      resize.disconnect();
      theme.disconnect();
      chart?.destroy();
    };
  }, [daily, label, language]);

  return (
    <section className="pf-card" aria-labelledby="pf-chart-title">
      <h3 id="pf-chart-title">{t('chartTitle')}</h3>
      <div ref={box} className="pf-chart" aria-hidden="true" />
      {failed && <p className="small muted">{t('chartFailed')}</p>}
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
