/**
 * "Confirm shipment": carrier and tracking number, then `orders.ship`. The backend sends the
 * buyer the automatic shipping confirmation (R17), which does not count against the daily
 * limit (R16); the dialog says so before the seller confirms.
 */
import { useState, type FormEvent } from 'react';
import type { OrderRow } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { useOrders } from './store';
import { ordersViewStrings } from './strings';
import { failure } from '../../api/errors';

export function ShipDialog({
  order,
  onClose,
  onShipped,
}: {
  order: OrderRow;
  onClose(): void;
  onShipped(text: string): void;
}) {
  const t = useStrings(ordersViewStrings);
  const ship = useOrders((s) => s.ship);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ship(order.orderId, carrier, tracking);
      onShipped(t('shipDone', { order: order.orderId }));
      onClose();
    } catch (e) {
      setError(failure(e).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('shipTitle')}
      size="small"
      testId="ship-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button variant="primary" type="submit" form="ship-form" disabled={busy} data-testid="ship-confirm">
            {busy ? t('shipping') : t('ship')}
          </Button>
        </>
      }
    >
      <form id="ship-form" className="ov-ship-form" onSubmit={(e) => void submit(e)}>
        <p className="mono" data-testid="ship-order">
          {t('shipOrder', {
            order: order.orderId,
            buyer: order.buyerName ?? order.alias,
            product: order.productName ?? '—',
          })}
        </p>
        <label>
          <span>{t('carrier')}</span>
          <input
            data-autofocus
            value={carrier}
            maxLength={100}
            onChange={(e) => setCarrier(e.target.value)}
            data-testid="ship-carrier"
            autoComplete="off"
          />
        </label>
        <label>
          <span>{t('tracking')}</span>
          <input
            value={tracking}
            maxLength={100}
            onChange={(e) => setTracking(e.target.value)}
            data-testid="ship-tracking"
            autoComplete="off"
            className="mono"
          />
        </label>
        <p className="notice notice-info small">
          <Icon name="info" />
          <span>{t('shipNote')}</span>
        </p>
        {error && (
          <p className="notice notice-danger" role="alert">
            {t('shipFailed', { message: error })}
          </p>
        )}
      </form>
    </Dialog>
  );
}
