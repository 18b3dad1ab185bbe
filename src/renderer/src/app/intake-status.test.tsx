// @vitest-environment jsdom
/**
 * The IMAP intake in the top bar: nothing without a mailbox; connected with the last check as "1 min ago" /
 * "vor 1 Min."; an error in words, live from 'intake.status'; and first run's optional mailbox step, with Settings'
 * own form, or skipped.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IntakeStatus } from '../../../shared/contract';
import { useLanguage } from '../i18n';
import { appStatus, createFakeBackend } from '../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from './testing/setup';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const connected: IntakeStatus = {
  accountId: 1,
  sellerId: 'holzwerkstatt',
  label: 'relay@imap.holz.example · INBOX',
  state: 'idle',
  idleSupported: true,
  lastCheckAt: minutesAgo(1),
  nextRetryAt: null,
  lastError: null,
  recorded: 0,
  held: 0,
};

describe('the intake in the top bar', () => {
  useRendererTestEnv();

  it('is not there without a mailbox', async () => {
    renderApp(createFakeBackend());
    await screen.findByTestId('relay-status');
    expect(screen.queryByTestId('intake-status')).toBeNull();
  });

  it('shows the state from the first paint, then follows intake.status: connected, an error in words, the last check', async () => {
    const api = createFakeBackend({}, { 'app.status': async () => appStatus({ intake: [connected] }) });
    renderApp(api);
    const bar = await screen.findByTestId('intake-status');
    expect(bar.dataset.state).toBe('ok');
    // Waiting with IDLE, new mail arrives at once: a last-check time would only age.
    expect(bar.textContent).toBe('Mailbox connected');
    expect(bar.title).toBe('relay@imap.holz.example · INBOX: Connected: new mail arrives at once (IDLE)');
    act(() =>
      api.emit('intake.status', {
        ...connected,
        state: 'retrying',
        nextRetryAt: minutesAgo(-1),
        lastError: {
          code: 'EDELIVERY',
          message: 'unreachable',
          key: 'intake.unreachable',
          params: { host: 'imap.holz.example' },
        },
      }),
    );
    expect(screen.getByTestId('intake-status').dataset.state).toBe('error');
    expect(screen.getByTestId('intake-status').textContent).toBe(
      'Mailbox: The mail server imap.holz.example cannot be reached.',
    );
    act(() => useLanguage.getState().setLanguage('de'));
    expect(screen.getByTestId('intake-status').textContent).toBe(
      'Postfach: Der Mailserver imap.holz.example ist nicht erreichbar.',
    );
    act(() =>
      api.emit('intake.status', { ...connected, state: 'polling', idleSupported: false, lastCheckAt: minutesAgo(3.5) }),
    );
    expect(screen.getByTestId('intake-status').textContent).toBe('Postfach verbunden · vor 3 Min.');
  });
});

describe('first run: where buyer mail arrives', () => {
  useRendererTestEnv();

  async function createShop() {
    const api = createFakeBackend({ firstRun: true });
    api['setup.shop'].mockImplementation(async () => {
      api['app.status'].mockResolvedValue(appStatus()); // a shop now: no longer a first run
      return appStatus();
    });
    renderApp(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Set up my shop' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Shop name/ }), { target: { value: 'Holzwerkstatt' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Customer-service address/ }), {
      target: { value: 'shop@holz.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create my shop' }));
    return { api, step: await screen.findByTestId('first-run-mailbox') };
  }

  it('asks after the shop is set up, and connects a mailbox with the Settings form', async () => {
    const { api, step } = await createShop();
    expect(within(step).getByRole('heading', { name: 'Where does buyer mail arrive?' })).toBeTruthy();
    expect(step.textContent).toContain('buyers write to holzwerkstatt@relay.parley.localhost');
    expect(step.textContent).toContain('the relay at 127.0.0.1:2525');
    expect(screen.queryByRole('navigation', { name: 'Filters' })).toBeNull();
    api['intake.add'].mockResolvedValue({
      id: 1,
      sellerId: 'holzwerkstatt',
      host: 'imap.holz.example',
      port: 993,
      secure: true,
      user: 'relay',
      folder: 'INBOX',
      auth: 'password',
      hasSecret: true,
      trustFingerprint: null,
      createdAt: new Date().toISOString(),
    });
    const form = await within(step).findByRole('form', { name: 'Connect a mailbox' });
    fireEvent.change(within(form).getByLabelText(/IMAP server/), { target: { value: 'imap.holz.example' } });
    fireEvent.change(within(form).getByLabelText('Login'), { target: { value: 'relay' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'geheim' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('navigation', { name: 'Filters' })).toBeTruthy();
    expect(api['intake.add']).toHaveBeenCalledWith({
      url: 'imaps://relay@imap.holz.example:993',
      folder: 'INBOX',
      password: 'geheim',
    });
  });

  it('can be skipped', async () => {
    const { api, step } = await createShop();
    fireEvent.click(within(step).getByRole('button', { name: 'Skip for now' }));
    await waitFor(() => expect(screen.queryByTestId('first-run-mailbox')).toBeNull());
    expect(await screen.findByRole('navigation', { name: 'Filters' })).toBeTruthy();
    expect(api['intake.add']).not.toHaveBeenCalled();
  });
});
