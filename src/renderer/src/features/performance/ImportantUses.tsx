/**
 * R11: every use of [Important] / "Additional information required" with the classifier's
 * verdict, so the seller sees the pattern the marketplace would see. Unnecessary uses stand out,
 * and so do the ones where the seller overrode the warning ("sent anyway", "released").
 */
import type { ImportantUseView } from '../../../../shared/contract';
import { categoryWords } from '../../state/policy-words';
import { openConversation } from '../../state/view-store';
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { fullTime } from '../../ui/format';
import { useFirstShown } from './ResponseList';
import { perfStrings } from './strings';

const OUTCOMES: string[] = ['deliver', 'held', 'hold', 'block', 'reject'];
type Outcome = 'deliver' | 'held' | 'hold' | 'block' | 'reject';

export function ImportantUses({ uses }: { uses: ImportantUseView[] }) {
  const t = useStrings(perfStrings);
  const language = useLanguage((s) => s.language);
  const unnecessary = uses.filter((u) => u.necessary === false).length;
  const [shown, hidden, showAll] = useFirstShown(uses);
  return (
    <section className="pf-card" aria-labelledby="pf-important-title" data-testid="important-uses">
      <h3 id="pf-important-title">{t('importantTitle')}</h3>
      <p className="small muted">{t('importantHint')}</p>
      {uses.length === 0 ? (
        <p className="muted">{t('importantNone')}</p>
      ) : (
        <>
          <p className={unnecessary ? 'pf-warn' : ''}>{t('importantSummary', { unnecessary, total: uses.length })}</p>
          <table className="pf-table">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('subject')}</th>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr
                  key={u.id}
                  className={u.necessary === false ? 'pf-unnecessary' : undefined}
                  data-testid="important-use"
                  data-necessary={String(u.necessary)}
                >
                  <td>{fullTime(u.at, language)}</td>
                  <td>{t(u.kind)}</td>
                  <td>
                    {u.conversationId !== null ? (
                      <button
                        type="button"
                        className="pf-link"
                        onClick={() => openConversation(u.conversationId as number)}
                      >
                        {u.subject}
                      </button>
                    ) : (
                      u.subject
                    )}
                  </td>
                  <td data-testid="important-use-category">{categoryWords(u.category, language)}</td>
                  <td>
                    <Badge tone={u.necessary === false ? 'danger' : u.necessary ? 'success' : 'neutral'}>
                      {u.necessary === false ? t('unnecessary') : u.necessary ? t('necessary') : t('unknown')}
                    </Badge>{' '}
                    <span className="small">
                      {OUTCOMES.includes(u.verdict) ? t(`outcome.${u.verdict as Outcome}`) : u.verdict}
                    </span>
                    {u.override && (
                      <>
                        {' '}
                        <Badge tone="warning" title={t('overrideHint')} data-testid="important-override">
                          {t(`override.${u.override}`)}
                        </Badge>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hidden > 0 && (
            <button type="button" className="pf-link small" onClick={showAll}>
              {t('showAll', { count: uses.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
