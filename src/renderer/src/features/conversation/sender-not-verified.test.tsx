// @vitest-environment jsdom
/**
 * "Sender not verified" on a buyer message whose From address nothing vouches for: a mark with
 * words in the seller's language, its explanation as a tooltip and behind "Why?"; no mark on the other messages.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../../shared/domain';
import { useInbox } from '../../state/inbox-store';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';

/** The fake backend, with the first message of every conversation marked as from an unverified sender. */
function backend(language: Language): FakeBackend {
  const api = createFakeBackend();
  const status = api['app.status'].getMockImplementation()!;
  api['app.status'].mockImplementation(async (input) => ({
    ...(await status(input)),
    ui: { language, theme: 'light', notifications: true, startAtLogin: false, closeHintShown: false },
  }));
  const get = api['conversation.get'].getMockImplementation()!;
  api['conversation.get'].mockImplementation(async (input) => {
    const detail = await get(input);
    detail.messages[0] = { ...detail.messages[0], senderNotVerified: true };
    return detail;
  });
  return api;
}

async function open(api: FakeBackend, id: number) {
  renderApp(api);
  await screen.findByTestId('filter-all');
  useInbox.getState().select(id, id - 1);
  await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe(String(id)));
  return screen.getByTestId('conversation');
}

const CASES = [
  {
    language: 'en' as const,
    mark: 'Sender not verified',
    why: 'Why?',
    explains:
      /envelope sender .* differs from the address in its From line.*does not vouch for it \(DMARC\).*may not be from them/,
  },
  {
    language: 'de' as const,
    mark: 'Absender nicht bestätigt',
    why: 'Warum?',
    explains:
      /Umschlag-Absender .* weicht von der Adresse in ihrer Von-Zeile ab.*bestätigt sie nicht \(DMARC\).*nicht von ihm/,
  },
];

describe('the "sender not verified" mark', () => {
  useRendererTestEnv();

  for (const c of CASES) {
    it(`shows on the unverified message only, with words and an explanation (${c.language})`, async () => {
      const pane = await open(backend(c.language), 1);
      const messages = await within(pane).findAllByTestId('message');
      const marked = messages[0];
      const mark = await within(marked).findByTestId('sender-not-verified');
      expect(mark.textContent).toContain(c.mark);
      expect(within(mark).getByText(c.mark).closest('[title]')?.getAttribute('title')).toMatch(c.explains);
      for (const other of messages.slice(1)) expect(within(other).queryByTestId('sender-not-verified')).toBeNull();

      const why = within(mark).getByRole('button', { name: c.why });
      expect(why.getAttribute('aria-expanded')).toBe('false');
      expect(within(mark).getByTestId('sender-not-verified-why').hidden).toBe(true);
      fireEvent.click(why);
      expect(why.getAttribute('aria-expanded')).toBe('true');
      const text = within(mark).getByTestId('sender-not-verified-why');
      expect(text.hidden).toBe(false);
      expect(text.textContent).toMatch(c.explains);
      expect(why.getAttribute('aria-controls')).toBe(text.id);
    });
  }
});
