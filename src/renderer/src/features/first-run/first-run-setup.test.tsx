// @vitest-environment jsdom
/**
 * First run in the system's language, kept into the inbox; and a shop set up here ends with its mail-program login and
 * a password shown this once.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { FirstRun } from './FirstRun';

let api: FakeBackend;
let onDone: ReturnType<typeof vi.fn<() => void>>;

// What the backend says before any shop: no language stored, its default is English.
const firstRun = appStatus({ firstRun: true, seller: null, ui: { language: 'en', languageChosen: false } });

beforeEach(() => {
  api = createFakeBackend({ firstRun: true });
  setApi(api);
  useAppStatus.setState({ status: null, error: null });
  onDone = vi.fn<() => void>();
});
afterEach(() => cleanup());

describe('first run', () => {
  it("welcomes in the system's language, offers the switch, and keeps that language for the inbox", async () => {
    useLanguage.setState({ language: 'de' }); // navigator.language (the app's locale in Electron): German
    useAppStatus.getState().applyStatus(firstRun);
    api['setup.demo'].mockResolvedValue(appStatus({ ui: { language: 'en', languageChosen: false } }));
    api['settings.update'].mockResolvedValue(appStatus({ ui: { language: 'de', languageChosen: true } }));
    render(<FirstRun onDone={onDone} />);

    expect(screen.getByRole('heading', { name: 'Willkommen bei Parley' })).toBeTruthy();
    expect((screen.getByTestId('welcome-language') as HTMLSelectElement).value).toBe('de');
    fireEvent.click(screen.getByRole('button', { name: 'Mit Beispieldaten starten' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ ui: { language: 'de' } });
    expect(useLanguage.getState().language).toBe('de');
  });

  it('a new shop takes the language of the welcome as its default', async () => {
    useLanguage.setState({ language: 'de' });
    useAppStatus.getState().applyStatus(firstRun);
    api['setup.shop'].mockResolvedValue(appStatus());
    render(<FirstRun onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Meinen Shop einrichten' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Shopname/ }), { target: { value: 'Holzwerkstatt' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Kundenservice/ }), {
      target: { value: 'shop@holz.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Shop anlegen' }));
    await waitFor(() => expect(api['setup.shop']).toHaveBeenCalled());
    expect(api['setup.shop'].mock.calls[0][0]).toMatchObject({ language: 'de' });
  });

  it('ends a new shop with its mail-program login and a password shown once', async () => {
    useLanguage.setState({ language: 'en' });
    useAppStatus.getState().applyStatus(firstRun);
    const mailClient = { host: '127.0.0.1', port: 2587, security: 'none' as const, user: 'holzwerkstatt' };
    api['setup.shop'].mockResolvedValue(appStatus({ mailClient }));
    api['seller.resetPassword'].mockResolvedValue({ user: 'holzwerkstatt', password: 'n3w-Secret-once' });
    const { unmount } = render(<FirstRun onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set up my shop' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Shop name/ }), { target: { value: 'Holzwerkstatt' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Customer-service address/ }), {
      target: { value: 'shop@holz.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create my shop' }));

    const block = await screen.findByTestId('client-setup');
    expect(screen.getByTestId('client-setup-host').textContent).toBe('127.0.0.1');
    expect(screen.getByTestId('client-setup-port').textContent).toBe('2587');
    expect(screen.getByTestId('client-setup-security').textContent).toBe('None (only this computer can connect)');
    expect(screen.getByTestId('client-setup-user').textContent).toBe('holzwerkstatt');
    expect(screen.getByTestId('client-setup-password').textContent).toBe('n3w-Secret-once');
    expect(block.textContent).toContain('shown only this once');
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('first-run-done'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    unmount();
    expect(JSON.stringify(useAppStatus.getState())).not.toContain('n3w-Secret-once');
  });
});
