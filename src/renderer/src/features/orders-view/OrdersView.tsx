/**
 * The Orders view: the seller's orders, searchable by order number, buyer name and
 * alias (R3), a page at a time; the order report import by drop anywhere on the view or by
 * button; "Confirm shipment" (R17). Loaded lazily when the seller first opens it.
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OrderRow } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { fileSize } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { ImportPanel, importReport } from './ImportPanel';
import { OrdersTable } from './OrdersTable';
import { ShipDialog } from './ShipDialog';
import { PAGE, useOrders } from './store';
import { ordersViewStrings } from './strings';
import './orders-view.css';
import { onImportProgress } from './api';

const SEARCH_DEBOUNCE_MS = 200; // a search per pause in typing, not per key

export default function OrdersView({ rowActions }: { rowActions?(order: OrderRow): ReactNode }) {
  const t = useStrings(ordersViewStrings);
  const language = useLanguage((s) => s.language);
  const { query, offset, total, rows, error, setQuery, page, load } = useOrders(
    useShallow((s) => ({
      query: s.query,
      offset: s.offset,
      total: s.total,
      rows: s.rows,
      error: s.error,
      setQuery: s.setQuery,
      page: s.page,
      load: s.load,
    })),
  );
  const [text, setText] = useState(query);
  const [dragging, setDragging] = useState<string | null>(null);
  const [shipping, setShipping] = useState<OrderRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const depth = useRef(0); // dragenter/leave fire for every child: count them

  useEffect(() => {
    void load();
    return onImportProgress((p) => p.job === 'orders.import' && useOrders.getState().progress(p.done, p.total));
  }, [load]);

  useEffect(() => {
    if (text === query) return;
    const timer = setTimeout(() => setQuery(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, setQuery]);

  const onFile = (file: File) =>
    void importReport(file, {
      wrongType: t('wrongType', { name: file.name }),
      tooBig: t('tooBig', { name: file.name, size: fileSize(file.size, language) }),
    });

  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  const drag = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(e.dataTransfer.items?.[0]?.getAsFile?.()?.name ?? '');
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(null);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      depth.current = 0;
      setDragging(null);
      const file = e.dataTransfer.files?.[0];
      if (file) onFile(file);
    },
  };

  const n = (v: number) => v.toLocaleString(language);
  return (
    <div className="ov" {...drag} data-testid="orders-view">
      <header className="ov-head">
        <h2>{t('title')}</h2>
        {total !== null && <span className="muted small">{t('count', { count: total })}</span>}
        <label className="ov-search">
          <Icon name="search" />
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('search')}
            aria-label={t('search')}
            data-testid="orders-search"
            maxLength={200}
          />
        </label>
      </header>
      <ImportPanel dragging={dragging} onFile={onFile} />
      {notice && (
        <p className="notice notice-info ov-notice" role="status">
          <Icon name="check" />
          <span>{notice}</span>
          <Button variant="ghost" size="small" icon="x" aria-label={t('close')} onClick={() => setNotice(null)} />
        </p>
      )}
      {error && (
        <div className="notice notice-danger" role="alert">
          <span>{t('loadFailed', { message: error })}</span>
          <Button size="small" onClick={() => void load()}>
            {t('retry')}
          </Button>
        </div>
      )}
      <div className="ov-body">
        {total === 0 ? (
          <p className="muted ov-empty">{query ? t('noMatch', { query }) : t('empty')}</p>
        ) : (
          <OrdersTable rows={rows} onShip={setShipping} rowActions={rowActions} />
        )}
      </div>
      {total !== null && total > PAGE && (
        <nav className="ov-pager" aria-label={t('title')}>
          <Button size="small" icon="chevronLeft" disabled={offset === 0} onClick={() => page(offset - PAGE)}>
            {t('previous')}
          </Button>
          <span className="small">
            {t('range', { from: n(offset + 1), to: n(Math.min(total, offset + PAGE)), total: n(total) })}
          </span>
          <Button size="small" disabled={offset + PAGE >= total} onClick={() => page(offset + PAGE)}>
            {t('next')}
            <Icon name="chevronRight" />
          </Button>
        </nav>
      )}
      {shipping && <ShipDialog order={shipping} onClose={() => setShipping(null)} onShipped={setNotice} />}
    </div>
  );
}
