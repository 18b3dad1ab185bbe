/**
 * What the message looks like to the R12 classifier, in words: the category (or "not sure" with
 * the best guess), how sure, the phrases that decided it and, smaller, the ones that spoke for
 * the runner-up. Shared by the dry-run panel and the R11 confirmation. A long list shows its first
 * few phrases and "+N more"; a long phrase wraps inside the panel.
 */
import type { Classification } from '../../../../shared/domain';
import { useStrings } from '../../i18n';
import { policyStrings } from '../../state/policy-strings';
import { dryRunStrings } from './dry-run-strings';

const percent = (p: number) => Math.round(p * 100);

/** Phrases shown before "+N more". */
export const SHOWN_PHRASES = 3;

function Phrases({ label, phrases, className }: { label: string; phrases: string[]; className: string }) {
  const t = useStrings(dryRunStrings);
  const shown = phrases.slice(0, SHOWN_PHRASES);
  const more = phrases.length - shown.length;
  return (
    <p className={`${className} dry-run-phrases`}>
      {label}:{' '}
      {shown.map((p, i) => (
        <q key={`${i}-${p}`}>{p}</q>
      ))}
      {more > 0 && (
        <span className="dry-run-more" title={phrases.slice(SHOWN_PHRASES).join(', ')}>
          {t('phrasesMore', { count: more })}
        </span>
      )}
    </p>
  );
}

export function CategoryWords({ c }: { c: Classification }) {
  const t = useStrings(dryRunStrings);
  const words = useStrings(policyStrings);
  const necessity = c.necessary === true ? t('necessary') : c.necessary === false ? t('notNecessary') : t('unclear');
  const against = c.runnerUp && c.runnerUp !== c.category ? (c.against ?? []) : [];
  return (
    <div className="composer-category" data-testid="dryrun-category">
      <p>
        {t('category')}:{' '}
        {c.unsure ? (
          <>
            <strong>{t('notSure')}</strong>
            {c.guess && (
              <> ({t('guess', { category: words(`category.${c.guess}`), percent: percent(c.confidence) })})</>
            )}
          </>
        ) : (
          <>
            <strong>{words(`category.${c.category}`)}</strong> — {necessity}
            {c.confidence > 0 && `, ${t('confidence', { percent: percent(c.confidence) })}`}
          </>
        )}
      </p>
      {c.phrases.length > 0 && <Phrases label={t('phrases')} phrases={c.phrases} className="composer-phrases" />}
      {against.length > 0 && (
        <Phrases
          label={
            c.runnerUp === 'other' ? t('againstAny') : t('against', { category: words(`category.${c.runnerUp!}`) })
          }
          phrases={against}
          className="composer-phrases composer-against"
        />
      )}
    </div>
  );
}
