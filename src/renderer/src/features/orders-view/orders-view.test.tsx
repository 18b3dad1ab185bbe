// @vitest-environment jsdom
/**
 * The Orders view as the seller uses it: nav entry, search by alias (R3), import by drop with
 * the progress bar and the failed rows, a wrong file refused before any call, "Confirm shipment"
 * with carrier and tracking (R17, outside the quota R16), and an order opening its conversation.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { useView } from '../../state/view-store';
import { useLanguage } from '../../i18n';
import { useOrders } from './store';

const REPORT = 'order-id\tpurchase-date\tbuyer-name\n028-3333333-3333333\t2026-03-01\tEva\n';

async function openOrders(api: FakeBackend) {
  renderApp(api);
  fireEvent.click(await screen.findByTestId('nav-orders'));
  await screen.findAllByTestId('order-row');
}

describe('Orders view', () => {
  useRendererTestEnv();
  let release: () => void;
  let api: FakeBackend;
  beforeEach(() => {
    useView.setState(useView.getInitialState(), true);
    useOrders.setState(useOrders.getInitialState(), true);
    const gate = new Promise<void>((resolve) => (release = resolve));
    api = createFakeBackend({ conversations: 20, importGate: gate });
  });

  it('lists orders with category and shipment state, and finds a buyer by alias (R3)', async () => {
    await openOrders(api);
    const rows = screen.getAllByTestId('order-row');
    expect(rows.map((r) => r.dataset.orderId)).toEqual(['028-1111111-1111111', '028-2222222-2222222']);
    expect(within(rows[0]).getByText('Handmade')).toBeTruthy();
    expect(within(rows[0]).getByText('Not shipped')).toBeTruthy();
    expect(within(rows[1]).getByText(/^Shipped/)).toBeTruthy();

    fireEvent.change(screen.getByTestId('orders-search'), { target: { value: 'r8tq2v' } });
    await waitFor(() =>
      expect(screen.getAllByTestId('order-row').map((r) => r.dataset.orderId)).toEqual(['028-2222222-2222222']),
    );
    expect(api.calls.filter((c) => c.name === 'orders.list').at(-1)?.input).toMatchObject({
      query: 'r8tq2v',
      offset: 0,
    });
  });

  it('imports a dropped report: progress from job.progress, then counts and the failed rows with line and reason', async () => {
    await openOrders(api);
    const file = new File([REPORT], 'orders.txt', { type: 'text/plain' });
    fireEvent.drop(screen.getByTestId('orders-drop-zone'), { dataTransfer: { files: [file], types: ['Files'] } });

    const progress = await screen.findByTestId('import-progress');
    await waitFor(() => expect(within(progress).getByText('500 of 1,000 rows')).toBeTruthy());
    const call = api.calls.find((c) => c.name === 'orders.import');
    expect(call?.input).toEqual({ fileName: 'orders.txt', dataBase64: btoa(REPORT) });

    await act(async () => release());
    const result = await screen.findByTestId('import-result');
    expect(within(result).getByTestId('import-imported').textContent).toBe('2');
    expect(within(result).getByTestId('import-unchanged').textContent).toBe('1');
    expect(within(result).getByTestId('import-failed-rows').textContent).toContain(
      'Line 4: purchase-date “31.02.2026” in column 2 is not a date. Expected: 2026-12-03, 03.12.2026 or 3.12.2026',
    );
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('imports a report with German dates in the German UI, and words a bad row in German naming the formats', async () => {
    api = createFakeBackend({
      conversations: 20,
      importResult: {
        rows: 2,
        imported: 1,
        updated: 0,
        unchanged: 0,
        failed: [
          {
            line: 3,
            reason: 'purchase-date "31.02.2026" (column 2) is not a date; expected …',
            problems: [{ key: 'dateInvalid', params: { value: '31.02.2026', column: 'purchase-date', position: '2' } }],
          },
        ],
        ms: 80,
      },
    });
    await openOrders(api);
    act(() => useLanguage.getState().setLanguage('de'));
    const report =
      'order-id\tpurchase-date\tbuyer-email\n028-1\t03.12.2026\ta@example.de\n028-2\t31.02.2026\tb@example.de\n';
    const file = new File([report], 'bestellungen.txt', { type: 'text/plain' });
    fireEvent.drop(screen.getByTestId('orders-drop-zone'), { dataTransfer: { files: [file], types: ['Files'] } });
    const result = await screen.findByTestId('import-result');
    expect(within(result).getByTestId('import-imported').textContent).toBe('1');
    expect(within(result).getByRole('status').textContent).toBe(
      'bestellungen.txt importiert: 2 Zeilen in 0,1 s gelesen',
    );
    expect(within(result).getByTestId('import-failed-rows').textContent).toBe(
      'Zeile 3: purchase-date „31.02.2026“ in Spalte 2 ist kein Datum. Erwartet: 03.12.2026, 3.12.2026 oder ' +
        '2026-12-03, wahlweise mit Uhrzeit (14:30 oder 14:30:00) und Zeitzone (Z oder +01:00)',
    );
  });

  it('says a one-row report read in a few milliseconds was read at once, not "1 rows in 0 s"', async () => {
    api = createFakeBackend({
      conversations: 20,
      importResult: { rows: 1, imported: 1, updated: 0, unchanged: 0, failed: [], ms: 20 },
    });
    await openOrders(api);
    const file = new File(['order-id\tpurchase-date\tbuyer-email\n'], 'one.txt', { type: 'text/plain' });
    fireEvent.drop(screen.getByTestId('orders-drop-zone'), { dataTransfer: { files: [file], types: ['Files'] } });
    const result = await screen.findByTestId('import-result');
    expect(within(result).getByRole('status').textContent).toBe('Imported one.txt: 1 row read at once');
    act(() => useLanguage.getState().setLanguage('de'));
    expect(within(result).getByRole('status').textContent).toBe('one.txt importiert: 1 Zeile sofort gelesen');
  });

  it('refuses a file that is not an order report without calling the backend', async () => {
    await openOrders(api);
    const file = new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' });
    fireEvent.drop(screen.getByTestId('orders-view'), { dataTransfer: { files: [file], types: ['Files'] } });
    expect((await screen.findByTestId('import-result')).textContent).toContain('invoice.pdf is not an order report');
    expect(api.calls.some((c) => c.name === 'orders.import')).toBe(false);
  });

  it('confirms a shipment with carrier and tracking; the row then shows shipped (R17, outside R16)', async () => {
    await openOrders(api);
    const row = screen.getAllByTestId('order-row')[0];
    expect(within(screen.getAllByTestId('order-row')[1]).queryByTestId('ship-button')).toBeNull(); // already shipped
    fireEvent.click(within(row).getByTestId('ship-button'));
    const dialog = await screen.findByTestId('ship-dialog');
    expect(within(dialog).getByTestId('ship-order').textContent).toBe(
      'Order 028-1111111-1111111 · Anna Weber · Oak board',
    );
    expect(dialog.textContent).toMatch(
      /automatically receives a shipping confirmation\..*does not count against your daily message limit/,
    );
    fireEvent.change(within(dialog).getByTestId('ship-carrier'), { target: { value: ' DHL ' } });
    fireEvent.change(within(dialog).getByTestId('ship-tracking'), { target: { value: '00340434161094042557' } });
    fireEvent.click(within(dialog).getByTestId('ship-confirm'));

    await waitFor(() => expect(screen.queryByTestId('ship-dialog')).toBeNull());
    expect(screen.getByText(/Order 028-1111111-1111111 is marked shipped/)).toBeTruthy();
    expect(api.calls.find((c) => c.name === 'orders.ship')?.input).toEqual({
      orderId: '028-1111111-1111111',
      carrier: 'DHL',
      tracking: '00340434161094042557',
    });
    const shipped = screen.getAllByTestId('order-row')[0];
    expect(within(shipped).getByTestId('order-shipment').textContent).toMatch(/^Shipped/);
    expect(within(shipped).queryByTestId('ship-button')).toBeNull();
  });

  it('opens the buyer’s conversation from an order', async () => {
    await openOrders(api);
    fireEvent.click(within(screen.getAllByTestId('order-row')[0]).getByRole('button', { name: '028-1111111-1111111' }));
    await waitFor(() =>
      expect(api.calls.some((c) => c.name === 'conversation.get' && (c.input as { id: number }).id === 7)).toBe(true),
    );
    expect(screen.queryByTestId('orders-view')).toBeNull();
    expect(await screen.findByTestId('conversation-buyer')).toBeTruthy();
  });
});
