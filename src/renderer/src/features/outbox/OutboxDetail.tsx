/**
 * The right pane while the Outbox is chosen: the chosen item — where it stands, when it is tried next, what went
 * wrong in words (the mail server's own text below), Retry now and Cancel, and a way to its conversation — or an
 * empty state that says what the Outbox is for.
 */
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { deliveryProblem } from './delivery-problem';
import { OutboxActions, STATE_TONE, when } from './OutboxList';
import { outboxStrings } from './strings';
import { isPending, useOutbox } from './store';
import './outbox.css';

export function OutboxDetail({ onOpenConversation }: { onOpenConversation(id: number): void }) {
  const t = useStrings(outboxStrings);
  const language = useLanguage((s) => s.language);
  const item = useOutbox((s) => s.items.find((i) => i.id === s.selectedId));
  const anyWaiting = useOutbox((s) => s.items.some(isPending));
  const loaded = useOutbox((s) => s.loaded);

  if (!item) {
    return (
      <div className="empty conv-empty" data-testid="outbox-detail-empty">
        {loaded && <p>{anyWaiting ? t('chooseItem') : t('nothingWaiting')}</p>}
      </div>
    );
  }
  return (
    <article className="outbox-detail" data-testid="outbox-detail" aria-label={t('detailTitle')}>
      <header className="outbox-detail-head">
        <span className="outbox-muted">{t(`kind.${item.kind}`)}</span>
        <h2>{item.subject}</h2>
        <div className="outbox-muted">
          {t('to', { to: item.to })} · {t('written', { time: when(item.createdAt, language) })}
        </div>
      </header>
      <p className="outbox-detail-state">
        <Badge tone={STATE_TONE[item.state]}>{t(`state.${item.state}`)}</Badge>{' '}
        <span data-testid="outbox-detail-explain">{t(`explain.${item.state}`)}</span>
      </p>
      <p className="outbox-muted">
        {t('attempts', { count: item.attempts })}
        {item.nextAttemptAt && isPending(item) && (
          <span data-testid="outbox-detail-next">
            {' · '}
            {t('nextAttemptAt', { time: when(item.nextAttemptAt, language) })}
          </span>
        )}
      </p>
      {item.lastError && item.state !== 'delivered' && (
        <section className="outbox-detail-error" data-testid="outbox-detail-error">
          <h3>{t('whatWentWrong')}</h3>
          <p>{t(`problem.${deliveryProblem(item.lastError)}`)}</p>
          <p className="outbox-muted">
            {t('technical')} <code>{item.lastError}</code>
          </p>
        </section>
      )}
      <div className="outbox-row-actions">
        {isPending(item) && <OutboxActions item={item} />}
        {item.conversationId !== null && (
          <Button
            size="small"
            variant="ghost"
            icon="open"
            data-testid="outbox-open-conversation"
            onClick={() => onOpenConversation(item.conversationId!)}
          >
            {t('openConversation')}
          </Button>
        )}
      </div>
    </article>
  );
}
