/**
 * One row of the list: buyer, time, last line (or the search snippet), alias and orders, the
 * 24-hour response timer, a paperclip (R15) and state badges. A row is an option of a listbox:
 * nothing inside it is separately focusable.
 */
import { memo } from 'react';
import type { ConversationBadge, ConversationRow } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { listTime, responseTimer } from '../../ui/format';
import { Icon, type IconName } from '../../ui/Icon';
import { useNow } from '../../ui/use-now';
import { highlightSnippet } from './snippet';
import { listStrings } from './strings';

const BADGE_TONE: Record<ConversationBadge, BadgeTone> = {
  reported: 'danger',
  'no-response': 'neutral',
  undeliverable: 'danger',
  outbox: 'info',
  held: 'warning',
  'opted-out': 'warning',
  draft: 'neutral',
};

/** Each badge has an icon, so a badge squeezed by a narrow list still says what it is (its title says it in words). */
const BADGE_ICON: Record<ConversationBadge, IconName> = {
  reported: 'flag',
  'no-response': 'check',
  undeliverable: 'alert',
  outbox: 'outbox',
  held: 'clock',
  'opted-out': 'ban',
  draft: 'compose',
};

export const rowDomId = (id: number) => `conversation-${id}`;

function Timer({ dueAt }: { dueAt: string }) {
  const t = useStrings(listStrings);
  const now = useNow();
  const timer = responseTimer(dueAt, now);
  if (!timer) return null;
  const unit = timer.unit === 'd' ? 'days' : timer.unit === 'h' ? 'hours' : 'minutes';
  const key = `${unit}${timer.overdue ? 'Overdue' : 'Left'}` as const;
  return (
    <span
      className={`timer${timer.overdue ? ' timer-overdue' : ''}`}
      title={t('timerTitle')}
      data-testid="response-timer"
    >
      <Icon name="clock" size={13} />
      {t(key, { n: timer.amount })}
    </span>
  );
}

interface RowProps {
  row: ConversationRow;
  index: number;
  count: number;
  selected: boolean;
  /** Offset from the top of the list, px (virtualized). */
  top: number;
  onSelect(id: number, index: number): void;
  onOpen(id: number, index: number): void;
}

export const ConversationRowView = memo(function ConversationRowView({
  row,
  index,
  count,
  selected,
  top,
  onSelect,
  onOpen,
}: RowProps) {
  const t = useStrings(listStrings);
  const language = useLanguage((s) => s.language);
  const now = useNow();
  const buyer = row.buyerName ?? t('noBuyerName', { alias: row.alias });
  return (
    <div
      id={rowDomId(row.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-testid="conversation-row"
      data-id={row.id}
      className={`row${selected ? ' row-selected' : ''}${row.needsResponse ? ' row-needs-response' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.id, index)}
      onDoubleClick={() => onOpen(row.id, index)}
    >
      <div className="row-line">
        <span className="row-buyer">{buyer}</span>
        {row.hasAttachments && <Icon name="paperclip" size={14} label={t('attachments')} className="row-clip" />}
        <time className="row-time" dateTime={row.lastMessageAt}>
          {listTime(row.lastMessageAt, now, language)}
        </time>
      </div>
      <div className="row-line row-text">
        {row.snippet ? (
          <span className="row-snippet">{highlightSnippet(row.snippet)}</span>
        ) : (
          <span className="row-last" data-testid="row-preview">
            {row.lastDirection === 'seller-to-buyer' && <span className="muted">{t('youWrote')} </span>}
            {row.lastLine || row.subject}
          </span>
        )}
      </div>
      <div className="row-line row-meta">
        {/* The order number never gives way: the alias shortens first, then the badges shrink to their icons. */}
        <span className="row-alias">{row.alias}</span>
        {row.orderIds.length > 0 && (
          <span className="row-order" data-testid="row-order" title={`${t('orders')}: ${row.orderIds.join(', ')}`}>
            {row.orderIds.at(-1)}
            {row.orderIds.length > 1 && <span className="row-order-more"> +{row.orderIds.length - 1}</span>}
          </span>
        )}
        <span className="row-meta-gap" />
        {row.needsResponse && row.responseDueAt && <Timer dueAt={row.responseDueAt} />}
        {row.shop && (
          <Badge tone="info" className="row-shop" title={row.shop.name} data-testid="row-shop">
            <span className="row-shop-name">{row.shop.name}</span>
          </Badge>
        )}
        {row.badges.map((b) => (
          <Badge key={b} tone={BADGE_TONE[b]} className="row-badge" title={t(`badge-${b}`)} data-badge={b}>
            <Icon name={BADGE_ICON[b]} size={11} />
            <span className="row-badge-label">{t(`badge-${b}`)}</span>
          </Badge>
        ))}
      </div>
    </div>
  );
});
