/**
 * R3: the buyer's orders found by the alias — number, product, category, bought when, shipped
 * or not — beside the conversation, so the seller answers with the order in view. Handmade,
 * wine and custom orders say that messages about them always go through (R10b).
 */
import type { OrderView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { listTime } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { orderStrings } from './strings';

export function OrderContext({ orders }: { orders: OrderView[] }) {
  const t = useStrings(orderStrings);
  const language = useLanguage((s) => s.language);
  const now = useNow();
  return (
    <section className="orders" aria-label={t('title')} data-testid="order-context">
      <h3 className="orders-title">{t('title')}</h3>
      {orders.length === 0 ? (
        <p className="muted small">{t('none')}</p>
      ) : (
        <table className="orders-table">
          <thead>
            <tr>
              <th scope="col">{t('order')}</th>
              <th scope="col">{t('product')}</th>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('purchased')}</th>
              <th scope="col">{t('shipping')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.orderId} data-testid="order" data-order-id={o.orderId}>
                <td className="mono">{o.orderId}</td>
                <td>{o.productName ?? '—'}</td>
                <td>
                  <Badge
                    tone={o.category === 'standard' ? 'neutral' : 'info'}
                    title={o.category === 'standard' ? undefined : t('alwaysDelivered')}
                  >
                    {t(o.category)}
                  </Badge>
                </td>
                <td>{listTime(o.purchasedAt, now, language)}</td>
                <td>
                  {o.shippedAt ? (
                    <span className="shipped">
                      {t('shipped', { date: listTime(o.shippedAt, now, language) })}
                      {o.tracking && (
                        <span className="muted small">
                          {' '}
                          · {t('tracking', { carrier: o.carrier ?? '', tracking: o.tracking })}
                        </span>
                      )}
                    </span>
                  ) : (
                    <span className="not-shipped">{t('notShipped')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
