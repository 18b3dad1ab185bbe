// @vitest-environment jsdom
/**
 * The subject and the [Important]/[Wichtig] box (R10d) never disagree: typing the tag ticks the box, deleting it
 * unticks it, ticking puts the tag in front and unticking takes it out, whatever the case or the spaces inside the
 * brackets. The subject is shown once: in its field, or as the reason makes it when there is no field.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../../state/testing/fake-backend';
import { Composer } from './Composer';
import { withImportant, withSubject, EMPTY_FORM } from './form';
import { useComposer } from './store';
import { composerApi, resetComposer } from './testing/fixtures';

let api: FakeBackend;

beforeEach(() => {
  api = composerApi();
  resetComposer(api);
});
afterEach(() => cleanup());

const subject = () => screen.getByTestId('composer-subject') as HTMLInputElement;
const box = () => screen.getByTestId('composer-important') as HTMLInputElement;

async function openNew(): Promise<void> {
  render(<Composer />);
  await act(async () => useComposer.getState().openNew({ conversationId: 7, orderId: '302-1111111-2222222' }));
}

describe('the [Important] box and the subject', () => {
  it('ticks when the tag is typed in the subject and unticks when it is deleted', async () => {
    await openNew();
    expect(box().checked).toBe(false);
    fireEvent.change(subject(), { target: { value: '[Important] Your tray' } });
    expect(box().checked).toBe(true);
    fireEvent.change(subject(), { target: { value: 'Your tray' } });
    expect(box().checked).toBe(false);
    await waitFor(() =>
      expect(api['composer.check'].mock.lastCall?.[0]).toMatchObject({ subject: 'Your tray', important: false }),
    );
  });

  it('ticking puts the tag in front of the subject, unticking takes it out again', async () => {
    await openNew();
    fireEvent.change(subject(), { target: { value: 'Your tray' } });
    fireEvent.click(box());
    expect(subject().value).toBe('[Important] Your tray');
    expect(box().checked).toBe(true);
    fireEvent.click(box());
    expect(subject().value).toBe('Your tray');
    expect(box().checked).toBe(false);
  });

  it('knows the tag in any case and with spaces inside the brackets, and tightens those to what counts', async () => {
    await openNew();
    fireEvent.change(subject(), { target: { value: 'Your tray [ wichtig ]' } });
    expect(box().checked).toBe(true);
    expect(subject().value).toBe('Your tray [wichtig]'); // R10d counts the word directly inside the brackets only
    fireEvent.click(box());
    expect(subject().value).toBe('Your tray');
  });

  it('shows the subject once: the field, and no second "subject the buyer sees" while there is a field', async () => {
    await openNew();
    fireEvent.change(subject(), { target: { value: 'Your tray' } });
    expect(screen.getAllByDisplayValue('Your tray')).toHaveLength(1);
    expect(screen.queryByTestId('subject-preview')).toBeNull();
    expect(screen.queryByText(/Your tray/)).toBeNull(); // not repeated as text anywhere
    // Left empty, the order number it would be sent under is said in the field itself.
    fireEvent.change(subject(), { target: { value: '' } });
    expect(subject().placeholder).toBe('Order 302-1111111-2222222');
    // A reason makes the subject: no field, the subject as it is sent is shown instead, once.
    fireEvent.change(screen.getByRole('combobox', { name: 'Reason' }), { target: { value: 'customization' } });
    expect(screen.queryByTestId('composer-subject')).toBeNull();
    fireEvent.click(box());
    expect(screen.getByTestId('subject-preview').textContent).toBe(
      '[Important] Question about customizing your order (order 302-1111111-2222222)',
    );
  });
});

describe('the sync rules', () => {
  it.each([
    ['[Wichtig] Gravur', true, '[Wichtig] Gravur'],
    ['[WICHTIG] Gravur', true, '[WICHTIG] Gravur'],
    ['Gravur [ Important ]', true, 'Gravur [Important]'],
    ['Gravur [Wichtig', false, 'Gravur [Wichtig'],
    ['Wichtig: Gravur', false, 'Wichtig: Gravur'],
  ])('typing %j: box %s, subject %j', (typed, ticked, kept) => {
    const form = withSubject(EMPTY_FORM, typed);
    expect(form.important).toBe(ticked);
    expect(form.subject).toBe(kept);
  });

  it('ticks in the marketplace language and unticks every spelling', () => {
    expect(withImportant({ ...EMPTY_FORM, subject: 'Gravur' }, true, 'de').subject).toBe('[Wichtig] Gravur');
    expect(withImportant({ ...EMPTY_FORM, subject: '[wichtig] Gravur [ Important ]' }, false, 'en').subject).toBe(
      'Gravur',
    );
  });
});
