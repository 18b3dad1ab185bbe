// @vitest-environment jsdom
/**
 * Settings as a seller connecting a mail program: the login and the rest of the client setup, a password reset shown
 * once; the relay ports that run, those given on the command line shown as such and left alone by Save; and in the
 * browser a new link for this inbox.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../../../../shared/contract';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { SettingsDialog } from './SettingsDialog';

let api: FakeBackend;
let status: AppStatus;

const mailClient = { host: '127.0.0.1', port: 40587, security: 'starttls' as const, user: 'holzwerkstatt' };

beforeEach(() => {
  status = appStatus({ mailClient });
  api = createFakeBackend({}, { 'app.status': async () => status, 'settings.update': async () => status });
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null });
});
afterEach(() => cleanup());

async function openDialog() {
  const view = render(<SettingsDialog open onClose={vi.fn()} />);
  await screen.findByRole('textbox', { name: /Shop name/ });
  return view;
}

describe('Settings: mail program', () => {
  it('shows the login and the client setup, and a reset password once', async () => {
    api['seller.resetPassword'].mockResolvedValue({ user: 'holzwerkstatt', password: 'fresh-Pass-123' });
    const view = await openDialog();
    expect(screen.getByTestId('client-setup-host').textContent).toBe('127.0.0.1');
    expect(screen.getByTestId('client-setup-port').textContent).toBe('40587');
    expect(screen.getByTestId('client-setup-security').textContent).toBe('STARTTLS');
    expect(screen.getByTestId('client-setup-user').textContent).toBe('holzwerkstatt');
    expect(screen.queryByTestId('client-setup-password')).toBeNull();

    fireEvent.click(screen.getByTestId('reset-password'));
    expect(api['seller.resetPassword']).not.toHaveBeenCalled(); // asks first: the old password stops working
    fireEvent.click(screen.getByTestId('reset-password-confirm'));
    expect((await screen.findByTestId('client-setup-password')).textContent).toBe('fresh-Pass-123');

    view.unmount();
    await openDialog();
    expect(screen.queryByTestId('client-setup-password')).toBeNull();
    expect(JSON.stringify(useAppStatus.getState())).not.toContain('fresh-Pass-123');
  });

  it('shows the German words', async () => {
    useLanguage.setState({ language: 'de' });
    render(<SettingsDialog open onClose={vi.fn()} />);
    await screen.findByTestId('client-setup');
    expect(screen.getByRole('heading', { name: 'Mailprogramm' })).toBeTruthy();
    expect(screen.getByTestId('reset-password').textContent).toBe('Passwort zurücksetzen');
  });
});

describe('Settings: relay ports', () => {
  it('shows the ports given on the command line as such, and Save of the theme leaves the relay alone', async () => {
    status = appStatus({ mailClient });
    status.relay = { ...status.relay, commandLine: { smtp: '127.0.0.1:0', submission: '127.0.0.1:0' } };
    status.relayStatus = { ...status.relayStatus, smtp: '127.0.0.1:40025', submission: '127.0.0.1:40587' };
    await openDialog();
    const smtp = screen.getByTestId('listener-smtp');
    expect((smtp.querySelector('input') as HTMLInputElement).value).toBe('127.0.0.1:40025');
    expect((smtp.querySelector('input') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByTestId('listener-smtp-command-line').textContent).toContain(
      'Set by the command line (--smtp 127.0.0.1:0)',
    );
    expect((screen.getByTestId('listener-submission').querySelector('input') as HTMLInputElement).value).toBe(
      '127.0.0.1:40587',
    );

    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api['settings.update']).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ ui: { theme: 'dark' } });
  });

  it('says where the relay runs when it is not the stored port', async () => {
    status.relay = { ...status.relay, smtp: '127.0.0.1:0' };
    status.relayStatus = { ...status.relayStatus, smtp: '127.0.0.1:40025' };
    await openDialog();
    expect(screen.getByTestId('listener-smtp').textContent).toContain('Running now on 127.0.0.1:40025.');
  });
});

describe('Settings: the link to this inbox (browser)', () => {
  it('makes a new link and shows it', async () => {
    api['bridge.newLink'].mockResolvedValue({ token: 'n'.repeat(43) });
    await openDialog();
    fireEvent.click(screen.getByTestId('bridge-new-link'));
    expect((await screen.findByTestId('bridge-link-url')).textContent).toBe(
      `${location.origin}/#token=${'n'.repeat(43)}`,
    );
  });
});
