// @vitest-environment jsdom
/**
 * Settings → Relay domain: the current domain and the older ones still served; a change shows what happens first and
 * is sent only once confirmed; the seller's own words in German too.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServedDomain } from '../../../../shared/contract';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useLanguage } from '../../i18n';
import { appStatus, createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { SettingsDialog } from './SettingsDialog';

let api: FakeBackend;
let served: ServedDomain[];

beforeEach(() => {
  served = [
    { name: 'relay.holz.example', firstServedAt: '2026-04-01T08:00:00.000Z', current: true },
    { name: 'relay.parley.localhost', firstServedAt: '2026-01-05T09:00:00.000Z', current: false },
  ];
  const status = appStatus();
  status.relay.domain = 'relay.holz.example';
  api = createFakeBackend(
    {},
    {
      'app.status': async () => status,
      'domains.list': async () => served,
      'domains.set': async ({ domain }) => {
        served = [
          { name: domain, firstServedAt: '2026-06-01T08:00:00.000Z', current: true },
          ...served.map((d) => ({ ...d, current: false })),
        ];
        return {
          ...status,
          seller: { ...status.seller!, relayAddress: `holzwerkstatt@${domain}` },
          relay: { ...status.relay, domain },
        };
      },
    },
  );
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null });
});
afterEach(() => cleanup());

async function openSection() {
  render(<SettingsDialog open onClose={() => {}} />);
  return screen.findByTestId('relay-domain-section');
}

describe('Settings → Relay domain', () => {
  it('shows the current domain and the older ones that still take mail, with the day each began', async () => {
    const section = await openSection();
    expect(within(section).getByTestId('relay-domain').textContent).toBe('relay.holz.example');
    expect(await within(section).findByText(/Still served/)).toBeTruthy();
    const older = within(section).getByTestId('older-domains');
    expect(older.textContent).toContain('relay.parley.localhost');
    expect(older.textContent).toMatch(/since 5 Jan 2026/);
  });

  it('warns what changes before it changes anything, and changes only when confirmed', async () => {
    const section = await openSection();
    await within(section).findByTestId('older-domains');
    fireEvent.click(within(section).getByRole('button', { name: 'Change domain …' }));
    fireEvent.change(within(section).getByRole('textbox', { name: 'New relay domain' }), {
      target: { value: 'Mail.Holz.Example' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Continue' }));

    const warning = within(section).getByTestId('domain-warning');
    expect(warning.textContent).toContain(
      'New relay addresses, buyer aliases and reply addresses will use mail.holz.example.',
    );
    expect(warning.textContent).toContain('addresses under relay.holz.example, relay.parley.localhost still arrives');
    expect(warning.textContent).toContain('Your mail host must receive mail for mail.holz.example (its MX records)');
    expect(api.calls.filter((c) => c.name === 'domains.set')).toEqual([]);

    fireEvent.click(within(warning).getByRole('button', { name: 'Change to mail.holz.example' }));
    expect(await within(section).findByText('mail.holz.example')).toBeTruthy();
    expect(api.calls.filter((c) => c.name === 'domains.set')).toEqual([
      { name: 'domains.set', input: { domain: 'mail.holz.example' } },
    ]);
    expect(within(section).getByTestId('older-domains').textContent).toContain('relay.holz.example');
    expect(useAppStatus.getState().status?.relay.domain).toBe('mail.holz.example');
    expect(screen.getByTestId('relay-address').textContent).toBe('holzwerkstatt@mail.holz.example');
  });

  it('cancel and a name that is no domain send nothing', async () => {
    const section = await openSection();
    fireEvent.click(within(section).getByRole('button', { name: 'Change domain …' }));
    const field = within(section).getByRole('textbox', { name: 'New relay domain' });
    fireEvent.change(field, { target: { value: 'not a domain' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Continue' }));
    expect(within(section).getByText('Enter a domain name like relay.example.com.')).toBeTruthy();
    fireEvent.change(within(section).getByRole('textbox', { name: 'New relay domain' }), {
      target: { value: 'relay.holz.example' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Continue' }));
    expect(within(section).getByText('This is the current domain already.')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Cancel' }));
    expect(within(section).queryByRole('textbox', { name: 'New relay domain' })).toBeNull();
    expect(api.calls.filter((c) => c.name === 'domains.set')).toEqual([]);
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    const section = await openSection();
    await within(section).findByTestId('older-domains');
    expect(section.textContent).toContain('Aktuelle Domain (neue Adressen nutzen sie)');
    fireEvent.click(within(section).getByRole('button', { name: 'Domain ändern …' }));
    fireEvent.change(within(section).getByRole('textbox', { name: 'Neue Relay-Domain' }), {
      target: { value: 'mail.holz.example' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Weiter' }));
    expect(within(section).getByTestId('domain-warning').textContent).toContain(
      'Neue Relay-Adressen, Käufer-Aliasse und Antwortadressen nutzen dann mail.holz.example.',
    );
  });
});
