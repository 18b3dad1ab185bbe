// @vitest-environment jsdom
/**
 * The smarthost's security and certificate in Settings: the security mode is a choice that rewrites the URL, a
 * self-signed certificate from "Test connection" offers "Trust this certificate", which tests again with the
 * fingerprint and saves it with Save; "Stop trusting it" clears it.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLanguage } from '../../i18n';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { SettingsDialog } from './SettingsDialog';

const FP = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');
const URL_587 = 'smtp://mail.shop.example:587';

let api: FakeBackend;
const withSmarthost = (fingerprint: string | null = null) =>
  appStatus({ relay: { ...appStatus().relay, smarthost: URL_587, smarthostFingerprint: fingerprint } });

beforeEach(() => {
  api = createFakeBackend(
    {},
    {
      'app.status': async () => withSmarthost(),
      'settings.update': async () => withSmarthost(),
      'smarthost.test': async ({ fingerprint }) =>
        fingerprint === FP
          ? { ok: true, message: `Connected to mail.shop.example:587 (TLS, SHA-256 ${FP})`, fingerprint: FP }
          : {
              ok: false,
              message: `mail.shop.example:587: The server shows a self-signed certificate (SHA-256 ${FP}).`,
              fingerprint: FP,
              trustable: true,
            },
    },
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null });
});
afterEach(() => cleanup());

async function openDialog() {
  render(<SettingsDialog open onClose={vi.fn()} />);
  await screen.findByRole('textbox', { name: /Smarthost URL/ });
}

describe('smarthost certificate and security in Settings', () => {
  it('offers "Trust this certificate" for a self-signed one, tests again with it and saves it', async () => {
    await openDialog();
    expect(screen.queryByTestId('smarthost-trust')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByTestId('smarthost-test-result')).textContent).toContain(`self-signed certificate`);
    expect(api['smarthost.test']).toHaveBeenLastCalledWith({ url: URL_587, fingerprint: null });

    fireEvent.click(screen.getByTestId('smarthost-trust'));
    await waitFor(() =>
      expect(screen.getByTestId('smarthost-test-result').textContent).toBe(
        `Connected: Connected to mail.shop.example:587 (TLS, SHA-256 ${FP})`,
      ),
    );
    expect(api['smarthost.test']).toHaveBeenLastCalledWith({ url: URL_587, fingerprint: FP });
    expect(screen.getByTestId('smarthost-trusted').textContent).toContain(`Trusted certificate: SHA-256 ${FP}`);
    expect(screen.queryByTestId('smarthost-trust')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api['settings.update']).toHaveBeenCalledWith({ relay: { smarthostFingerprint: FP } }));
  });

  it("shows the smarthost certificate problem of the running relay in the seller's language", async () => {
    const status = withSmarthost();
    status.relayStatus = {
      ...status.relayStatus,
      smarthostError: `the smarthost mail.shop.example presented a self-signed certificate (SHA-256 ${FP})`,
      smarthostErrorDetail: {
        key: 'smarthost.certSelfSigned',
        params: { host: 'mail.shop.example', fingerprint: FP },
      },
    };
    api['app.status'].mockImplementation(async () => status);
    useLanguage.setState({ language: 'de' });
    render(<SettingsDialog open onClose={vi.fn()} />);
    expect((await screen.findByTestId('smarthost-problem')).textContent).toBe(
      `Der Smarthost mail.shop.example zeigt ein selbstsigniertes Zertifikat (SHA-256 ${FP}). Wenn es Ihr eigener ` +
        'Server ist, vertrauen Sie diesem Zertifikat.',
    );
  });

  it('"Stop trusting it" clears a stored fingerprint', async () => {
    api['app.status'].mockImplementation(async () => withSmarthost(FP));
    await openDialog();
    fireEvent.click(await screen.findByRole('button', { name: 'Stop trusting it' }));
    expect(screen.queryByTestId('smarthost-trusted')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api['settings.update']).toHaveBeenCalledWith({ relay: { smarthostFingerprint: null } }));
  });

  it('shows the security mode and rewrites the URL when another is chosen', async () => {
    await openDialog();
    const mode = screen.getByRole('combobox', { name: 'Connection security' }) as HTMLSelectElement;
    expect(mode.value).toBe('starttls');
    expect([...mode.options].map((o) => o.textContent)).toEqual([
      'STARTTLS (required)',
      'TLS (port 465)',
      'None — mail crosses the network unencrypted',
    ]);
    fireEvent.change(mode, { target: { value: 'tls' } });
    expect((screen.getByRole('textbox', { name: /Smarthost URL/ }) as HTMLInputElement).value).toBe(
      'smtps://mail.shop.example:465',
    );
    fireEvent.change(mode, { target: { value: 'none' } });
    expect((screen.getByRole('textbox', { name: /Smarthost URL/ }) as HTMLInputElement).value).toBe(
      'smtp://mail.shop.example:587?starttls=never',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api['settings.update']).toHaveBeenCalledWith({
        relay: { smarthost: 'smtp://mail.shop.example:587?starttls=never' },
      }),
    );
  });
});
