/**
 * The middle pane for the Outbox filter: every outbox item with its kind, alias, subject, state,
 * attempts, next retry and last error (R8). Queued and deferred items can be retried now or
 * cancelled (after a confirmation); states follow 'delivery.changed' live.
 */
import { useEffect, useState } from 'react';
import type { OutboxView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { outboxStrings } from './strings';
import { isPending, useOutbox } from './store';
import './outbox.css';
import { onDeliveryChanged } from './api';

const TONE: Record<OutboxView['state'], BadgeTone> = {
  queued: 'info',
  deferred: 'warning',
  delivered: 'success',
  failed: 'danger',
  bounced: 'danger',
  cancelled: 'neutral',
};

function when(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

export function OutboxList() {
  const t = useStrings(outboxStrings);
  const items = useOutbox((s) => s.items);
  const loaded = useOutbox((s) => s.loaded);
  const error = useOutbox((s) => s.error);
  const load = useOutbox((s) => s.load);

  useEffect(() => {
    void load();
    return onDeliveryChanged((event) => useOutbox.getState().applyEvent(event));
  }, [load]);

  return (
    <section className="outbox-list" aria-label={t('title')}>
      {error && (
        <p role="alert" className="outbox-error">
          {t('failed', { message: error })}{' '}
          <Button size="small" onClick={() => void load()}>
            {t('reload')}
          </Button>
        </p>
      )}
      {!loaded && (
        <p role="status" className="outbox-muted">
          {t('loading')}
        </p>
      )}
      {loaded && !error && items.length === 0 && <p className="outbox-muted">{t('empty')}</p>}
      <ul className="outbox-rows">
        {items.map((item) => (
          <OutboxRow key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function OutboxRow({ item }: { item: OutboxView }) {
  const t = useStrings(outboxStrings);
  const language = useLanguage((s) => s.language);
  const busy = useOutbox((s) => Boolean(s.busy[item.id]));
  const rowError = useOutbox((s) => s.rowErrors[item.id]);
  const { retry, cancel } = useOutbox.getState();
  const [confirming, setConfirming] = useState(false);

  return (
    <li
      className="outbox-row"
      data-testid={`outbox-${item.id}`}
      aria-label={`${t(`kind.${item.kind}`)}: ${item.subject}`}
    >
      <div className="outbox-row-head">
        <Badge tone={TONE[item.state]}>{t(`state.${item.state}`)}</Badge>
        <span className="outbox-muted">{t(`kind.${item.kind}`)}</span>
        <strong className="outbox-row-title">{item.subject}</strong>
      </div>
      <div className="outbox-muted">
        {t('to', { to: item.to })} · {when(item.createdAt, language)} · {t('attempts', { count: item.attempts })}
        {item.nextAttemptAt && isPending(item) && (
          <> · {t('nextAttempt', { time: when(item.nextAttemptAt, language) })}</>
        )}
      </div>
      {item.lastError && item.state !== 'delivered' && (
        <div className="outbox-warning">{t('lastError', { error: item.lastError })}</div>
      )}
      {rowError && (
        <div role="alert" className="outbox-error">
          {rowError}
        </div>
      )}
      {isPending(item) && (
        <div className="outbox-row-actions">
          {confirming ? (
            <span role="group" aria-label={t('cancelConfirm')}>
              {t('cancelConfirm')}{' '}
              <Button
                variant="danger"
                size="small"
                disabled={busy}
                onClick={() => {
                  setConfirming(false);
                  void cancel(item.id);
                }}
              >
                {t('cancelYes')}
              </Button>
              <Button size="small" onClick={() => setConfirming(false)}>
                {t('cancelNo')}
              </Button>
            </span>
          ) : (
            <>
              <Button size="small" icon="send" disabled={busy} onClick={() => void retry(item.id)}>
                {t('retry')}
              </Button>
              <Button size="small" variant="ghost" disabled={busy} onClick={() => setConfirming(true)}>
                {t('cancel')}
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
