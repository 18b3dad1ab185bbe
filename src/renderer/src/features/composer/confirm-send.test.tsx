// @vitest-environment jsdom
/**
 * R11 asks first, in the composer: when the live check says a message would be held, Send opens
 * a confirmation instead of sending — the R11 words, the category and the deciding phrases, Cancel
 * focused, "Send anyway" a separate button that sends with `confirm: true`. The backend's ECONFIRM
 * (the check was not current) opens it too. The dry-run panel shows the category in words, how
 * sure, the phrases on either side, and the rule ids behind "Why?".
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DryRun } from '../../../../shared/contract';
import { useLanguage } from '../../i18n';
import { Composer } from './Composer';
import type { FakeBackend } from '../../state/testing/fake-backend';
import { useComposer } from './store';
import { composerApi, dryRun, openReply, resetComposer } from './testing/fixtures';

let api: FakeBackend;

const HOLD_WORDS =
  '"[Important]" is only for messages needed to complete an order: customization questions, delivery scheduling and address problems. ' +
  'This message looks like a review or feedback request ("leave us a review"). Misusing it can cost your selling privileges. ' +
  'If it really is needed, confirm with "Send anyway"; otherwise remove "[Important]".';

/** What the relay's evaluate says about a confident review request marked [Important] to an opted-out buyer. */
function heldCheck(): DryRun {
  return dryRun(
    {
      verdict: 'hold',
      rules: ['R10d', 'R11'],
      reasons: [
        {
          rule: 'R10d',
          code: 'important-tag',
          message: 'The buyer opted out of unsolicited seller messages, but the subject carries [Important].',
        },
        { rule: 'R11', code: 'important-needs-confirmation', message: HOLD_WORDS },
      ],
      category: {
        category: 'review-request',
        necessary: false,
        confidence: 0.97,
        phrases: ['leave us a review', 'five stars'],
        language: 'en',
        runnerUp: 'delivery-scheduling',
        against: ['this week'],
        unsure: false,
        context: ['the order is handmade'],
      },
      warnings: [
        {
          rule: 'R11',
          code: 'important-not-necessary',
          message: HOLD_WORDS.slice(0, HOLD_WORDS.indexOf(' If it really')),
        },
      ],
    },
    '[Important] Re: Engraving',
  );
}

const sent = (confirmed: DryRun) => ({
  messageId: 90,
  conversationId: 7,
  state: 'queued' as const,
  decision: { ...confirmed.decision, verdict: 'deliver' as const },
});

beforeEach(() => {
  api = composerApi();
  resetComposer(api);
});
afterEach(() => cleanup());

const body = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

async function openHeld(): Promise<void> {
  api['composer.check'].mockResolvedValue(heldCheck());
  render(<Composer />);
  await openReply();
  await screen.findByText('Asks first: Send needs your confirmation');
}

