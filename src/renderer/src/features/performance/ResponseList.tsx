/**
 * The buyer messages that missed the 24-hour mark in one window — unanswered (and past 24 h)
 * first, then those answered late — each one click from its conversation.
 */
import { useState } from 'react';
import type { ResponseItem, ResponseWindow } from '../../../../shared/contract';
import { openConversation } from '../../state/view-store';
import { useLanguage, useStrings } from '../../i18n';
import { fullTime } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { duration } from './duration';
import { perfStrings } from './strings';

/** Items drawn at first: the view opens fast on a big shop; the rest is one click away. */
export const FIRST_SHOWN = 50;

/** The first FIRST_SHOWN of `items`, and a button for the rest. */
export function useFirstShown<T>(items: T[]): [T[], number, () => void] {
  const [all, setAll] = useState(false);
  return [
    all ? items : items.slice(0, FIRST_SHOWN),
    all ? 0 : Math.max(0, items.length - FIRST_SHOWN),
    () => setAll(true),
  ];
}

function Group({
  title,
  items,
  total,
  unanswered,
  now,
}: {
  title: string;
  items: ResponseItem[];
  total: number;
  unanswered: boolean;
  now: number;
}) {
  const t = useStrings(perfStrings);
  const [shown, hidden, showAll] = useFirstShown(items);
  return (
    <div>
      <h4>
        {title} ({total})
      </h4>
      <ul className="pf-items">
        {shown.map((item) => (
          <Item key={item.messageId} item={item} unanswered={unanswered} now={now} />
        ))}
      </ul>
      {hidden > 0 && (
        <button type="button" className="pf-link small" onClick={showAll}>
          {t('showAll', { count: items.length })}
        </button>
      )}
      {total > items.length && <p className="small muted">{t('newestShown', { shown: items.length, total })}</p>}
    </div>
  );
}

function Item({ item, unanswered, now }: { item: ResponseItem; unanswered: boolean; now: number }) {
  const t = useStrings(perfStrings);
  const language = useLanguage((s) => s.language);
  const waited = unanswered ? now - Date.parse(item.receivedAt) : (item.responseMs ?? 0);
  return (
    <li>
      <button
        type="button"
        className="pf-item"
        onClick={() => openConversation(item.conversationId)}
        data-testid="late-item"
        data-conversation-id={item.conversationId}
        title={t('open')}
      >
        <span className="pf-item-who">{item.buyerName ?? item.alias}</span>
        <span className="pf-item-subject">{item.subject}</span>
        <span className="muted small">
          {t('received', { date: fullTime(item.receivedAt, language) })} ·{' '}
          {unanswered ? t('waiting', { time: duration(waited, t) }) : t('answeredAfter', { time: duration(waited, t) })}
        </span>
      </button>
    </li>
  );
}

export function ResponseList({ window: w }: { window: ResponseWindow }) {
  const t = useStrings(perfStrings);
  const now = useNow();
  // The backend lists the newest 200 of each; the totals count them all.
  const groups: [string, ResponseItem[], number, boolean][] = [
    [t('unanswered'), w.unanswered, w.unansweredTotal, true],
    [t('late'), w.late, w.lateTotal, false],
  ];
  return (
    <section className="pf-card" aria-label={t('lateTitle', { days: w.days })} data-testid="late-list">
      <h3>{t('lateTitle', { days: w.days })}</h3>
      {w.lateTotal + w.unansweredTotal === 0 && <p className="muted">{t('noneLate')}</p>}
      {groups.map(([title, items, total, unanswered]) =>
        total === 0 ? null : (
          <Group key={title} title={title} items={items} total={total} unanswered={unanswered} now={now} />
        ),
      )}
    </section>
  );
}
