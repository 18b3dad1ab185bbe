// @vitest-environment jsdom
/**
 * Drafts survive a restart: the list shows the stored ones newest first, a click asks the shell to
 * open the draft in the composer, Delete asks first, and the list reads again when the composer
 * stored a draft (a new version).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftView } from '../../../../shared/contract';
import { useLanguage } from '../../i18n';
import { setApi } from '../../state/backend';
import { createFakeBackend, savedDraft, type FakeBackend } from '../../state/testing/fake-backend';
import { DraftsList } from './DraftsList';
import { useDrafts } from './store';

let api: FakeBackend;
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
        conversationId: 7,
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
  api = createFakeBackend({ conversations: 0 });
  stored[1].buyerName = 'Anna Schmidt'; // the store names the buyer; the first has a conversation but no name
  api['drafts.list'].mockImplementation(async () => stored);
  api['drafts.delete'].mockImplementation(
    async ({ id }) => ((stored = stored.filter((d) => d.id !== id)), { ok: true }),
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useDrafts.setState(useDrafts.getInitialState(), true);
});
afterEach(() => cleanup());

/** The row of draft `id` (rows carry one test id, the draft's id beside it). */
const row = async (id: number) => {
  await screen.findAllByTestId('drafts-row');
  const found = screen.queryAllByTestId('drafts-row').find((r) => r.dataset.draftId === String(id));
  if (!found) throw new Error(`no row for draft ${id}`);
  return found;
};

describe('DraftsList', () => {
  it('lists the stored drafts newest first', async () => {
    render(<DraftsList version={0} onOpen={() => {}} />);
    await row(2);
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.dataset.draftId)).toEqual(['2', '1']);
    expect(items.map((i) => i.dataset.testid)).toEqual(['drafts-row', 'drafts-row']);
    expect(items[0].textContent).toContain('[Important] Your tray');
    expect(items[0].textContent).toContain('Dear Anna');
    expect(items[0].textContent).toContain('1 attachment');
    expect(items[1].textContent).toContain('Reply');
  });

  it('names the buyer, never the alias', async () => {
    render(<DraftsList version={0} onOpen={() => {}} />);
    expect(within(await row(2)).getByTestId('drafts-buyer').textContent).toBe('Anna Schmidt');
    expect(within(await row(1)).getByTestId('drafts-buyer').textContent).toBe('Buyer (name unknown)');
    for (const item of screen.getAllByTestId('drafts-row')) expect(item.textContent).not.toContain('t969vz2jn3bdsy7');
  });

  it('opens the draft on click', async () => {
    const onOpen = vi.fn();
    render(<DraftsList version={0} onOpen={onOpen} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open draft to Anna Schmidt: [Important] Your tray' }));
    expect(onOpen).toHaveBeenCalledWith(2);
  });

  it('deletes only after a confirmation', async () => {
    render(<DraftsList version={0} onOpen={() => {}} />);
    const first = await row(1);
    fireEvent.click(within(first).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(first).getByRole('button', { name: 'Keep' }));
    expect(api['drafts.delete']).not.toHaveBeenCalled();
    fireEvent.click(within(first).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(first).getByRole('button', { name: 'Delete draft' }));
    await waitFor(() => expect(screen.getAllByTestId('drafts-row')).toHaveLength(1));
    expect(screen.getByTestId('drafts-row').dataset.draftId).toBe('2');
    expect(api['drafts.delete']).toHaveBeenCalledWith({ id: 1 });
  });

  it('reads again when the composer stored a draft', async () => {
    const { rerender } = render(<DraftsList version={0} onOpen={() => {}} />);
    await row(2);
    stored = [
      savedDraft({ id: 3, conversationId: 7, subject: 'Brand new', body: 'x' }, '2025-03-03T09:00:00Z'),
      ...stored,
    ];
    rerender(<DraftsList version={1} onOpen={() => {}} />);
    await waitFor(() => expect(screen.getAllByTestId('drafts-row')).toHaveLength(3));
    expect((await row(3)).textContent).toContain('Brand new');
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    stored = [];
    render(<DraftsList version={0} onOpen={() => {}} />);
    expect((await screen.findByText(/Keine Entwürfe/)).textContent).toContain('bleibt hier');
  });
});
