// @vitest-environment jsdom
/**
 * Settings as the seller changes them: the R13 warning when bounce notices go off, only changed
 * fields are saved, mistakes are shown next to their field (locally and from EBADINPUT),
 * authorized senders (R7) change at once, secrets are write-only.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { fullTime } from '../../ui/format';
import { SettingsDialog } from './SettingsDialog';

let api: FakeBackend;
let onClose: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  api = createFakeBackend(
    {},
    {
      'app.status': async () => appStatus(),
      'settings.update': async () => appStatus(),
      'senders.add': async ({ email }) => ['helper@holz.example', email],
      'senders.remove': async () => [],
    },
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null });
  onClose = vi.fn<() => void>();
});
afterEach(() => cleanup());

async function openDialog() {
  render(<SettingsDialog open onClose={onClose} />);
  return screen.findByRole('textbox', { name: /Shop name/ });
}
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('SettingsDialog', () => {
  it('shows the relay address and the relay status', async () => {
    await openDialog();
    expect(screen.getByTestId('relay-address').textContent).toBe('holzwerkstatt@relay.parley.localhost');
    expect(screen.getByTestId('relay-status').textContent).toContain('Running — inbound 127.0.0.1:2525');
  });

  it('names the addresses and logins locked out of submission, until when, in English and German', async () => {
    const until = '2026-03-12T14:05:00.000Z';
    const locked = appStatus();
    locked.relayStatus = {
      ...locked.relayStatus,
      authLockouts: [
        { kind: 'address', key: '203.0.113.9', failures: 10, until },
        { kind: 'login', key: 'holzwerkstatt', failures: 30, until },
        { kind: 'login', key: '', failures: 31, until },
      ],
    };
    api['app.status'].mockImplementation(async () => locked);
    await openDialog();
    const items = within(screen.getByTestId('auth-lockouts'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    const time = fullTime(until, 'en');
    expect(items).toEqual([
      `Address 203.0.113.9: 10 failed logins, locked until ${time}`,
      `Login "holzwerkstatt": 30 failed logins, locked until ${time}`,
      `A login that is no shop's: 31 failed logins, locked until ${time}`,
    ]);
    cleanup();
    useLanguage.setState({ language: 'de' });
    render(<SettingsDialog open onClose={onClose} />);
    expect((await screen.findByTestId('auth-lockouts')).textContent).toContain(
      `Adresse 203.0.113.9: 10 fehlgeschlagene Anmeldungen, gesperrt bis ${fullTime(until, 'de')}`,
    );
  });

  it('lists postmaster mail and shows one as plain text, never as HTML', async () => {
    const mail = {
      id: 7,
      receivedAt: '2026-03-12T14:05:00.000Z',
      envelopeFrom: '',
      remoteAddress: '192.0.2.7',
      subject: 'Delivery report',
      size: 2048,
    };
    api['postmaster.list'].mockImplementation(async () => [mail]);
    api['postmaster.read'].mockImplementation(async () => ({
      ...mail,
      headers: 'From: MAILER-DAEMON@isp.example\r\nSubject: Delivery report',
      text: '<b>not bold</b> <img src=x onerror=alert(1)>',
    }));
    await openDialog();
    const section = await screen.findByTestId('postmaster');
    const row = await within(section).findByRole('row', { name: /Delivery report/ });
    expect(row.textContent).toContain(fullTime(mail.receivedAt, 'en'));
    expect(row.textContent).toContain('(none: a delivery report)');
    expect(row.textContent).toContain('2 KB');
    fireEvent.click(within(row).getByRole('button', { name: 'Delivery report' }));
    const message = await screen.findByTestId('postmaster-message');
    expect(api['postmaster.read']).toHaveBeenCalledWith({ id: 7 });
    expect(message.querySelector('pre')!.textContent).toContain('<b>not bold</b> <img src=x onerror=alert(1)>');
    expect(message.querySelector('b, img')).toBeNull();
  });

  it('says when nobody wrote to the postmaster, in German too', async () => {
    useLanguage.setState({ language: 'de' });
    render(<SettingsDialog open onClose={onClose} />);
    const section = await screen.findByTestId('postmaster');
    expect(await within(section).findByText('Keine Nachrichten an den Postmaster.')).toBeTruthy();
  });

  it('shows a lockout that begins while Settings is open (the relay status pushed by the backend)', async () => {
    await openDialog();
    expect(screen.queryByTestId('auth-lockouts')).toBeNull();
    const status = appStatus();
    useAppStatus.setState({ status });
    useAppStatus.getState().setRelayStatus({
      ...status.relayStatus,
      authLockouts: [{ kind: 'address', key: '203.0.113.9', failures: 10, until: '2026-03-12T14:05:00.000Z' }],
    });
    expect((await screen.findByTestId('auth-lockouts')).textContent).toContain('Address 203.0.113.9');
  });

  it('shows no lockout list while nobody is locked out', async () => {
    await openDialog();
    expect(screen.queryByTestId('auth-lockouts')).toBeNull();
  });

  it('warns (R13) when bounce notices are turned off, and saves just that', async () => {
    await openDialog();
    expect(screen.queryByTestId('r13-warning')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: /Bounce notices/ }));
    expect(screen.getByTestId('r13-warning').textContent).toContain(
      'cannot tell whether a message was blocked or delivered',
    );
    save();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ seller: { bounceNotices: false } });
  });

  it('sets the R11 check to "warn only", next to strict mode, and saves just that', async () => {
    await openDialog();
    const group = screen.getByRole('group', { name: 'When [Important] does not look necessary' });
    expect((within(group).getByRole('radio', { name: /^Ask me before it goes/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    fireEvent.click(within(group).getByRole('radio', { name: /^Warn only/ }));
    save();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ seller: { urgentCheck: 'warn-only' } });
  });

  it('shows a bad address next to its field before asking the backend', async () => {
    await openDialog();
    const email = screen.getByRole('textbox', { name: /Customer-service address/ });
    fireEvent.change(email, { target: { value: 'not an address' } });
    save();
    const field = email.closest('.field') as HTMLElement;
    expect(within(field).getByRole('alert').textContent).toBe('Not an e-mail address.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(api['settings.update']).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("puts the backend's EBADINPUT words next to the field they name", async () => {
    const issues = 'relay.smtp: port 99999 is out of range';
    api['settings.update'].mockRejectedValue({
      code: 'EBADINPUT',
      message: issues,
      key: 'input.invalid',
      params: { issues },
    });
    await openDialog();
    const smtp = screen.getByRole('textbox', { name: /Inbound SMTP/ });
    fireEvent.change(smtp, { target: { value: '127.0.0.1:9999' } });
    save();
    const field = smtp.closest('.field') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe('port 99999 is out of range');
    expect(api['settings.update']).toHaveBeenCalledWith({ relay: { smtp: '127.0.0.1:9999' } });
  });

  it('sends the TLS certificate, key and submission mode, and shows a key that is not the certificate’s next to it, in German', async () => {
    useLanguage.setState({ language: 'de' });
    api['settings.update'].mockRejectedValue({
      code: 'EBADINPUT',
      message: 'The key /k.pem does not belong to the certificate /c.pem',
      key: 'relay.tlsKeyMismatch',
      params: { cert: '/c.pem', key: '/k.pem' },
    });
    render(<SettingsDialog open onClose={onClose} />);
    const cert = await screen.findByRole('textbox', { name: /TLS-Zertifikat/ });
    fireEvent.change(cert, { target: { value: '/c.pem' } });
    const key = screen.getByRole('textbox', { name: /Privater TLS-Schlüssel/ });
    fireEvent.change(key, { target: { value: '/k.pem' } });
    fireEvent.change(screen.getByRole('combobox', { name: /Verschlüsselung am Einlieferungs-Port/ }), {
      target: { value: 'implicit' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const field = key.closest('.field') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe(
      'Der Schlüssel /k.pem gehört nicht zum Zertifikat /c.pem.',
    );
    expect(api['settings.update']).toHaveBeenCalledWith({
      relay: { tlsCert: '/c.pem', tlsKey: '/k.pem', submissionTls: 'implicit' },
    });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('adds and removes authorized senders (R7) at once', async () => {
    await openDialog();
    fireEvent.change(screen.getByRole('textbox', { name: 'Address to authorize' }), {
      target: { value: 'Packer@Holz.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await screen.findByText('packer@holz.example');
    expect(api['senders.add']).toHaveBeenCalledWith({ email: 'packer@holz.example' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove helper@holz.example' }));
    await waitFor(() => expect(screen.queryByText('helper@holz.example')).toBeNull());
    expect(api['senders.remove']).toHaveBeenCalledWith({ email: 'helper@holz.example' });
  });

  it('never shows a secret; a new password is sent only when typed', async () => {
    api['app.status'].mockResolvedValue(
      appStatus({
        relay: {
          ...appStatus().relay,
          smarthost: 'smtp://mail.example.com:587',
          smarthostUser: 'shop',
          hasSmarthostPassword: true,
        },
      }),
    );
    await openDialog();
    expect(screen.queryByLabelText('Smarthost password')).toBeNull();
    expect(screen.getAllByTestId('secret-state')[0].textContent).toBe('Set');
    fireEvent.click(screen.getAllByRole('button', { name: 'Change' })[0]);
    fireEvent.change(screen.getByLabelText('Smarthost password'), { target: { value: 's3cret' } });
    save();
    await waitFor(() =>
      expect(api['settings.update']).toHaveBeenCalledWith({ relay: { smarthostPassword: 's3cret' } }),
    );
  });

  it('applies a new language and theme to the window', async () => {
    api['settings.update'].mockResolvedValue(appStatus({ ui: { language: 'de', theme: 'dark' } }));
    await openDialog();
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'de' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    save();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ ui: { language: 'de', theme: 'dark' } });
    expect(useLanguage.getState().language).toBe('de');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(useAppStatus.getState().status?.ui.theme).toBe('dark');
  });

  it('saves the desktop switches: notifications off, start at login on', async () => {
    await openDialog();
    const notifications = screen.getByRole('checkbox', { name: /notification for each new buyer message/ });
    const login = screen.getByRole('checkbox', { name: /Start Parley when I log in/ });
    expect((notifications as HTMLInputElement).checked).toBe(true);
    expect((login as HTMLInputElement).checked).toBe(false);
    fireEvent.click(notifications);
    fireEvent.click(login);
    save();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ ui: { notifications: false, startAtLogin: true } });
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    render(<SettingsDialog open onClose={onClose} />);
    await screen.findByRole('textbox', { name: /Shopname/ });
    fireEvent.click(screen.getByRole('checkbox', { name: /Unzustellbarkeitsbenachrichtigung/ }));
    expect(screen.getByTestId('r13-warning').textContent).toContain('Ohne Unzustellbarkeitsbenachrichtigungen');
  });
});
