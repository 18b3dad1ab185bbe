// @vitest-environment jsdom
/**
 * Settings → Log: "Open logs folder" asks the backend; the desktop app opened it (a line says where), the browser
 * cannot (the path is shown to copy); in German too.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { SettingsDialog } from './SettingsDialog';

const FOLDER = '/home/anna/.config/Parley/logs';
let api: FakeBackend;
let opens: boolean;

beforeEach(() => {
  opens = true;
  api = createFakeBackend({}, { 'app.openLogFolder': async () => ({ folder: FOLDER, opened: opens }) });
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null });
});
afterEach(() => cleanup());

async function openSection() {
  render(<SettingsDialog open onClose={() => {}} />);
  return screen.findByTestId('logs');
}

describe('Settings → Log', () => {
  it('opens the logs folder in the desktop app and says where it is', async () => {
    const section = await openSection();
    fireEvent.click(within(section).getByRole('button', { name: 'Open logs folder' }));
    expect((await within(section).findByRole('status')).textContent).toBe(`Opened in your file manager: ${FOLDER}`);
    expect(api.calls.filter((c) => c.name === 'app.openLogFolder')).toHaveLength(1);
  });

  it('shows the path to copy where the folder cannot be opened (the browser), in German', async () => {
    opens = false;
    useLanguage.setState({ language: 'de' });
    const section = await openSection();
    expect(within(section).getByText(/nie die Adresse eines Käufers oder ein Passwort/)).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Protokollordner öffnen' }));
    const path = await within(section).findByRole('textbox', {
      name: 'Der Browser kann keine Ordner öffnen. Das Protokoll liegt in diesem Ordner:',
    });
    expect((path as HTMLInputElement).value).toBe(FOLDER);
    expect((path as HTMLInputElement).readOnly).toBe(true);
  });
});
