// @vitest-environment jsdom
/** The filter counts read as words with the right plural: "1 conversation", "1 Unterhaltung", "2 Unterhaltungen". */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { useLanguage } from '../../i18n';
import { createFakeBackend } from '../../state/testing/fake-backend';

describe('filter counts', () => {
  useRendererTestEnv();

  it('say "1 conversation" and "2 conversations", and in German "1 Unterhaltung" and "2 Unterhaltungen"', async () => {
    renderApp(createFakeBackend({ conversations: 2 }));
    expect(await screen.findByRole('button', { name: 'Response needed, 1 conversation' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'All, 2 conversations' })).toBeTruthy();
    act(() => useLanguage.getState().setLanguage('de'));
    expect(await screen.findByRole('button', { name: 'Antwort erforderlich, 1 Unterhaltung' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Alle, 2 Unterhaltungen' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
  });
});
