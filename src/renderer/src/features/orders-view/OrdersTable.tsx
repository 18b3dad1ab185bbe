/**
 * One page of orders: number, buyer, alias, product, category (R10b), purchase date and shipment
 * state. A row opens the buyer's conversation (R3); "Confirm shipment" stands on rows not yet
 * shipped; the app adds "Export record" (R21) through `rowActions`.
 */
import type { ReactNode } from 'react';
import type { OrderRow } from '../../../../shared/contract';
import { openConversation } from '../../state/view-store';
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { listTime } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { ordersViewStrings } from './strings';

interface Props {
  rows: OrderRow[];
  onShip(order: OrderRow): void;
  rowActions?(order: OrderRow): ReactNode;
}

export function OrdersTable({ rows, onShip, rowActions }: Props) {
  const t = useStrings(ordersViewStrings);
  const language = useLanguage((s) => s.language);
  const now = useNow();
  return (
    <table className="ov-table">
      <thead>
        <tr>
          <th scope="col">{t('order')}</th>
          <th scope="col">{t('buyer')}</th>
          <th scope="col">{t('alias')}</th>
          <th scope="col">{t('product')}</th>
          <th scope="col">{t('category')}</th>
          <th scope="col">{t('purchased')}</th>
          <th scope="col">{t('shipment')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => {
          const open = o.conversationId === null ? undefined : () => openConversation(o.conversationId as number);
          return (
            <tr
              key={o.orderId}
              data-testid="order-row"
              data-order-id={o.orderId}
              className={open ? 'ov-row-link' : undefined}
              onClick={(e) => open && !(e.target as HTMLElement).closest('button, a, input') && open()}
            >
              <td className="mono ov-order">
                {open ? (
                  <button
                    type="button"
                    className="link"
                    onClick={open}
                    title={t('openConversation', { buyer: o.buyerName ?? o.alias })}
                  >
                    {o.orderId}
                  </button>
                ) : (
                  <span title={t('noConversation')}>{o.orderId}</span>
                )}
              </td>
              <td>{o.buyerName ?? '—'}</td>
              <td className="mono small" title={o.aliasAddress}>
                {o.alias}
              </td>
              <td>{o.productName ?? '—'}</td>
              <td>
                <Badge
                  tone={o.category === 'standard' ? 'neutral' : 'info'}
                  title={o.category === 'standard' ? undefined : t('alwaysDelivered')}
                >
                  {t(o.category)}
                </Badge>
              </td>
              <td title={o.purchasedAt}>{listTime(o.purchasedAt, now, language)}</td>
              <td data-testid="order-shipment">
                {o.shippedAt ? (
                  <Badge tone="success" title={[o.carrier, o.tracking].filter(Boolean).join(' ')}>
                    {t('shipped', { date: listTime(o.shippedAt, now, language) })}
                  </Badge>
                ) : (
                  <span className="muted">{t('notShipped')}</span>
                )}
              </td>
              <td>
                <div className="ov-actions">
                  {!o.shippedAt && (
                    <Button size="small" icon="send" onClick={() => onShip(o)} data-testid="ship-button">
                      {t('confirmShipment')}
                    </Button>
                  )}
                  {rowActions?.(o)}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
