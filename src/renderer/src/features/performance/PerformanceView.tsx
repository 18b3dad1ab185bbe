/**
 * The Performance view: one `performance.get` call, then the three response-time
 * windows big and clear (7, 30, 90 days), the late and unanswered messages of the chosen window,
 * the daily chart, the quota (R16) and the R11 list. Loaded lazily on first open.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PerformanceView as Perf, ResponseWindow } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { duration, percent } from './duration';
import { ImportantUses } from './ImportantUses';
import { QuotaPanel } from './QuotaPanel';
import { ResponseList } from './ResponseList';
import { ShareChart } from './ShareChart';
import { perfStrings } from './strings';
import './performance.css';
import { failure } from '../../api/errors';
import { getPerformance } from './api';

function WindowCard({ w, chosen, onChoose }: { w: ResponseWindow; chosen: boolean; onChoose(): void }) {
  const t = useStrings(perfStrings);
  const language = useLanguage((s) => s.language);
  const missed = w.lateTotal + w.unansweredTotal;
  return (
    <button
      type="button"
      className={`pf-window${chosen ? ' pf-window-chosen' : ''}${w.share !== null && w.share < 0.9 ? ' pf-window-bad' : ''}`}
      aria-pressed={chosen}
      onClick={onChoose}
      title={t('showList', { days: w.days })}
    >
      <span className="pf-window-days">{t('days', { days: w.days })}</span>
      <span className="pf-share" data-testid={`performance-share-${w.days}`}>
        {w.share === null ? '—' : percent(w.share, language)}
      </span>
      <span className="small">{w.total ? t('within24') : t('noMessages')}</span>
      {w.total > 0 && (
        <span className="small muted">{t('ofTotal', { answered: w.answeredWithin24h, total: w.total })}</span>
      )}
      <span className="small">
        {w.averageResponseMs === null ? t('averageNone') : t('average', { time: duration(w.averageResponseMs, t) })}
      </span>
      {missed > 0 && (
        <span className="small pf-missed">
          {t('late')} / {t('unanswered')}: {missed}
        </span>
      )}
    </button>
  );
}

/**
 * What the app fetched ahead while the seller was in the inbox (App's warm-up): shown at the first open, then
 * refreshed.
 */
let ahead: { at: number; data: Perf } | null = null;
const AHEAD_FRESH_MS = 120_000;

/** Asks for the numbers once in the background, so the first open shows them without waiting. */
export async function prefetch(): Promise<void> {
  ahead = { at: Date.now(), data: await getPerformance() };
}

export default function PerformanceView() {
  const t = useStrings(perfStrings);
  const [data, setData] = useState<Perf | null>(() => {
    // Used once: later opens ask the backend before they show anything.
    const fresh = ahead && Date.now() - ahead.at < AHEAD_FRESH_MS ? ahead.data : null;
    ahead = null;
    return fresh;
  });
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState<7 | 30 | 90>(7);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await getPerformance());
    } catch (e) {
      setError(failure(e).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const chosen = data?.windows.find((w) => w.days === days) ?? data?.windows[0];
  return (
    <div className="pf" data-testid="performance-view">
      <header className="pf-head">
        <h2>{t('title')}</h2>
      </header>
      {error && (
        <div className="notice notice-danger" role="alert">
          <span>{t('failed', { message: error })}</span>
          <Button size="small" onClick={() => void load()}>
            {t('retry')}
          </Button>
        </div>
      )}
      {!data && !error && (
        <p className="muted" role="status">
          {t('loading')}
        </p>
      )}
      {data && (
        <>
          <section className="pf-card" aria-labelledby="pf-response-title">
            <h3 id="pf-response-title">{t('responseTitle')}</h3>
            <p className="small muted">{t('responseHint')}</p>
            <div className="pf-windows">
              {data.windows.map((w) => (
                <WindowCard key={w.days} w={w} chosen={w === chosen} onChoose={() => setDays(w.days)} />
              ))}
            </div>
          </section>
          {chosen && <ResponseList window={chosen} />}
          <ShareChart daily={data.daily} />
          <QuotaPanel quota={data.quota} />
          <ImportantUses uses={data.importantUses} />
        </>
      )}
    </div>
  );
}
