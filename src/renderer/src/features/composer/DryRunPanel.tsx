/**
 * The live policy dry run, shown beside what the seller writes: will it be delivered, which
 * rules decided it, what the message looks like to the classifier (R12) and why, the R11 warning
 * up front, the attachment checks (R15) and the day's quota (R16).
 */
import type { DryRun } from '../../../../shared/contract';
import { RULE_TEXT } from '../../../../shared/rules';
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { dryRunStrings } from './dry-run-strings';
import { useComposer } from './store';

const VERDICT_TONE = { deliver: 'success', block: 'danger', reject: 'danger' } as const;

export function DryRunPanel() {
  const t = useStrings(dryRunStrings);
  const dryRun = useComposer((s) => s.dryRun);
  const result = dryRun.result;
  return (
    <aside className="composer-dryrun" aria-labelledby="composer-dryrun-title" aria-busy={dryRun.state === 'checking'}>
      <h3 id="composer-dryrun-title">
        {t('title')}
        {dryRun.state === 'checking' && <span className="composer-muted"> · {t('checking')}</span>}
      </h3>
      {dryRun.state === 'error' && <p className="composer-error">{t('failed', { message: dryRun.error ?? '' })}</p>}
      {!result ? (dryRun.state !== 'error' && <p className="composer-muted">{t('notYet')}</p>) : <Result result={result} />}
    </aside>
  );
}

function Result({ result }: { result: DryRun }) {
  const t = useStrings(dryRunStrings);
  const language = useLanguage((s) => s.language);
  const { decision } = result;
  const r11 = decision.warnings.filter((w) => w.rule === 'R11');
  const others = decision.warnings.filter((w) => w.rule !== 'R11');
  const c = decision.category;
  return (
    <>
      {r11.map((w) => (
        <div key={w.code} className="composer-r11" role="alert">
          <strong>{t('r11Title')}</strong>
          <p>{w.message}</p>
        </div>
      ))}
      <p className={`composer-verdict verdict-${decision.verdict}`} data-testid="dryrun-verdict">
        <Badge tone={VERDICT_TONE[decision.verdict]}>{t(`verdict.${decision.verdict}`)}</Badge>
      </p>
      <section aria-label={t('rules')}>
        {decision.reasons.length === 0 ? (
          <p className="composer-muted">{t('noRules')}</p>
        ) : (
          <ul className="composer-rules">
            {decision.reasons.map((r, i) => (
              <li key={`${r.rule}-${i}`}>
                <Badge tone="info">{r.rule}</Badge> {RULE_TEXT[r.rule][language]}
                <div className="composer-muted">{r.message}</div>
              </li>
            ))}
          </ul>
        )}
        {others.map((w) => (
          <p key={w.code} className="composer-warning"><Badge tone="warning">{w.rule}</Badge> {w.message}</p>
        ))}
      </section>
      <p className="composer-category">
        {t('category')}: <strong>{t(`category.${c.category}`)}</strong> —{' '}
        {c.necessary === true ? t('necessary') : c.necessary === false ? t('notNecessary') : t('unclear')}
        {c.confidence > 0 && `, ${t('confidence', { percent: Math.round(c.confidence * 100) })}`}
        {c.phrases.length > 0 && (
          <span className="composer-phrases">
            {' '}· {t('phrases')}: {c.phrases.map((p) => <q key={p}>{p}</q>)}
          </span>
        )}
      </p>
      {decision.attachments.length > 0 && (
        <section aria-label={t('attachmentChecks')}>
          <h4>{t('attachmentChecks')} (R15)</h4>
          <ul className="composer-rules">
            {decision.attachments.map((a) => (
              <li key={a.filename} className={a.action === 'remove' ? 'composer-warning' : undefined}>
                {a.action === 'remove'
                  ? t('attachmentRemoved', { name: a.filename, reason: a.reason ?? a.problem ?? '' })
                  : t('attachmentKept', { name: a.filename, type: a.sniffedType })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <QuotaMeter quota={result.quota} />
    </>
  );
}

function QuotaMeter({ quota }: { quota: DryRun['quota'] }) {
  const t = useStrings(dryRunStrings);
  const used = Math.min(quota.limit, quota.sentToday);
  return (
    <div className="composer-quota">
      <label>
        {t('quota', { remaining: quota.remaining, limit: quota.limit })}
        <meter min={0} max={quota.limit} low={quota.limit * 0.8} high={quota.limit * 0.95} optimum={0} value={used} />
      </label>
      <div className="composer-muted">{t('quotaFormula', { formula: quota.formula })}</div>
      {!quota.counted && <div className="composer-muted">{t('quotaNotCounted')}</div>}
    </div>
  );
}
