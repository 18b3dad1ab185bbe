// @vitest-environment jsdom
/**
 * First run: demo data with a spinner while setup.demo works, or a shop set up with a tested
 * smarthost; both end in onDone with the new status applied.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../../../../shared/contract';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { FirstRun } from './FirstRun';

let api: FakeBackend;
let onDone: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  api = createFakeBackend({}, { 'settings.update': async () => appStatus() });
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null, error: null });
  onDone = vi.fn<() => void>();
});
afterEach(() => cleanup());

describe('FirstRun', () => {
  it('says the relay needs nothing else to work', () => {
    render(<FirstRun onDone={onDone} />);
    expect(screen.getByText(/starts on loopback ports/)).toBeTruthy();
  });

  it('demo path: setup.demo with a spinner, then onDone', async () => {
    let finish!: (s: AppStatus) => void;
    api['setup.demo'].mockReturnValue(new Promise((r) => (finish = r)));
    render(<FirstRun onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Explore with demo data' }));
    expect(api['setup.demo']).toHaveBeenCalledWith({});
    expect(screen.getByRole('status').textContent).toContain('takes a few seconds');
    expect((screen.getByRole('button', { name: 'Explore with demo data' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onDone).not.toHaveBeenCalled();
    finish(appStatus());
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(useAppStatus.getState().status?.seller?.name).toBe('Holzwerkstatt');
  });

  it('demo path: a failure is shown and nothing moves on', async () => {
    api['setup.demo'].mockRejectedValue({ code: 'ESTORE', message: 'The store could not be written' });
    render(<FirstRun onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Explore with demo data' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Parley could not read or write its data.');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shop path: checks the fields, tests the smarthost, creates the shop', async () => {
    api['smarthost.test'].mockResolvedValue({ ok: true, message: '220 mail.example.com ESMTP ready' });
    api['setup.shop'].mockResolvedValue(appStatus());
    render(<FirstRun onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set up my shop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create my shop' }));
    expect(api['setup.shop']).not.toHaveBeenCalled();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['Required.', 'Not an e-mail address.']);
    fireEvent.change(screen.getByRole('textbox', { name: /Shop name/ }), { target: { value: 'Holzwerkstatt' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Customer-service address/ }), {
      target: { value: 'shop@holz.example' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Smarthost URL/ }), {
      target: { value: 'smtp://mail.example.com:587' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByTestId('smarthost-test-result')).textContent).toBe(
      'Connected: 220 mail.example.com ESMTP ready',
    );
    expect(api['smarthost.test']).toHaveBeenCalledWith({
      url: 'smtp://mail.example.com:587',
      user: undefined,
      password: undefined,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create my shop' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(api['setup.shop']).toHaveBeenCalledWith({
      name: 'Holzwerkstatt',
      email: 'shop@holz.example',
      language: 'en',
      smarthost: 'smtp://mail.example.com:587',
    });
  });

  it('keeps the language chosen here and speaks German', async () => {
    api['setup.demo'].mockResolvedValue(appStatus({ ui: { language: 'en', theme: 'system' } }));
    api['settings.update'].mockResolvedValue(appStatus({ ui: { language: 'de', theme: 'system' } }));
    render(<FirstRun onDone={onDone} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'de' } });
    expect(screen.getByRole('heading', { name: 'Willkommen bei Parley' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mit Beispieldaten starten' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api['settings.update']).toHaveBeenCalledWith({ ui: { language: 'de' } });
    expect(useLanguage.getState().language).toBe('de');
  });
});
