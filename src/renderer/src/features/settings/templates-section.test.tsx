// @vitest-environment jsdom
/**
 * Settings → Saved replies: a reply that looks like a review request is flagged with words in the UI language (what it
 * looks like, what misuse costs), not the policy's prose or rule ids; R11 and R12 with their text sit behind "Why?".
 * Saving one shows the same warning at once; in German and in English.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateInput, TemplateView } from '../../../../shared/contract';
import { RULE_TEXT } from '../../../../shared/rules';
import { useLanguage } from '../../i18n';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { appStatus, createFakeBackend } from '../../state/testing/fake-backend';
import { SettingsDialog } from './SettingsDialog';

const REVIEW: TemplateView = {
  id: 3,
  name: 'Bewertung',
  language: 'de',
  subject: '',
  body: 'Bitte bewerten Sie uns.',
  updatedAt: '2026-12-01T10:00:00Z',
  warning: { rules: ['R11', 'R12'], category: 'review-request', phrases: ['bewerten'] },
};

beforeEach(() => {
  const api = createFakeBackend(
    {},
    {
      'templates.list': async () => [REVIEW],
      'templates.save': async (input: TemplateInput) => ({ ...REVIEW, id: 4, name: input.name }),
    },
  );
  setApi(api);
  useAppStatus.setState({ status: appStatus() });
  useLanguage.setState({ language: 'en' });
});
afterEach(() => cleanup());

async function section(): Promise<HTMLElement> {
  render(<SettingsDialog open onClose={() => {}} />);
  const templates = await screen.findByTestId('templates');
  await within(templates).findByText('Bewertung');
  return templates;
}

/** The warning's words without its "Why?". */
function words(note: HTMLElement): string {
  return note.querySelector('p')?.textContent ?? '';
}

describe('a flagged saved reply in Settings', () => {
  it('says in English what it looks like and what misuse costs; the rules only behind Why?', async () => {
    const templates = await section();
    const note = templates.querySelector('.template-warning') as HTMLElement;
    expect(words(note)).toBe(
      'This saved reply looks like a review or feedback request (“bewerten”). That is not needed to complete an ' +
        'order: sent with [Wichtig] or as “Additional information required”, it can cost your selling privileges.',
    );
    expect(words(note)).not.toMatch(/\bR1[12]\b/);
    const why = within(note).getByTestId('template-warning-why');
    expect(why.querySelector('summary')?.textContent).toBe('Why?');
    expect(why.textContent).toContain(RULE_TEXT.R11.en);
    expect(why.textContent).toContain(RULE_TEXT.R12.en);
  });

  it('says it in German, and the warning after saving one is German too', async () => {
    useLanguage.setState({ language: 'de' });
    const templates = await section();
    const note = templates.querySelector('.template-warning') as HTMLElement;
    expect(words(note)).toBe(
      'Diese gespeicherte Antwort sieht aus wie eine Bewertungsanfrage („bewerten“). Das ist für die Abwicklung einer ' +
        'Bestellung nicht nötig: Mit [Wichtig] oder als „Zusätzliche Informationen erforderlich“ gesendet, kann sie ' +
        'Ihre Verkaufsberechtigung kosten.',
    );
    expect(within(note).getByTestId('template-warning-why').textContent).toContain(RULE_TEXT.R11.de);

    fireEvent.click(within(templates).getByRole('button', { name: 'Neue gespeicherte Antwort' }));
    fireEvent.change(within(templates).getByRole('textbox', { name: 'Name' }), { target: { value: 'Noch eine' } });
    fireEvent.change(within(templates).getByRole('textbox', { name: 'Text' }), {
      target: { value: 'Bitte bewerten Sie uns.' },
    });
    fireEvent.click(within(templates).getByRole('button', { name: 'Speichern' }));
    const saved = await within(templates).findByTestId('template-warning');
    expect(words(saved)).toContain('sieht aus wie eine Bewertungsanfrage');
    expect(saved.textContent).not.toMatch(/looks like|R11\)/);
  });
});
