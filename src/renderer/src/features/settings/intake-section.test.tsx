// @vitest-environment jsdom
/**
 * Settings → Mailbox (IMAP) as the seller uses it: each mailbox's state in words and live, "Check now", remove after
 * asking, the form (checked before a call, a pasted URL, test then connect), a certificate trusted by its fingerprint,
 * and the held messages with their reason, in English and German.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeldIntakeView, IntakeAccountView, IntakeStatus } from '../../../../shared/contract';
import { useLanguage } from '../../i18n';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { IntakeSection } from './IntakeSection';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const ACCOUNT: IntakeAccountView = {
  id: 7,
  sellerId: 'holzwerkstatt',
  host: 'imap.holz.example',
  port: 993,
  secure: true,
  user: 'relay@holz.example',
  folder: 'INBOX',
  auth: 'password',
  hasSecret: true,
  trustFingerprint: null,
  createdAt: '2026-03-12T09:00:00.000Z',
};
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
function state(change: Partial<IntakeStatus> = {}): IntakeStatus {
  return {
    accountId: 7,
    sellerId: 'holzwerkstatt',
    label: 'relay@holz.example@imap.holz.example · INBOX',
    state: 'idle',
    idleSupported: true,
    lastCheckAt: minutesAgo(1),
    nextRetryAt: null,
    lastError: null,
    recorded: 12,
    held: 1,
    ...change,
  };
}
const HELD: HeldIntakeView = {
  id: 1,
  accountId: 7,
  sellerId: 'holzwerkstatt',
  heldAt: '2026-03-12T10:00:00.000Z',
  subject: 'Frage zur Lieferung',
  recipient: 'unbekannt@relay.parley.localhost',
  size: 2048,
  reason: {
    code: 'EPOLICY',
    message: 'no such address',
    key: 'intake.unknownRecipient',
    params: { recipient: 'unbekannt@relay.parley.localhost' },
  },
};

let api: FakeBackend;
beforeEach(() => {
  api = createFakeBackend(
    {},
    {
      'intake.list': async () => [ACCOUNT],
      'intake.held': async () => [HELD],
      'intake.check': async () => ({ ok: true as const }),
      'intake.remove': async () => [],
    },
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: appStatus({ intake: [state()] }), error: null });
});
afterEach(() => cleanup());

const mailbox = () => screen.findByTestId('intake-account');
function open() {
  render(<IntakeSection />);
  return mailbox();
}

describe('IntakeSection', () => {
  it('shows each mailbox with its state in words, live as it changes', async () => {
    const box = await open();
    expect(box.textContent).toContain('relay@holz.example@imap.holz.example:993 · INBOX');
    expect(within(box).getByTestId('intake-state').textContent).toBe('Connected: new mail arrives at once (IDLE)');
    expect(box.textContent).toContain('Last check 1 min ago · 12 received, 1 held');

    // 'intake.status' reaches the store (app/events.ts): the open section follows.
    useAppStatus.getState().setIntakeStatus(state({ state: 'polling', idleSupported: false, pollSeconds: 30 }));
    await waitFor(() =>
      expect(within(box).getByTestId('intake-state').textContent).toBe(
        'Connected: checking every 30 s (the server has no IDLE)',
      ),
    );
    useAppStatus.getState().setIntakeStatus(
      state({
        state: 'retrying',
        nextRetryAt: new Date(new Date().setHours(14, 5, 0, 0)).toISOString(),
        lastError: { code: 'EDELIVERY', message: 'auth failed', key: 'intake.authFailed', params: {} },
      }),
    );
    await waitFor(() =>
      expect(within(box).getByTestId('intake-state').textContent).toBe(
        'Not connected: The mail server refused the user name or password of this mailbox. Retrying at 14:05.',
      ),
    );
  });

  it('checks now, and removes only after asking', async () => {
    const box = await open();
    fireEvent.click(within(box).getByRole('button', { name: 'Check now' }));
    expect(api['intake.check']).toHaveBeenCalledWith({ id: 7 });
    fireEvent.click(within(box).getByRole('button', { name: 'Remove' }));
    expect(api['intake.remove']).not.toHaveBeenCalled();
    expect(box.textContent).toContain('What was received stays in Parley');
    fireEvent.click(within(box).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(screen.queryByTestId('intake-account')).toBeNull());
    expect(api['intake.remove']).toHaveBeenCalledWith({ id: 7 });
    expect(screen.getByText(/No mailbox connected/)).toBeTruthy();
    expect(useAppStatus.getState().status?.intake).toEqual([]);
  });

  it('lists held messages with whom they were for and why, and where they stay', async () => {
    await open();
    const table = screen.getByTestId('intake-held');
    expect(table.textContent).toContain('Frage zur Lieferung');
    expect(table.textContent).toContain('unbekannt@relay.parley.localhost');
    expect(table.textContent).toContain('No shop or buyer here has the address unbekannt@relay.parley.localhost.');
    expect(screen.getByText(/stay in the Parley\/Held folder of your mailbox/)).toBeTruthy();
  });

  it('connects a mailbox: checked before any call, a pasted URL, test, then connect; the password is not kept', async () => {
    api['intake.list'].mockResolvedValue([]);
    api['intake.held'].mockResolvedValue([]);
    api['intake.test'].mockResolvedValue({ idleSupported: false, messages: 3 });
    api['intake.add'].mockImplementation(async () => ({ ...ACCOUNT, id: 8, folder: 'Käufer' }));
    render(<IntakeSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect a mailbox' }));
    const form = screen.getByRole('form', { name: 'Connect a mailbox' });
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(within(form).getAllByText('Required.')).toHaveLength(3); // server, login, password
    expect(api['intake.test']).not.toHaveBeenCalled();

    const server = within(form).getByLabelText(/IMAP server/);
    fireEvent.change(server, { target: { value: 'imap://relay@holz.example@imap.holz.example:1143' } });
    fireEvent.blur(server);
    expect((server as HTMLInputElement).value).toBe('imap.holz.example');
    expect((within(form).getByLabelText('Port') as HTMLInputElement).value).toBe('1143');
    expect((within(form).getByLabelText('Security') as HTMLSelectElement).value).toBe('starttls');
    expect((within(form).getByLabelText('Login') as HTMLInputElement).value).toBe('relay@holz.example');
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'geheim' } });
    fireEvent.change(within(form).getByLabelText('Folder'), { target: { value: 'Käufer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    const input = {
      url: 'imap://relay@holz.example@imap.holz.example:1143',
      folder: 'Käufer',
      password: 'geheim',
    };
    await waitFor(() => expect(api['intake.test']).toHaveBeenCalledWith(input));
    expect((await within(form).findByTestId('intake-test-result')).textContent).toBe(
      'Connected: Käufer holds 3 messages. The server has no IDLE: Parley checks regularly.',
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(api['intake.add']).toHaveBeenCalledWith(input));
    expect((await mailbox()).textContent).toContain('· Käufer');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows an untrusted certificate with its fingerprint and tests again trusting it', async () => {
    api['intake.test'].mockRejectedValueOnce({
      code: 'EDELIVERY',
      message: 'self-signed certificate',
      key: 'intake.certificate',
      params: { reason: 'cert.selfSigned', fingerprint: FINGERPRINT },
    });
    api['intake.test'].mockResolvedValueOnce({ idleSupported: true, messages: 0 });
    render(<IntakeSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect a mailbox' }));
    const form = screen.getByRole('form', { name: 'Connect a mailbox' });
    fireEvent.change(within(form).getByLabelText(/IMAP server/), { target: { value: 'mail.holz.example' } });
    fireEvent.change(within(form).getByLabelText('Login'), { target: { value: 'relay' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'geheim' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    const warning = await within(form).findByTestId('intake-certificate');
    expect(warning.textContent).toContain('not trusted (self-signed)');
    expect(warning.textContent).toContain(FINGERPRINT);
    fireEvent.click(within(warning).getByRole('button', { name: 'Trust this certificate' }));
    await waitFor(() =>
      expect(api['intake.test']).toHaveBeenLastCalledWith({
        url: 'imaps://relay@mail.holz.example:993',
        folder: 'INBOX',
        password: 'geheim',
        trustFingerprint: FINGERPRINT,
      }),
    );
    expect((await within(form).findByTestId('intake-test-result')).textContent).toContain('Connected');
    expect(within(form).getByTestId('intake-trusted').textContent).toContain(FINGERPRINT);
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    const box = await open();
    expect(screen.getByRole('heading', { name: 'Postfach (IMAP)' })).toBeTruthy();
    expect(within(box).getByTestId('intake-state').textContent).toBe('Verbunden: neue Post kommt sofort an (IDLE)');
    expect(box.textContent).toContain('Zuletzt geprüft vor 1 Min.');
    expect(within(box).getByRole('button', { name: 'Jetzt prüfen' })).toBeTruthy();
    expect(screen.getByTestId('intake-held').textContent).toContain(
      'Die Adresse unbekannt@relay.parley.localhost gehört hier zu keinem Shop und keinem Käufer.',
    );
  });
});
