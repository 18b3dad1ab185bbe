// @vitest-environment jsdom
/**
 * Drafts survive a restart: the list shows the stored ones newest first, a click opens the
 * composer with the draft, Delete asks first, and the list follows what the composer stores.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DraftView } from '../../../../shared/contract';
import { useLanguage } from '../../i18n';
import { useComposer } from '../composer';
import type { FakeApi } from '../composer/fake-api';
import { composerApi, resetComposer, savedDraft } from '../composer/test-fixtures';
import { DraftsList } from './DraftsList';
import { useDrafts } from './store';

let api: FakeApi;
let stored: DraftView[];

beforeEach(() => {
  stored = [
    savedDraft(
      { id: 1, conversationId: 7, replyToMessageId: 11, subject: 'Re: Engraving', body: '\n\nOn …:\n> Hello' },
      '2025-03-01T09:00:00Z',
    ),
    savedDraft(
      {
        id: 2,
        alias: 't969vz2jn3bdsy7',
        orderId: '302-1',
        topic: 'other',
        important: true,
        subject: 'Your tray',
        body: 'Dear Anna',
        attachments: [{ sha256: 'c'.repeat(64), name: 'a.pdf', type: 'application/pdf', size: 10 }],
      },
      '2025-03-02T09:00:00Z',
    ),
  ];
  api = composerApi();
  api['drafts.list'].mockImplementation(async () => stored);
  api['drafts.get'].mockImplementation(async ({ id }) => stored.find((d) => d.id === id)!);
  api['drafts.delete'].mockImplementation(
    async ({ id }) => ((stored = stored.filter((d) => d.id !== id)), { ok: true }),
  );
  resetComposer(api);
  useDrafts.setState(useDrafts.getInitialState(), true);
});
afterEach(() => cleanup());

describe('DraftsList', () => {
  it('lists the stored drafts newest first', async () => {
    render(<DraftsList />);
    await screen.findByTestId('draft-2');
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.dataset.testid)).toEqual(['draft-2', 'draft-1']);
    expect(items[0].textContent).toContain('[Important] Your tray');
    expect(items[0].textContent).toContain('Dear Anna');
    expect(items[0].textContent).toContain('1 attachment');
    expect(items[1].textContent).toContain('Reply');
  });

  it('opens the composer with the draft on click', async () => {
    render(<DraftsList />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open draft: [Important] Your tray' }));
    await waitFor(() => expect(useComposer.getState().isOpen && !useComposer.getState().loading).toBe(true));
    expect(api['drafts.get']).toHaveBeenCalledWith({ id: 2 });
    expect(useComposer.getState().form).toMatchObject({
      draftId: 2,
      alias: 't969vz2jn3bdsy7',
      subject: 'Your tray',
      body: 'Dear Anna',
      topic: 'other',
    });
  });

  it('deletes only after a confirmation', async () => {
    render(<DraftsList />);
    const row = await screen.findByTestId('draft-1');
    fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Keep' }));
    expect(api['drafts.delete']).not.toHaveBeenCalled();
    fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Delete draft' }));
    await waitFor(() => expect(screen.queryByTestId('draft-1')).toBeNull());
    expect(api['drafts.delete']).toHaveBeenCalledWith({ id: 1 });
  });

  it('reads again when the composer stores a draft', async () => {
    render(<DraftsList />);
    await screen.findByTestId('draft-2');
    stored = [
      savedDraft({ id: 3, conversationId: 7, subject: 'Brand new', body: 'x' }, '2025-03-03T09:00:00Z'),
      ...stored,
    ];
    act(() => useComposer.setState((s) => ({ draftsVersion: s.draftsVersion + 1 })));
    expect((await screen.findByTestId('draft-3')).textContent).toContain('Brand new');
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    stored = [];
    render(<DraftsList />);
    expect((await screen.findByText(/Keine Entwürfe/)).textContent).toContain('bleibt hier');
  });
});
