// @vitest-environment jsdom
/**
 * The shop switcher: the shop on screen with a menu of every shop and its "response needed" count; choosing one shows
 * that shop's inbox and counts, "All shops" a merged inbox with a shop per row, and Settings ask for one shop there.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationRow, FilterCounts, ShopSelection } from '../../../shared/contract';
import { appStatus, createFakeBackend } from '../state/testing/fake-backend';
import { rowFor } from '../state/testing/fake-data';
import { renderApp, useRendererTestEnv } from './testing/setup';

const SHOPS = [
  { id: 'holzwerkstatt', name: 'Holzwerkstatt', responseNeeded: 2 },
  { id: 'kerzenladen', name: 'Kerzenladen', responseNeeded: 1 },
];
const ROWS: Record<string, ConversationRow[]> = {
  holzwerkstatt: [
    { ...rowFor(1), subject: 'Tischbein wackelt', needsResponse: true },
    { ...rowFor(4), subject: 'Lieferung?', needsResponse: true },
  ],
  kerzenladen: [{ ...rowFor(7), subject: 'Wo bleibt meine Kerze?', needsResponse: true }],
};

function twoShops() {
  let shop: ShopSelection = 'holzwerkstatt';
  const inView = () =>
    shop === 'all'
      ? SHOPS.flatMap((s) => ROWS[s.id].map((r) => ({ ...r, shop: { id: s.id, name: s.name } })))
      : ROWS[shop];
  const counts = (): FilterCounts => {
    const n = inView().length;
    return {
      'response-needed': n,
      all: n,
      sent: 0,
      undeliverable: 0,
      reported: 0,
      'no-response': 0,
      drafts: 0,
      outbox: 0,
    };
  };
  return createFakeBackend(
    { shops: SHOPS },
    {
      'shops.select': async ({ shop: next }) => {
        shop = next;
        return appStatus({ shop, seller: shop === 'all' ? null : { ...appStatus().seller!, id: shop } });
      },
      'inbox.counts': async () => counts(),
      'inbox.list': async ({ offset = 0 }) => ({ total: inView().length, offset, rows: inView() }),
    },
  );
}

const ids = () => screen.queryAllByTestId('conversation-row').map((r) => Number(r.dataset.id));

async function choose(name: RegExp) {
  fireEvent.click(await screen.findByTestId('shop-switcher'));
  fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitemradio', { name }));
}

describe('the shop switcher', () => {
  useRendererTestEnv();

  it('lists every shop with its count and "All shops", the shop on screen checked', async () => {
    renderApp(twoShops());
    const button = await screen.findByRole('button', { name: 'Shop: Holzwerkstatt' });
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = within(screen.getByRole('menu')).getAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual(['Holzwerkstatt2', 'Kerzenladen1', 'All shops3']);
    expect(within(screen.getByRole('menu')).getByRole('menuitem').textContent).toBe('Add a shop…');
    expect(items.map((i) => i.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false']);
    fireEvent.keyDown(items[0], { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it("shows the second shop's inbox and counts, and the first again after switching back", async () => {
    const api = twoShops();
    renderApp(api);
    await waitFor(() => expect(ids()).toEqual([1, 4]));
    expect(screen.getByTestId('count-response-needed').textContent).toBe('2');
    await choose(/Kerzenladen/);
    await waitFor(() => expect(ids()).toEqual([7]));
    expect(screen.getByTestId('count-response-needed').textContent).toBe('1');
    expect(screen.getByTestId('shop-switcher').textContent).toContain('Kerzenladen');
    expect(
      api.calls.some((c) => c.name === 'shops.select' && (c.input as { shop: string }).shop === 'kerzenladen'),
    ).toBe(true);
    await choose(/Holzwerkstatt/);
    await waitFor(() => expect(ids()).toEqual([1, 4]));
    expect(screen.getByTestId('count-response-needed').textContent).toBe('2');
  });

  it("adds a shop with first run's form and shows it", async () => {
    const api = twoShops();
    api['setup.shop'].mockImplementation(async () =>
      appStatus({ shop: 'seifen', seller: { ...appStatus().seller!, id: 'seifen' } }),
    );
    renderApp(api);
    fireEvent.click(await screen.findByTestId('shop-switcher'));
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Add a shop…' }));
    const dialog = await screen.findByTestId('shop-add-dialog');
    fireEvent.change(await within(dialog).findByRole('textbox', { name: /Shop name/ }), {
      target: { value: 'Seifen' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Customer-service address/ }), {
      target: { value: 'shop@seifen.example' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create my shop' }));
    await waitFor(() => expect(screen.queryByTestId('shop-add-dialog')).toBeNull());
    expect(api['setup.shop']).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Seifen', email: 'shop@seifen.example' }),
    );
    await waitFor(() => expect(screen.getByTestId('shop-switcher').dataset.shop).toBe('seifen'));
    expect(api.calls.filter((c) => c.name === 'shops.list').length).toBeGreaterThan(1);
  });

  it('"All shops" shows every row with its shop, summed counts, and Settings ask for one shop', async () => {
    renderApp(twoShops());
    await choose(/All shops/);
    await waitFor(() =>
      expect(screen.queryAllByTestId('row-shop').map((b) => b.textContent)).toEqual([
        'Holzwerkstatt',
        'Holzwerkstatt',
        'Kerzenladen',
      ]),
    );
    expect(screen.getByTestId('count-response-needed').textContent).toBe('3');
    fireEvent.click(screen.getByTestId('settings-button'));
    const dialog = await screen.findByTestId('settings-pick-shop');
    expect(within(dialog).getByText(/Settings belong to one shop/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kerzenladen' }));
    await waitFor(() => expect(screen.queryByTestId('settings-pick-shop')).toBeNull());
    await waitFor(() => expect(ids()).toEqual([7]));
  });
});
