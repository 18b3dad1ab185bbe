// @vitest-environment jsdom
/**
 * The left pane's folders as a seller tells them apart: each has its own icon (Outbox is not Performance), Sent sits
 * beside the Outbox, and choosing the Outbox shows its header in the list and an Outbox state in the right pane, not
 * "select a conversation". A list row always shows its order number and previews its text.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { createFakeBackend } from '../../state/testing/fake-backend';

const iconOf = (el: HTMLElement) => el.querySelector('svg path')?.getAttribute('d');

describe('the folders', () => {
  useRendererTestEnv();

  it('give the Outbox, Sent and Performance icons of their own', async () => {
    renderApp(createFakeBackend());
    const outbox = await screen.findByTestId('folder-outbox');
    const sent = screen.getByTestId('folder-sent');
    expect(within(sent).getByRole('button').textContent).toContain('Sent');
    const icons = [iconOf(outbox), iconOf(sent), iconOf(screen.getByTestId('nav-performance'))];
    expect(new Set(icons).size).toBe(3);
    // Every folder and view has an icon no other one shares.
    const all = [
      ...screen.getAllByTestId(/^folder-/).map(iconOf),
      iconOf(screen.getByTestId('nav-orders')),
      iconOf(screen.getByTestId('nav-performance')),
    ];
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(all.length);
  });

  it('open the Outbox with its header and an Outbox empty state on the right', async () => {
    renderApp(createFakeBackend());
    fireEvent.click(within(await screen.findByTestId('folder-outbox')).getByRole('button'));
    const header = await screen.findByTestId('outbox-header');
    expect(header.textContent).toContain('Outbox');
    expect(header.textContent).toContain('have not left yet');
    const pane = screen.getByRole('main', { name: 'Conversation' });
    await waitFor(() => expect(within(pane).getByTestId('outbox-detail-empty').textContent).toContain('Nothing'));
    expect(pane.textContent).not.toContain('Select a conversation');
  });

  it('open Sent with a line saying that what has not left waits in the Outbox', async () => {
    renderApp(createFakeBackend({ conversations: 12 }));
    fireEvent.click(within(await screen.findByTestId('folder-sent')).getByRole('button'));
    expect((await screen.findByTestId('sent-intro')).textContent).toContain('waits in the Outbox');
  });

  it('show each row’s order number and preview', async () => {
    renderApp(createFakeBackend({ conversations: 12 }));
    await waitFor(() => expect(screen.getAllByTestId('conversation-row').length).toBeGreaterThan(0));
    for (const row of screen.getAllByTestId('conversation-row')) {
      expect(within(row).getByTestId('row-order').textContent).toMatch(/^\d{3}-\d{7}-\d{7}$/);
      expect(within(row).getByTestId('row-preview').textContent).not.toBe('');
    }
  });
});
