// @vitest-environment jsdom
/**
 * The inbox as the seller meets it: landmarks, the default filter (R20) with counts, a
 * virtualized list, keyboard selection, search, shortcuts and live updates from push events.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useComposer } from '../features/composer';
import { useInbox } from '../state/inbox-store';
import { createFakeBackend, savedDraft } from '../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from './testing/setup';

const rows = () => screen.queryAllByTestId('conversation-row');
const selected = () =>
  rows()
    .filter((r) => r.getAttribute('aria-selected') === 'true')
    .map((r) => Number(r.dataset.id));

describe('the inbox shell', () => {
  useRendererTestEnv();

  it('has the three landmarks and the top bar', async () => {
    renderApp(createFakeBackend());
    expect(await screen.findByRole('navigation', { name: 'Filters' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Conversations' })).toBeTruthy();
    expect(screen.getByRole('main', { name: 'Conversation' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search conversations' })).toBeTruthy();
    expect(screen.getByTestId('relay-status').dataset.state).toBe('running');
  });

  it("opens on 'Response needed' (R20) and lists only conversations needing a response, with counts in the names", async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    const button = await screen.findByRole('button', { name: 'Response needed, 10 conversations' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('filter-all').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('count-all').textContent).toBe('30');
    await waitFor(() => expect(rows().length).toBe(10));
    expect(api.calls.find((c) => c.name === 'inbox.list')?.input).toMatchObject({ filter: 'response-needed' });
    for (const row of rows()) expect(Number(row.dataset.id) % 3).toBe(1); // the fake's rows needing a response
  });

  it('switches filters and lists that filter', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    fireEvent.click(await screen.findByTestId('filter-undeliverable'));
    await waitFor(() => expect(rows().map((r) => Number(r.dataset.id))).toEqual([4, 15, 26]));
    expect(screen.getByTestId('filter-undeliverable').getAttribute('aria-current')).toBe('true');
  });

  it('keeps at most a screenful of rows in the DOM for 10,000 conversations and fetches windows as it scrolls', async () => {
    const api = createFakeBackend({ conversations: 10_000 });
    renderApp(api);
    fireEvent.click(await screen.findByTestId('filter-all'));
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    expect(screen.getAllByRole('option').length).toBeLessThanOrEqual(50);
    const list = screen.getByRole('listbox');
    list.scrollTop = 500_000; // row ~6,400
    fireEvent.scroll(list);
    await waitFor(() => expect(rows().some((r) => Number(r.dataset.id) > 6000)).toBe(true));
    expect(screen.getAllByRole('option').length).toBeLessThanOrEqual(50);
    const windows = api.calls.filter((c) => c.name === 'inbox.list').map((c) => (c.input as { limit: number }).limit);
    expect(Math.max(...windows)).toBeLessThanOrEqual(100);
  });

  it('moves the selection with j and k, opens with Enter and returns with u', async () => {
    renderApp(createFakeBackend({ conversations: 30 }));
    await waitFor(() => expect(rows().length).toBe(10));
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(selected()).toEqual([1]));
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(selected()).toEqual([7]));
    fireEvent.keyDown(window, { key: 'k' });
    await waitFor(() => expect(selected()).toEqual([4]));
    expect(await screen.findByTestId('conversation')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe('4'));
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(document.activeElement?.id).toBe('conversation-pane');
    fireEvent.keyDown(window, { key: 'u' });
    expect(document.activeElement?.getAttribute('role')).toBe('listbox');
  });

  it('ignores shortcut keys while the seller types', async () => {
    renderApp(createFakeBackend({ conversations: 30 }));
    await waitFor(() => expect(rows().length).toBe(10));
    const box = screen.getByTestId('search-box');
    box.focus();
    fireEvent.keyDown(box, { key: 'j' });
    expect(selected()).toEqual([]);
  });

  it('shows search results with the match highlighted, and Esc brings the list back', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    await waitFor(() => expect(rows().length).toBe(10));
    fireEvent.keyDown(window, { key: '/' });
    const box = screen.getByTestId('search-box');
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'engrave' } });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Search results' })).toBeTruthy());
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(rows()[0].querySelector('mark')?.textContent).toBe('engrave');
    expect(api.calls.find((c) => c.name === 'inbox.search')?.input).toMatchObject({ query: 'engrave' });
    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Search results' })).toBeNull());
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('opens the shortcut list with ? and closes it with Esc', async () => {
    renderApp(createFakeBackend());
    await screen.findByTestId('filter-all');
    fireEvent.keyDown(window, { key: '?' });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Reply to the buyer')).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('follows pushed counts and refreshes the list when a message arrives', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    await waitFor(() => expect(screen.getByTestId('count-response-needed').textContent).toBe('10'));
    act(() =>
      api.emit('counts.changed', {
        'response-needed': 11,
        all: 31,
        sent: 0,
        undeliverable: 0,
        reported: 0,
        'no-response': 0,
        drafts: 0,
        outbox: 2,
      }),
    );
    expect(screen.getByTestId('count-response-needed').textContent).toBe('11');
    expect(screen.getByRole('button', { name: 'Outbox, 2 items' })).toBeTruthy();
    const before = api.calls.filter((c) => c.name === 'inbox.list').length;
    act(() =>
      api.emit('message.new', {
        conversationId: 3,
        messageId: 3005,
        direction: 'buyer-to-seller',
        fromLabel: 'Anna',
        subject: 'Hi',
      }),
    );
    await waitFor(() => expect(api.calls.filter((c) => c.name === 'inbox.list').length).toBeGreaterThan(before));
  });

  it('opens the conversation the desktop shell names (a clicked notification)', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    await waitFor(() => expect(screen.getByTestId('count-response-needed').textContent).toBe('10'));
    act(() => api.emit('conversation.open', { conversationId: 7 }));
    expect(useInbox.getState().selectedId).toBe(7);
    await waitFor(() =>
      expect(api.calls.some((c) => c.name === 'conversation.get' && (c.input as { id: number }).id === 7)).toBe(true),
    );
  });

  it('brings a message recorded in the open conversation (a sent reply, too) into it from the push event', async () => {
    const api = createFakeBackend({ conversations: 30 });
    renderApp(api);
    await screen.findByTestId('filter-all');
    act(() => useInbox.getState().select(3, 2));
    await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe('3'));
    const reads = () => api.calls.filter((c) => c.name === 'conversation.get').length;
    const before = reads();
    act(() =>
      api.emit('message.new', {
        conversationId: 3,
        messageId: 3009,
        direction: 'seller-to-buyer',
        fromLabel: 'Holzwerkstatt',
        subject: 'Re: Hi',
      }),
    );
    await waitFor(() => expect(reads()).toBe(before + 1));
  });

  it('shows the relay stopping', async () => {
    const api = createFakeBackend();
    renderApp(api);
    await screen.findByTestId('relay-status');
    act(() =>
      api.emit('relay.status', {
        running: false,
        smtp: null,
        submission: null,
        outbound: 'local',
        error: 'port 2525 in use',
      }),
    );
    expect(screen.getByTestId('relay-status').textContent).toContain('port 2525 in use');
  });

  it('applies the theme and language of the settings', async () => {
    const api = createFakeBackend();
    const original = api['app.status'].getMockImplementation()!;
    api['app.status'].mockImplementation(async (input) => ({
      ...(await original(input)),
      ui: { language: 'de', theme: 'dark', notifications: true, startAtLogin: false, closeHintShown: false },
    }));
    renderApp(api);
    expect(await screen.findByRole('navigation', { name: 'Filter' })).toBeTruthy();
    expect(screen.getByTestId('filter-response-needed').textContent).toContain('Antwort erforderlich');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.lang).toBe('de');
  });

  it('r replies to the latest buyer message, c starts a new message to this buyer', async () => {
    const calls: unknown[] = [];
    useComposer.setState({
      openReply: (o: unknown) => void calls.push(['reply', o]),
      openNew: (o: unknown) => void calls.push(['new', o]),
    } as never);
    renderApp(createFakeBackend());
    await screen.findByTestId('filter-all');
    useInbox.getState().select(1, 0);
    await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe('1'));
    fireEvent.keyDown(window, { key: 'r' });
    fireEvent.keyDown(window, { key: 'c' });
    expect(calls).toEqual([
      ['reply', { conversationId: 1, replyToMessageId: 1002 }],
      ['new', { conversationId: 1, alias: 'b000001x7k2q9m1', orderId: '302-1000001-4400007' }],
    ]);
  });

  it('opens a draft from the Drafts filter in the composer', async () => {
    const api = createFakeBackend();
    const draft = savedDraft({ id: 5, alias: 'b000001x7k2q9m1', topic: 'other', subject: 'Your tray', body: 'Hi' });
    api['drafts.list'].mockResolvedValue([draft]);
    api['drafts.get'].mockResolvedValue(draft);
    renderApp(api);
    fireEvent.click(await screen.findByTestId('filter-drafts'));
    fireEvent.click(await screen.findByRole('button', { name: 'Open draft to Buyer (name unknown): Your tray' }));
    await waitFor(() => expect(useComposer.getState().form).toMatchObject({ draftId: 5, subject: 'Your tray' }));
    expect(api['drafts.get']).toHaveBeenCalledWith({ id: 5 });
  });
});
