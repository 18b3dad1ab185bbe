// @vitest-environment jsdom
/**
 * The Outbox as the seller sees it (R8): only what has not left yet, under a header saying so; state, attempts, next
 * retry and last error; Retry now and Cancel (after a confirmation) reach the backend; 'delivery.changed' updates rows
 * live; the chosen item shows in the right pane with its error in words and a way to its conversation.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxView } from '../../../../shared/contract';
import { setApi } from '../../state/backend';
import { useLanguage } from '../../i18n';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { OutboxDetail } from './OutboxDetail';
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
  it('lists only what has not left, under a header saying what the Outbox is, with state, attempts, retry and error', async () => {
    render(<OutboxList />);
    const row = await screen.findByTestId('outbox-3');
    expect(screen.getAllByRole('listitem')).toEqual([row]); // the delivered one is under Sent, not here
    expect(screen.queryByTestId('outbox-2')).toBeNull();
    const header = screen.getByTestId('outbox-header');
    expect(within(header).getByRole('heading', { name: 'Outbox' })).toBeTruthy();
    expect(header.textContent).toContain('1 waiting');
    expect(header.textContent).toContain('have not left yet');
    expect(row.textContent).toContain('Deferred');
    expect(row.textContent).toContain('To t969vz2jn3bdsy7@relay.parley.localhost');
    expect(row.textContent).toContain('2 attempts');
    expect(row.textContent).toMatch(/next attempt \d/);
    expect(row.textContent).toContain('Last error: connect ECONNREFUSED 127.0.0.1:2526');
  });

  it('says nothing waits when everything has left', async () => {
    rows = [delivered];
    render(
      <>
        <OutboxList />
        <OutboxDetail onOpenConversation={() => {}} />
      </>,
    );
    expect(await screen.findByText('Nothing waiting: every message has left.')).toBeTruthy();
    expect(screen.getByTestId('outbox-header').textContent).toContain('0 waiting');
    expect(screen.getByTestId('outbox-detail-empty').textContent).toContain('Nothing is waiting to go out');
    expect(screen.queryAllByRole('listitem')).toEqual([]);
  });

  it('shows the chosen item in the right pane: its state, next attempt, the error in words, its conversation', async () => {
    const opened: number[] = [];
    render(
      <>
        <OutboxList />
        <OutboxDetail onOpenConversation={(id) => opened.push(id)} />
      </>,
    );
    const row = await screen.findByTestId('outbox-3');
    expect(screen.getByTestId('outbox-detail-empty').textContent).toContain('Choose a message in the Outbox');
    fireEvent.click(within(row).getByRole('button', { name: 'Re: Engraving' }));
    const detail = screen.getByTestId('outbox-detail');
    expect(within(detail).getByRole('heading', { name: 'Re: Engraving' })).toBeTruthy();
    expect(detail.textContent).toContain('Deferred');
    expect(screen.getByTestId('outbox-detail-explain').textContent).toContain('Parley tries again by itself');
    expect(screen.getByTestId('outbox-detail-next').textContent).toMatch(/Next attempt: \d/);
    const error = screen.getByTestId('outbox-detail-error');
    expect(error.textContent).toContain('(the smarthost) could not be reached');
    expect(error.textContent).toContain('connect ECONNREFUSED 127.0.0.1:2526');
    expect(within(detail).getByRole('button', { name: 'Retry now' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('outbox-open-conversation'));
    expect(opened).toEqual([7]);
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
    // It stays in view with its new state while the seller is in the Outbox.
    await waitFor(() => expect(row.textContent).toContain('Cancelled'));
    expect(api['outbox.cancel']).toHaveBeenCalledWith({ id: 3 });
    expect(screen.getByTestId('outbox-header').textContent).toContain('0 waiting');
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
    render(
      <>
        <OutboxList />
        <OutboxDetail onOpenConversation={() => {}} />
      </>,
    );
    const row = await screen.findByTestId('outbox-3');
    expect(row.textContent).toContain('Zurückgestellt');
    expect(within(row).getByRole('button', { name: 'Jetzt erneut senden' })).toBeTruthy();
    expect(screen.getByTestId('outbox-header').textContent).toContain('1 wartet');
    expect(screen.getByTestId('outbox-header').textContent).toContain('noch nicht unterwegs');
    fireEvent.click(within(row).getByRole('button', { name: 'Re: Engraving' }));
    expect(screen.getByTestId('outbox-detail-error').textContent).toContain('war nicht erreichbar');
  });
});
