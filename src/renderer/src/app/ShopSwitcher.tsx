/**
 * The shop switcher in the top bar: the shop on screen, and a menu of every shop with the count of conversations
 * waiting for a response, plus "All shops" (a merged inbox). `ShopPicker` asks for one shop where "All shops" cannot
 * answer (Settings, performance, orders).
 */
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { ShopSelection } from '../../../shared/contract';
import { useStrings } from '../i18n';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { useAppStatus } from '../state/status-store';
import { useShops } from '../state/shops-store';
import { shopStrings } from './shop-strings';
import './shops.css';

// First run's own form adds another shop (setup.shop); its code loads when the seller asks for it.
const ShopForm = lazy(() => import('../features/first-run').then((m) => ({ default: m.ShopForm })));

export function ShopSwitcher() {
  const t = useStrings(shopStrings);
  const selected = useAppStatus((s) => s.status?.shop);
  const shops = useShops((s) => s.shops);
  const [open, setOpen] = useState(false);
  const [adding, setAdding] = useState(false);
  const domain = useAppStatus((s) => s.status?.relay.domain);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void useShops.getState().refresh();
  }, []);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  if (!selected || shops.length === 0) return null;
  const total = shops.reduce((n, s) => n + s.responseNeeded, 0);
  const current = selected === 'all' ? null : shops.find((s) => s.id === selected);
  const name = current?.name ?? t('allShops');
  const choose = (shop: ShopSelection) => {
    setOpen(false);
    if (shop !== selected) void useShops.getState().select(shop);
  };
  const item = (id: ShopSelection, label: string, count: number) => (
    <li key={id} role="none">
      <button
        type="button"
        role="menuitemradio"
        aria-checked={id === selected}
        className="shop-item"
        data-testid="shop-item"
        data-shop={id}
        onClick={() => choose(id)}
      >
        <span className="shop-item-name">{label}</span>
        <span className="shop-item-count" title={t('waiting', { n: count })}>
          {count}
        </span>
      </button>
    </li>
  );

  return (
    <div
      className="shop-switcher"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          root.current?.querySelector<HTMLElement>('.shop-switcher-button')?.focus();
        }
        if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
          e.preventDefault();
          const items = [...(root.current?.querySelectorAll<HTMLElement>('.shop-item') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLElement);
          items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <Button
        variant="ghost"
        className="shop-switcher-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('switcher', { name })}
        data-testid="shop-switcher"
        data-shop={selected}
        onClick={() => setOpen(!open)}
      >
        <span className="shop-switcher-name">{name}</span>
        <span className="shop-switcher-caret" aria-hidden="true">
          ▾
        </span>
      </Button>
      {open && (
        <ul className="shop-menu" role="menu" id={menuId} aria-label={t('menu')} data-testid="shop-menu">
          {shops.map((s) => item(s.id, s.name, s.responseNeeded))}
          {shops.length > 1 && item('all', t('allShops'), total)}
          <li role="separator" className="shop-menu-separator" />
          <li role="none">
            <button
              type="button"
              role="menuitem"
              className="shop-item"
              data-testid="shop-add"
              onClick={() => {
                setOpen(false);
                setAdding(true);
              }}
            >
              {t('addShop')}
            </button>
          </li>
        </ul>
      )}
      {adding && (
        <Dialog open title={t('addShopTitle')} onClose={() => setAdding(false)} testId="shop-add-dialog">
          <Suspense fallback={null}>
            <ShopForm
              defaultDomain={domain}
              onBack={() => setAdding(false)}
              onCreated={(status) => {
                setAdding(false);
                void useShops.getState().adopt(status);
              }}
            />
          </Suspense>
        </Dialog>
      )}
    </div>
  );
}

type PickReason = 'pickSettings' | 'pickPerformance' | 'pickOrders';

/** "All shops" is chosen but this needs one: the shops to choose from (the view follows the choice). */
export function ShopPicker({ reason, heading = true }: { reason: PickReason; heading?: boolean }) {
  const t = useStrings(shopStrings);
  const shops = useShops((s) => s.shops);
  return (
    <div className="shop-picker" data-testid="shop-picker">
      {heading && <h2 className="shop-picker-title">{t('pickTitle')}</h2>}
      <p>{t(reason)}</p>
      <div className="shop-picker-list">
        {shops.map((s) => (
          <Button key={s.id} onClick={() => void useShops.getState().select(s.id)} data-testid="shop-pick">
            {s.name}
          </Button>
        ))}
      </div>
    </div>
  );
}
