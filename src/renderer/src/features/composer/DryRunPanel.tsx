/**
 * The live policy dry run, shown beside what the seller writes: will it be delivered (or will Send
 * ask first, R11), why in words, what the message looks like to the classifier (R12) with the
 * phrases on either side, the rule ids behind "Why?", the R11 warning up front, the attachment
 * checks (R15) and the day's quota (R16).
 */
import type { DryRun } from '../../../../shared/contract';
import type { Decision, RuleId } from '../../../../shared/domain';
import { RULE_TEXT } from '../../../../shared/rules';
import { TOPICS, type Topic } from '../../../../shared/vocabulary';
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { CategoryWords } from './CategoryWords';
import { dryRunStrings } from './dry-run-strings';
import { useComposer } from './store';
import { composerStrings } from './strings';

const VERDICT_TONE = { deliver: 'success', block: 'danger', reject: 'danger', hold: 'warning' } as const;

/** The R11 code of a message Send asks about first. */
const HOLD = 'important-needs-confirmation';

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
      {!result ? (
        dryRun.state !== 'error' && <p className="composer-muted">{t('notYet')}</p>
      ) : (
        <Result result={result} />
      )}
    </aside>
  );
}

/** "the order is handmade", "topic chosen: address-problem": the classifier's context notes in the UI language. */
function useContextWords(): (note: string) => string {
  const t = useStrings(dryRunStrings);
  const topic = useStrings(composerStrings);
  return (note) => {
    const chosen = /^topic chosen: (.+)$/.exec(note);
    if (chosen && (TOPICS as readonly string[]).includes(chosen[1]))
      return t('context.topic', { topic: topic(`topic.${chosen[1] as Topic}`) });
    const order = /^the order is (handmade|custom-made)$/.exec(note);
    if (order) return t('context.order', { kind: t(order[1] === 'handmade' ? 'order.handmade' : 'order.custom') });
    return note;
  };
}

/** Words first; the rule ids and what else was weighed sit behind "Why?". */
function Why({ decision }: { decision: Decision }) {
  const t = useStrings(dryRunStrings);
  const language = useLanguage((s) => s.language);
  const contextWords = useContextWords();
  // R12 decided the category whenever the message was judged necessary or not.
  const judged: RuleId[] = decision.category.necessary === null ? [] : ['R12'];
  const rules = [...new Set<RuleId>([...decision.rules, ...decision.warnings.map((w) => w.rule), ...judged])];
  const context = decision.category.context ?? [];
  if (rules.length === 0 && context.length === 0) return null;
  return (
    <details className="composer-why">
      <summary>{t('why')}</summary>
      {rules.length > 0 && (
        <>
          <h4>{t('whyRules')}</h4>
          <ul className="composer-rules">
            {rules.map((rule) => (
              <li key={rule}>
                <Badge tone="info">{rule}</Badge> {RULE_TEXT[rule][language]}
              </li>
            ))}
          </ul>
        </>
      )}
      {context.length > 0 && (
        <>
          <h4>{t('whyContext')}</h4>
          <ul className="composer-rules">
            {context.map((note) => (
              <li key={note}>{contextWords(note)}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

function Result({ result }: { result: DryRun }) {
  const t = useStrings(dryRunStrings);
  const language = useLanguage((s) => s.language);
  const { decision } = result;
  const hold = decision.reasons.find((r) => r.rule === 'R11' && r.code === HOLD);
  const r11 = decision.warnings.filter((w) => w.rule === 'R11');
  const others = decision.warnings.filter((w) => w.rule !== 'R11');
  return (
    <>
      {r11.map((w) => (
        <div key={w.code} className="composer-r11" role="alert" data-testid="dryrun-r11">
          <strong>{t('r11Title')}</strong>
          {/* A held message's reason is the warning and what to do about it. */}
          <p>{hold?.message ?? w.message}</p>
        </div>
      ))}
      <p className={`composer-verdict verdict-${decision.verdict}`} data-testid="dryrun-verdict">
        <Badge tone={VERDICT_TONE[decision.verdict]}>{t(`verdict.${decision.verdict}`)}</Badge>
      </p>
      {hold && <p className="composer-muted">{t('holdHint')}</p>}
      <section aria-label={t('rules')}>
        {decision.reasons.length === 0 ? (
          <p className="composer-muted">{t('noRules')}</p>
        ) : (
          <ul className="composer-rules">
            {decision.reasons.map((r, i) => (
              <li key={`${r.rule}-${i}`}>{r === hold || !r.message ? RULE_TEXT[r.rule][language] : r.message}</li>
            ))}
          </ul>
        )}
        {others.map((w) => (
          <p key={w.code} className="composer-warning">
            {w.message}
          </p>
        ))}
      </section>
      <CategoryWords c={decision.category} />
      <Why decision={decision} />
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
