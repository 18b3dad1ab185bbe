/** R16: messages sent today against the daily limit, with the formula and the inputs it used. */
import type { PerformanceView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { quotaFormula } from '../../state/policy-words';
import { perfStrings } from './strings';

export function QuotaPanel({ quota }: { quota: PerformanceView['quota'] }) {
  const t = useStrings(perfStrings);
  const language = useLanguage((s) => s.language);
  const n = (v: number, digits = 0) =>
    v.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits });
  return (
    <section className="pf-card" aria-labelledby="pf-quota-title">
      <h3 id="pf-quota-title">{t('quotaTitle')}</h3>
      <p className="pf-quota-line">
        {t('quotaUsed', { sent: n(quota.sentToday), limit: quota.limit, remaining: n(quota.remaining) })}
      </p>
      <meter
        className="pf-meter"
        data-testid="quota-meter"
        min={0}
        max={quota.limit}
        low={quota.limit * 0.8}
        high={quota.limit * 0.95}
        optimum={0}
        value={Math.min(quota.limit, quota.sentToday)}
        aria-label={t('quotaTitle')}
      />
      <p className="small" data-testid="quota-formula">
        {t('quotaFormula', { formula: quotaFormula(quota, language) })}
      </p>
      <p className="small muted">
        {t('quotaInputs', {
          orders: quota.ordersInWindow,
          days: quota.windowDays,
          average: n(quota.averageDailyOrders, 2),
        })}
      </p>
      <p className="small muted">{t('quotaNotCounted')}</p>
    </section>
  );
}
