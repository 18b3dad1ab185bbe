// @vitest-environment jsdom
/**
 * Reading ahead: with a conversation on screen, the rows below and above it are read in idle time, and opening one
 * of them shows it without asking the backend again; a change the backend reports drops what was read ahead.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useInbox } from '../state/inbox-store';
import { createFakeBackend, type FakeBackend } from '../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from './testing/setup';

const asked = (api: FakeBackend, id: number) =>
  api.calls.filter((c) => c.name === 'conversation.get' && (c.input as { id: number }).id === id).length;

async function openRow(api: FakeBackend, index: number) {
  const id = (await screen.findAllByTestId('conversation-row'))[index].dataset.id;
  act(() => useInbox.getState().select(Number(id), index));
  await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe(id));
  return Number(id);
}

describe('reading ahead', () => {
  useRendererTestEnv();

  it('reads the next and the previous row once one is open, and opening the next one asks nothing', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    const first = await openRow(api, 1);
    const rows = screen.getAllByTestId('conversation-row').map((r) => Number(r.dataset.id));
    const [previous, next] = [rows[0], rows[2]];
    await waitFor(() => expect(asked(api, next)).toBe(1));
    await waitFor(() => expect(asked(api, previous)).toBe(1));
    expect(asked(api, first)).toBe(1); // and the open one only once: the selection asked, the view did not again

    await openRow(api, 2);
    expect(asked(api, next)).toBe(1);
  });

  it('keeps the conversation left: going back shows it without asking, and it is not read ahead again', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    const left = await openRow(api, 1);
    const rows = screen.getAllByTestId('conversation-row').map((r) => Number(r.dataset.id));
    await waitFor(() => expect(asked(api, rows[2])).toBe(1));
    await openRow(api, 2);
    await waitFor(() => expect(asked(api, rows[3])).toBe(1)); // the next row down is read ahead; the one above is kept
    await openRow(api, 1);
    expect(asked(api, left)).toBe(1);
  });

  it('asks again after the backend reported a change', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    await openRow(api, 0);
    const next = Number(screen.getAllByTestId('conversation-row')[1].dataset.id);
    await waitFor(() => expect(asked(api, next)).toBe(1));
    act(() =>
      api.emit('message.new', {
        conversationId: next,
        messageId: 9001,
        direction: 'buyer-to-seller',
        fromLabel: 'Anna',
        subject: 'One more thing',
      }),
    );
    await openRow(api, 1);
    await waitFor(() => expect(asked(api, next)).toBe(2));
  });
});
