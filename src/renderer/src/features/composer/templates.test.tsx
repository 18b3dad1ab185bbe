// @vitest-environment jsdom
/**
 * Saved replies in the composer: Ctrl+Shift+E opens the list, typing filters it, Enter inserts the template filled for
 * this conversation at the caret and names the variables left unfilled; a new message starts with the shop's signature.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateView } from '../../../../shared/contract';
import type { FakeBackend } from '../../state/testing/fake-backend';
import { Composer } from './Composer';
import { useComposer } from './store';
import { insertAt } from './templates';
import { composerApi, resetComposer } from './testing/fixtures';

const template = (id: number, name: string, body: string, extra: Partial<TemplateView> = {}): TemplateView => ({
  id,
  name,
  language: 'de',
  subject: '',
  body,
  updatedAt: '2025-03-01T10:00:00Z',
  warning: null,
  ...extra,
});

let api: FakeBackend;
beforeEach(() => {
  api = composerApi();
  resetComposer(api);
  api['signature.get'].mockImplementation(async ({ language }) => ({
    language: language ?? 'de',
    body: 'Viele Grüße\nHolzwerkstatt',
  }));
  api['templates.list'].mockResolvedValue([
    template(1, 'Lieferadresse', 'Hallo {buyerName}, bitte prüfen Sie die Adresse zu {orderId}.'),
    template(2, 'Gravur', 'Hallo {buyerName}, welcher Name soll auf {productName}?'),
    template(3, 'Bewertung', 'Bitte bewerten Sie uns.', {
      warning: {
        rules: ['R11', 'R12'],
        category: 'review-request',
        phrases: ['bewerten'],
      },
    }),
  ]);
  api['templates.fill'].mockImplementation(async ({ id }) => ({
    subject: '',
    body: id === 2 ? 'Hallo Anna Schmidt, welcher Name soll auf {productName}?' : 'x',
    missing: id === 2 ? ['productName'] : [],
  }));
});
afterEach(() => cleanup());

const body = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

describe('saved replies in the composer', () => {
  it('starts a new message with the signature, filters with Ctrl+Shift+E and inserts the filled text with Enter', async () => {
    render(<Composer />);
    await act(async () => {
      await useComposer.getState().openNew({ conversationId: 7 });
    });
    expect(body().value).toBe('\n\n-- \nViele Grüße\nHolzwerkstatt');
    expect(api['signature.get']).toHaveBeenCalledWith({ language: 'en' }); // the fake shop's language

    fireEvent.keyDown(body(), { key: 'E', ctrlKey: true, shiftKey: true });
    const filter = await screen.findByRole('searchbox', { name: 'Filter saved replies' });
    await screen.findByRole('option', { name: /Gravur/ });
    expect(screen.getByRole('option', { name: /Bewertung/ }).textContent).toContain('Policy warning');
    // The flag's words in the UI language with the shop's tag of the reply's language, no rule id.
    const flag = within(screen.getByRole('option', { name: /Bewertung/ })).getByTestId('template-option-flag');
    expect(flag.title).toBe(
      'This saved reply looks like a review or feedback request (“bewerten”). That is not needed to complete an order: ' +
        'sent with [Wichtig] or as “Additional information required”, it can cost your selling privileges.',
    );
    fireEvent.change(filter, { target: { value: 'gravur' } });
    const list = screen.getByRole('listbox', { name: 'Insert a saved reply' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('Gravur')]);
    fireEvent.keyDown(filter, { key: 'Enter' });

    await waitFor(() => expect(screen.queryByTestId('template-picker')).toBeNull());
    expect(api['templates.fill']).toHaveBeenCalledWith({
      id: 2,
      conversationId: 7,
      alias: undefined,
      orderId: undefined,
    });
    expect(body().value).toBe(
      'Hallo Anna Schmidt, welcher Name soll auf {productName}?\n\n-- \nViele Grüße\nHolzwerkstatt',
    );
    expect(screen.getByTestId('template-gaps').textContent).toContain('{productName}');
    // Replaced by hand: the note goes.
    fireEvent.change(body(), { target: { value: body().value.replace('{productName}', 'die Dose') } });
    expect(screen.queryByTestId('template-gaps')).toBeNull();
    expect(api['composer.send']).not.toHaveBeenCalled();
  });

  it('puts the text at the caret with blank lines around it', () => {
    expect(insertAt('', 0, 'A')).toEqual({ body: 'A', caret: 1 });
    expect(insertAt('\n\n-- \nSig', 0, 'A')).toEqual({ body: 'A\n\n-- \nSig', caret: 1 });
    expect(insertAt('Hi\nthere', 3, 'A').body).toBe('Hi\n\nA\nthere');
  });
});