describe('Send on a message R11 would hold', () => {
  it('does not send: it asks, with the reason in words, the category and its phrases; Cancel has the focus and sends nothing', async () => {
    await openHeld();
    fireEvent.click(screen.getByRole('button', { name: /^Send$/ }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Send this message anyway?' });
    expect(api['composer.send']).not.toHaveBeenCalled();
    expect(dialog.textContent).toContain('if it really is needed, confirm with “Send anyway”');
    expect(dialog.textContent).toContain('a review or feedback request');
    expect(dialog.textContent).toContain('97 % sure');
    expect(within(dialog).getByText('leave us a review').tagName).toBe('Q');
    expect(dialog.textContent).toContain('Speaking for delivery scheduling instead');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Enter on the focused Cancel, Ctrl+Enter and Esc never send.
    fireEvent.keyDown(dialog, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api['composer.send']).not.toHaveBeenCalled();
    expect(screen.getByTestId('composer')).toBeTruthy();
  });

  it('"Send anyway" sends it with confirm: true and closes the composer', async () => {
    await openHeld();
    api['composer.send'].mockResolvedValue(sent(heldCheck()));
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByRole('alertdialog');
    // Tab stays inside: from Cancel to "Send anyway" and round again.
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Send anyway' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(screen.queryByTestId('composer')).toBeNull());
    expect(api['composer.send']).toHaveBeenCalledTimes(1);
    expect(api['composer.send'].mock.calls[0][0]).toMatchObject({ conversationId: 7, confirm: true });
    expect(screen.getByTestId('sent-toast').textContent).toContain('Queued');
  });

  it('asks too when the backend says so (ECONFIRM) although the check was not current, and sends nothing until confirmed', async () => {
    render(<Composer />);
    await openReply();
    await screen.findByText('Will be delivered');
    api['composer.check'].mockResolvedValue(heldCheck());
    api['composer.send'].mockRejectedValueOnce({
      code: 'ECONFIRM',
      message: `Not sent yet: R11: ${HOLD_WORDS}`,
      key: 'send.confirm',
      params: { reasons: `R11: ${HOLD_WORDS}` },
    });
    fireEvent.change(body(), { target: { value: 'Please leave us a review!' } });
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true }); // before the dry run of the new text
    const dialog = await screen.findByRole('alertdialog');
    await waitFor(() => expect(dialog.textContent).toContain('97 % sure'));
    expect(screen.queryByTestId('send-error')).toBeNull();
    api['composer.send'].mockResolvedValue(sent(heldCheck()));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(api['composer.send']).toHaveBeenCalledTimes(2));
    expect(api['composer.send'].mock.calls[0][0]).not.toHaveProperty('confirm');
    expect(api['composer.send'].mock.calls[1][0]).toMatchObject({ body: 'Please leave us a review!', confirm: true });
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    await act(async () => undefined);
    api['composer.check'].mockResolvedValue(heldCheck());
    render(<Composer />);
    await openReply();
    await screen.findByText('Fragt zuerst: Senden braucht Ihre Bestätigung');
    fireEvent.click(screen.getByRole('button', { name: /^Senden$/ }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Diese Nachricht trotzdem senden?' });
    expect(within(dialog).getByRole('button', { name: 'Trotzdem senden' })).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    expect(dialog.textContent).toContain('eine Bewertungsanfrage');
  });
});

describe('the dry-run panel on such a message', () => {
  it('shows the category in words, how sure, the deciding phrases and, smaller, those for the runner-up; rule ids behind "Why?"', async () => {
    await openHeld();
    const panel = screen.getByRole('complementary', { name: /Policy check/ });
    // Said once, in the summary: the held message's words are the warning and what to do about it.
    expect(within(panel).queryByTestId('dryrun-r11')).toBeNull();
    expect(within(panel).getByTestId('dry-run-summary').textContent).toContain('confirm with “Send anyway”');
    const category = within(panel).getByTestId('dryrun-category');
    expect(category.textContent).toContain(
      'Looks like: a review or feedback request — not needed to complete the order, 97 % sure',
    );
    expect(category.textContent).toContain('Because of: leave us a reviewfive stars');
    expect(category.querySelector('.composer-against')?.textContent).toBe(
      'Speaking for delivery scheduling instead: this week',
    );
    const why = panel.querySelector('details') as HTMLDetailsElement;
    expect(why.open).toBe(false);
    expect(why.querySelector('summary')?.textContent).toBe('Why?');
    expect(why.textContent).toContain('R10d');
    expect(why.textContent).toContain('R11');
    expect(why.textContent).toContain('the order is handmade');
    expect(why.textContent).toContain('R12');
    // The words come first: no rule id outside "Why?".
    expect(category.textContent).not.toMatch(/\bR1\d/);
    const outside = [...panel.querySelectorAll('.composer-rules li')]
      .filter((li) => !why.contains(li))
      .map((li) => li.textContent);
    expect(outside.join(' ')).not.toMatch(/\bR1\d/);
  });

  it('says "not sure" and gives the best guess when the classifier is not confident', async () => {
    api['composer.check'].mockResolvedValue(
      dryRun({
        verdict: 'deliver',
        category: {
          category: 'other',
          necessary: null,
          confidence: 0.38,
          phrases: ['feedback'],
          language: 'en',
          unsure: true,
          guess: 'review-request',
          runnerUp: 'customization',
          against: [],
        },
      }),
    );
    render(<Composer />);
    await openReply();
    const category = await screen.findByTestId('dryrun-category');
    expect(category.textContent).toContain('Looks like: not sure (best guess: a review or feedback request, 38 %)');
    expect(useComposer.getState().confirm).toBeNull();
  });
});
