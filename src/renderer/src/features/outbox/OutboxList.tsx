/**
 * The middle pane for the Outbox filter: the seller's messages to buyers that have not left yet (R8), with a header
 * saying so, each with its kind, alias, subject, state, attempts, next retry and last error. They can be retried now
 * or cancelled (after a confirmation); a click shows one in the right pane (OutboxDetail); states follow
 * 'delivery.changed' live, and a delivered message leaves the list (it is under Sent).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OutboxView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { outboxStrings } from './strings';
import { isPending, useOutbox } from './store';
import './outbox.css';
import { onDeliveryChanged } from './api';

export const STATE_TONE: Record<OutboxView['state'], BadgeTone> = {
  queued: 'info',
  deferred: 'warning',
  delivered: 'success',
  failed: 'danger',
  bounced: 'danger',
  cancelled: 'neutral',
};

export function when(iso: string, language: string): string {
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
  // What waited while the Outbox was open stays in view with its new state (Delivered, Cancelled) until the seller
  // leaves it, so a message does not vanish under the pointer; the history of what left is not listed.
  const seen = useRef(new Set<number>());
  const shown = useMemo(() => {
    for (const item of items) if (isPending(item)) seen.current.add(item.id);
    return items.filter((item) => seen.current.has(item.id));
  }, [items]);
  const waiting = shown.filter(isPending).length;

  useEffect(() => {
    void load();
    return onDeliveryChanged((event) => useOutbox.getState().applyEvent(event));
  }, [load]);

  return (
    <section className="outbox-list" aria-label={t('title')}>
      <header className="list-header outbox-header" data-testid="outbox-header">
        <div className="outbox-header-line">
          <h2>{t('title')}</h2>
          {loaded && !error && <span className="muted small">{t('waiting', { count: waiting })}</span>}
        </div>
        <p className="muted small">{t('intro')}</p>
      </header>
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
      {loaded && !error && shown.length === 0 && <p className="outbox-muted">{t('empty')}</p>}
      <ul className="outbox-rows">
        {shown.map((item) => (
          <OutboxRow key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function OutboxRow({ item }: { item: OutboxView }) {
  const t = useStrings(outboxStrings);
  const language = useLanguage((s) => s.language);
  const selected = useOutbox((s) => s.selectedId === item.id);

  return (
    <li
      className={`outbox-row${selected ? ' outbox-row-selected' : ''}`}
      data-testid={`outbox-${item.id}`}
      aria-label={`${t(`kind.${item.kind}`)}: ${item.subject}`}
      aria-current={selected ? 'true' : undefined}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('button')) useOutbox.getState().select(item.id);
      }}
    >
      <div className="outbox-row-head">
        <Badge tone={STATE_TONE[item.state]}>{t(`state.${item.state}`)}</Badge>
        <span className="outbox-muted">{t(`kind.${item.kind}`)}</span>
        <button
          type="button"
          className="outbox-row-title"
          aria-pressed={selected}
          onClick={() => useOutbox.getState().select(item.id)}
        >
          {item.subject}
        </button>
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
      <OutboxActions item={item} />
    </li>
  );
}

/** Retry now and Cancel (after a confirmation) for a waiting item, and the last action's failure. */
export function OutboxActions({ item }: { item: OutboxView }) {
  const t = useStrings(outboxStrings);
  const busy = useOutbox((s) => Boolean(s.busy[item.id]));
  const rowError = useOutbox((s) => s.rowErrors[item.id]);
  const { retry, cancel } = useOutbox.getState();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
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
    </>
  );
}
