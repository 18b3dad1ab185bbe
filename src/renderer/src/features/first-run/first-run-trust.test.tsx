// @vitest-environment jsdom
/**
 * First run with a self-hosted smarthost: "Test connection" shows its self-signed certificate, "Trust this
 * certificate" tests again with the fingerprint, and the shop is created with it.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLanguage } from '../../i18n';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { FirstRun } from './FirstRun';

const FP = Array.from({ length: 32 }, (_, i) => (255 - i * 5).toString(16).toUpperCase().padStart(2, '0')).join(':');

let api: FakeBackend;
beforeEach(() => {
  api = createFakeBackend(
    {},
    {
      'settings.update': async () => appStatus(),
      'setup.shop': async () => appStatus(),
      'smarthost.test': async ({ fingerprint }) =>
        fingerprint === FP
          ? { ok: true, message: 'Connected to mail.shop.example:587', fingerprint: FP }
          : { ok: false, message: `self-signed certificate (SHA-256 ${FP})`, fingerprint: FP, trustable: true },
    },
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null, error: null });
});
afterEach(() => cleanup());

describe('FirstRun with a self-hosted smarthost', () => {
  it('trusts the self-signed certificate the test showed and creates the shop with it', async () => {
    const onDone = vi.fn();
    render(<FirstRun onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set up my shop' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Shop name/ }), { target: { value: 'Holzwerkstatt' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Customer-service address/ }), {
      target: { value: 'shop@holz.example' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Smarthost URL/ }), {
      target: { value: 'smtp://mail.shop.example:587' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByTestId('smarthost-test-result')).textContent).toContain('self-signed');
    fireEvent.click(screen.getByTestId('smarthost-trust'));
    await waitFor(() =>
      expect(screen.getByTestId('smarthost-test-result').textContent).toBe(
        'Connected: Connected to mail.shop.example:587',
      ),
    );
    expect(api['smarthost.test']).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: 'smtp://mail.shop.example:587', fingerprint: FP }),
    );
    expect(screen.getByTestId('smarthost-trusted').textContent).toBe(`Trusted certificate: SHA-256 ${FP}`);
    fireEvent.click(screen.getByRole('button', { name: 'Create my shop' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api['setup.shop']).toHaveBeenCalledWith({
      name: 'Holzwerkstatt',
      email: 'shop@holz.example',
      language: 'en',
      smarthost: 'smtp://mail.shop.example:587',
      smarthostFingerprint: FP,
    });
  });
});
