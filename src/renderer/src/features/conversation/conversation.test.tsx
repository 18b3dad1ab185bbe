// @vitest-environment jsdom
/**
 * The conversation pane: order context (R3), delivery states and the rules that blocked a
 * message (R8), Report (R18) and No response needed (R19) with their effect on the list and
 * counts, hostile HTML in a sandboxed frame with remote content blocked (R14), long threads.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useInbox } from '../../state/inbox-store';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';

async function open(api: FakeBackend, id: number) {
  renderApp(api);
  await screen.findByTestId('filter-all');
  useInbox.getState().select(id, id - 1);
  await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe(String(id)));
  return screen.getByTestId('conversation');
}

const names = (api: FakeBackend) => api.calls.map((c) => c.name);

describe('the conversation pane', () => {
  useRendererTestEnv();

  it('shows the buyer, the alias and the order context (R3)', async () => {
    const pane = await open(createFakeBackend(), 1);
    expect(within(pane).getByTestId('conversation-buyer').textContent).toBe('James Miller');
    expect(within(pane).getByTestId('conversation-alias').textContent).toBe('b000001x7k2q9m1@relay.parley.localhost');
    const order = within(pane).getByTestId('order');
    expect(order.textContent).toContain('302-1000001-4400007');
    expect(order.textContent).toContain('Handmade');
    expect(order.textContent).toContain('Not shipped yet');
    expect(
      within(pane)
        .getAllByTestId('message')
        .map((m) => m.dataset.state),
    ).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('says why a message was blocked, rule by rule, and shows warnings without a click (R8, R11)', async () => {
    const pane = await open(createFakeBackend(), 4);
    const blocked = within(pane)
      .getAllByTestId('message')
      .find((m) => m.dataset.state === 'blocked')!;
    expect(within(blocked).getByTestId('delivery-state').textContent).toBe('Blocked');
    expect(within(blocked).getByTestId('message-reasons').textContent).toContain('R10');
    expect(within(blocked).getByTestId('message-reasons').textContent).toContain(
      'opted out of unsolicited seller messages',
    );
    expect(within(blocked).getByTestId('message-warnings').textContent).toContain('R11');
    expect(blocked.textContent).toContain('Message type: review request');
  });

  it('shows a seller message held for [Important] with why, and releases it on request (R11)', async () => {
    const api = createFakeBackend({ conversations: 30 });
    const pane = await open(api, 5);
    const held = within(pane)
      .getAllByTestId('message')
      .find((m) => m.dataset.state === 'held')!;
    expect(within(held).getByTestId('delivery-state').textContent).toBe('Held');
    expect(within(held).getByTestId('message-reasons').textContent).toContain('Why it is held');
    expect(within(held).getByTestId('message-reasons').textContent).toContain(
      '[Important] is only for messages needed to complete an order, and this one looks like a review or feedback request. So Parley held it: if it really is needed, release it',
    );
    const release = within(held).getByRole('button', { name: 'Release' });
    expect(release.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(release.getAttribute('aria-describedby')!)?.textContent).toContain(
      'logged as “released”',
    );
    fireEvent.click(release);
    await waitFor(() =>
      expect(api.calls.find((c) => c.name === 'message.release')?.input).toEqual({
        messageId: held.dataset.id ? Number(held.dataset.id) : NaN,
      }),
    );
    await waitFor(() =>
      expect(
        within(pane)
          .getAllByTestId('message')
          .map((m) => m.dataset.state),
      ).toEqual(['delivered', 'queued', 'delivered']),
    );
    const after = within(pane).getAllByTestId('message')[1];
    expect(within(after).queryByRole('button', { name: 'Release' })).toBeNull();
    expect(within(after).queryByTestId('message-reasons')).toBeNull();
    expect(within(after).getByTestId('released-note').textContent).toMatch(
      /^Released by you .* — it was held for \[Important\]$/,
    );
  });

  it('reports a buyer message with the chosen reason and note; counts and list refresh (R18)', async () => {
    const api = createFakeBackend({ conversations: 30 });
    const pane = await open(api, 4);
    await waitFor(() => expect(screen.queryAllByTestId('conversation-row').map((r) => r.dataset.id)).toContain('4'));
    await waitFor(() => expect(screen.getByTestId('count-response-needed').textContent).toBe('10'));
    fireEvent.click(within(pane).getAllByTestId('report-button')[0]);
    const dialog = await screen.findByRole('dialog', { name: 'Report this message' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('Phishing or fraud'));
    fireEvent.change(within(dialog).getByLabelText('Note (optional)'), { target: { value: 'asks for bank details' } });
    fireEvent.click(within(dialog).getByTestId('report-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls.find((c) => c.name === 'message.report')?.input).toEqual({
      messageId: 4000,
      reason: 'phishing',
      note: 'asks for bank details',
    });
    await waitFor(() => expect(screen.getByTestId('count-response-needed').textContent).toBe('9'));
    // The conversation left 'response-needed' and the message now says it was reported.
    await waitFor(() =>
      expect(screen.queryAllByTestId('conversation-row').map((r) => r.dataset.id)).not.toContain('4'),
    );
    expect(await within(screen.getByTestId('conversation')).findByText('Reported as Spam or advertising')).toBeTruthy();
  });

  it('closes the report dialog with Esc without reporting', async () => {
    const api = createFakeBackend();
    const pane = await open(api, 1);
    fireEvent.click(within(pane).getAllByTestId('report-button')[0]);
    fireEvent.keyDown(await screen.findByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(names(api)).not.toContain('message.report');
  });

  it('marks a buyer message as needing no response; the count drops (R19)', async () => {
    const api = createFakeBackend({ conversations: 30 });
    const pane = await open(api, 7);
    await waitFor(() => expect(screen.getByTestId('count-response-needed').textContent).toBe('10'));
    const buttons = within(pane).getAllByTestId('no-response-button');
    fireEvent.click(buttons[buttons.length - 1]);
    await waitFor(() => expect(screen.getByTestId('count-response-needed').textContent).toBe('9'));
    expect(api.calls.find((c) => c.name === 'message.noResponse')?.input).toEqual({ messageId: 7060 });
    await waitFor(() =>
      expect(screen.queryAllByTestId('conversation-row').map((r) => r.dataset.id)).not.toContain('7'),
    );
  });

  it('shows long threads from their last 20 messages, earlier ones on request', async () => {
    const pane = await open(createFakeBackend(), 7);
    expect(within(pane).getAllByTestId('message')).toHaveLength(20);
    fireEvent.click(within(pane).getByTestId('show-earlier'));
    expect(within(pane).getAllByTestId('message')).toHaveLength(61);
  });

  it('renders hostile HTML in a sandboxed frame: no script, no handlers, no remote URL (R14)', async () => {
    const pane = await open(createFakeBackend(), 2);
    const frame = (await within(pane).findByTestId('html-frame')) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    const srcdoc = frame.getAttribute('srcdoc')!;
    expect(srcdoc).not.toMatch(/<script/i);
    expect(srcdoc).not.toMatch(/\son[a-z]+=/i);
    expect(srcdoc).not.toMatch(/javascript:/i);
    expect(srcdoc).not.toMatch(/127\.0\.0\.1/);
    expect(srcdoc).not.toMatch(/<(iframe|form|meta http-equiv="refresh")/i);
    expect(srcdoc).toContain("default-src 'none'");
    // The inline logo (cid:) is shown from the message's own part.
    expect(srcdoc).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="logo">/);
  });

  it('shows remote content only when the seller asks, for that message', async () => {
    const pane = await open(createFakeBackend(), 2);
    const bar = await within(pane).findByTestId('remote-content-bar');
    expect(bar.textContent).toContain('Remote content blocked (3)');
    fireEvent.click(within(bar).getByRole('button', { name: 'Show remote content' }));
    await waitFor(() => expect(within(pane).queryByTestId('remote-content-bar')).toBeNull());
    const srcdoc = within(pane).getByTestId('html-frame').getAttribute('srcdoc')!;
    expect(srcdoc).toContain('img-src data: cid: https: http:');
    expect(srcdoc).toContain('src="http://127.0.0.1:9/pixel.gif"');
    expect(srcdoc).not.toMatch(/<script/i);
  });
});
