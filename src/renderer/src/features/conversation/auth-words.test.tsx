// @vitest-environment jsdom
/**
 * Words from codes in the German and the English UI: a buyer message's sender checks ("SPF: keine Angabe") and where
 * the relay hands outbound mail ("ins lokale Postfach"), never the relay's English ("SPF none", "local mailbox").
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../../shared/domain';
import { translate } from '../../i18n';
import { useInbox } from '../../state/inbox-store';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { outboundText, outboundWords } from '../../ui/outbound-words';
import { authText, authWords } from './auth-words';

function backend(language: Language): FakeBackend {
  const api = createFakeBackend();
  const status = api['app.status'].getMockImplementation()!;
  api['app.status'].mockImplementation(async (input) => ({
    ...(await status(input)),
    ui: { language, theme: 'light', notifications: true, startAtLogin: false, closeHintShown: false },
  }));
  return api;
}

const CASES = [
  {
    language: 'en' as const,
    auth: 'SPF: passed · DKIM: not set up · DMARC: passed',
    outbound: /outbound to the local mailbox \(mail\/\)/,
  },
  {
    language: 'de' as const,
    auth: 'SPF: bestanden · DKIM: keine Angabe · DMARC: bestanden',
    outbound: /Ausgang ins lokale Postfach \(mail\/\)/,
  },
];

describe("sender checks and the outbound way in the seller's language", () => {
  useRendererTestEnv();

  for (const c of CASES) {
    it(`words them from codes (${c.language})`, async () => {
      renderApp(backend(c.language));
      await screen.findByTestId('filter-all');
      await waitFor(() => expect(screen.getByTestId('relay-status').getAttribute('title')).toMatch(c.outbound));
      useInbox.getState().select(1, 0);
      await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe('1'));
      const first = (await within(screen.getByTestId('conversation')).findAllByTestId('message-auth'))[0];
      expect(first.textContent).toBe(c.auth);
    });
  }

  it('names every verdict, an unknown one with its code, and each outbound way', () => {
    const de = translate(authWords, 'de');
    expect(authText(de, { spf: 'softfail', dkim: 'FAIL', dmarc: 'temperror' })).toBe(
      'SPF: zweifelhaft (Softfail) · DKIM: nicht bestanden · DMARC: gerade nicht prüfbar',
    );
    expect(authText(translate(authWords, 'en'), { spf: 'bogus' })).toBe('SPF: unknown (bogus)');
    const to = translate(outboundWords, 'de');
    expect(outboundText(to, { outbound: 'x', outboundVia: { kind: 'smarthost', where: 'mail.example:587' } })).toBe(
      'über den Smarthost mail.example:587',
    );
    expect(outboundText(to, { outbound: 'x', outboundVia: { kind: 'not-started', where: null } })).toBe(
      'nicht gestartet',
    );
  });
});
