// @vitest-environment jsdom
/**
 * The Outbox as the seller sees it (R8): state, attempts, next retry and last error; Retry now
 * and Cancel (after a confirmation) reach the backend; 'delivery.changed' updates rows live.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxView } from '../../../../shared/contract';
import { setApi } from '../../state/backend';
import { useLanguage } from '../../i18n';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { OutboxList } from './OutboxList';
import { useOutbox } from './store';

const deferred: OutboxView = {
  id: 3,
  messageId: 90,
  conversationId: 7,
  kind: 'forward',
  to: 't969vz2jn3bdsy7@relay.parley.localhost',
  subject: 'Re: Engraving',
  state: 'deferred',
  attempts: 2,
  nextAttemptAt: '2025-03-01T10:20:00Z',
  lastError: 'connect ECONNREFUSED 127.0.0.1:2526',
  createdAt: '2025-03-01T10:00:00Z',
};
const delivered: OutboxView = {
  ...deferred,
  id: 2,
  subject: 'Your order shipped',
  kind: 'shipping-confirmation',
  state: 'delivered',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  createdAt: '2025-03-01T11:00:00Z',
};

let api: FakeBackend;
let rows: OutboxView[];

beforeEach(() => {
  rows = [delivered, deferred];
  api = createFakeBackend(
    {},
    {
      'outbox.list': async () => rows,
      'outbox.retry': async ({ id }) => ({ ...rows.find((r) => r.id === id)!, state: 'queued', nextAttemptAt: null }),
      'outbox.cancel': async ({ id }) => ({
        ...rows.find((r) => r.id === id)!,
        state: 'cancelled',
        nextAttemptAt: null,
      }),
    },
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useOutbox.setState(useOutbox.getInitialState(), true);
});
afterEach(() => cleanup());

describe('OutboxList', () => {
  it('lists what waits first, with state, attempts, next retry and last error', async () => {
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toBe(row); // the deferred one, though older, comes first
    expect(row.textContent).toContain('Deferred');
    expect(row.textContent).toContain('To t969vz2jn3bdsy7@relay.parley.localhost');
    expect(row.textContent).toContain('2 attempts');
    expect(row.textContent).toMatch(/next attempt \d/);
    expect(row.textContent).toContain('Last error: connect ECONNREFUSED 127.0.0.1:2526');
    const done = screen.getByTestId('outbox-2');
    expect(done.textContent).toContain('Delivered');
    expect(done.textContent).toContain('Shipping confirmation');
    expect(done.textContent).toMatch(/1 attempt$|1 attempt\b(?!s)/);
    expect(within(done).queryByRole('button')).toBeNull(); // nothing to retry or cancel
  });

  it('Retry now calls outbox.retry and shows the new state', async () => {
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    fireEvent.click(within(row).getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(row.textContent).toContain('Queued'));
    expect(api['outbox.retry']).toHaveBeenCalledWith({ id: 3 });
  });

  it('Cancel asks first and only then calls outbox.cancel', async () => {
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(within(row).getByRole('group', { name: 'Cancel this message? It will not be sent.' })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Keep it' }));
    expect(api['outbox.cancel']).not.toHaveBeenCalled();
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel message' }));
    await waitFor(() => expect(row.textContent).toContain('Cancelled'));
    expect(api['outbox.cancel']).toHaveBeenCalledWith({ id: 3 });
  });

  it('shows a failed action on its row', async () => {
    api['outbox.retry'].mockRejectedValue({
      code: 'ENOTFOUND',
      message: 'no outbox item 3',
      key: 'outbox.notFound',
      params: { id: 3 },
    });
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    fireEvent.click(within(row).getByRole('button', { name: 'Retry now' }));
    expect((await within(row).findByRole('alert')).textContent).toBe('This message is no longer in the outbox.');
  });

  it('follows delivery.changed live', async () => {
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    rows = [delivered, { ...deferred, state: 'delivered', attempts: 3, nextAttemptAt: null, lastError: null }];
    act(() =>
      api.emit('delivery.changed', {
        outboxId: 3,
        messageId: 90,
        conversationId: 7,
        state: 'delivered',
        nextAttemptAt: null,
        lastError: null,
      }),
    );
    expect(row.textContent).toContain('Delivered');
    await waitFor(() => expect(screen.getByTestId('outbox-3').textContent).toContain('3 attempts'));
    cleanup();
    expect(api.listeners('delivery.changed')).toBe(0);
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    expect(row.textContent).toContain('Zurückgestellt');
    expect(within(row).getByRole('button', { name: 'Jetzt erneut senden' })).toBeTruthy();
  });
});
