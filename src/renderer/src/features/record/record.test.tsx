// @vitest-environment jsdom
/**
 * R21: "Export record" in the conversation header and on each order row asks the backend for the
 * zip, hands it to the browser as a download under its name, and says so in a toast, how to verify it behind Details.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { useInbox } from '../../state/inbox-store';
import { useView } from '../../state/view-store';
import { useLanguage } from '../../i18n';
import { SHOWN_MS } from './ExportToast';
import { base64ToBytes } from './save-file';

describe('Export record', () => {
  useRendererTestEnv();
  const downloads: { name: string; href: string }[] = [];
  let blobs: Blob[];
  beforeEach(() => {
    useView.setState(useView.getInitialState(), true);
    downloads.length = 0;
    blobs = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, href: this.href });
    });
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return `blob:test/${blobs.length}`;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('from the conversation header: downloads the zip and names the verify command and head hash', async () => {
    const api = createFakeBackend({ conversations: 20 });
    renderApp(api);
    useInbox.getState().select(7);
    fireEvent.click(await screen.findByTestId('export-record-button'));

    const result = await screen.findByTestId('export-record-result');
    expect(api.calls.find((c) => c.name === 'record.export')?.input).toEqual({ conversationId: 7 });
    expect(downloads).toEqual([{ name: 'record-7.zip', href: 'blob:test/1' }]);
    expect(blobs[0].type).toBe('application/zip');
    // the bytes, not the base64
    expect(new Uint8Array(await blobs[0].arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0x50, 0x4b, 0x05, 0x06]));
    // Plain words first; the hash and the command behind "Details".
    expect(result.textContent).toMatch(
      /^Record saved: record-7\.zip5 messages, 8 files, with a list of checksums that proves it complete\.Details/,
    );
    const head = within(result).getByTestId('export-record-head');
    expect(head.textContent).toBe('ab'.repeat(32));
    expect(head.closest('[hidden]')).not.toBeNull();
    fireEvent.click(within(result).getByRole('button', { name: 'Details' }));
    expect(head.closest('[hidden]')).toBeNull();
    expect(result.textContent).toContain('To check it in a terminal: parley verify --export record-7.zip');
    // A toast of its own, not a line inside the header's row of buttons (which would grow with it).
    expect(screen.getByTestId('reply-button').parentElement!.contains(result)).toBe(false);
    expect(screen.getByTestId('export-result').contains(result)).toBe(true);
    fireEvent.click(within(screen.getByTestId('export-result')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('export-result')).toBeNull();
  });

  it('takes the toast away after a while, not while its details are open', async () => {
    const api = createFakeBackend({ conversations: 20 });
    renderApp(api);
    useInbox.getState().select(7);
    fireEvent.click(await screen.findByTestId('export-record-button'));
    const result = await screen.findByTestId('export-record-result');
    const details = within(result).getByRole('button', { name: 'Details' });
    fireEvent.click(details);
    vi.useFakeTimers();
    try {
      act(() => vi.advanceTimersByTime(SHOWN_MS * 2));
      expect(screen.getByTestId('export-result')).toBeTruthy();
      fireEvent.click(details);
      act(() => vi.advanceTimersByTime(SHOWN_MS - 1_000));
      expect(screen.getByTestId('export-result')).toBeTruthy();
      act(() => vi.advanceTimersByTime(1_000));
      expect(screen.queryByTestId('export-result')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('words the result in German', async () => {
    try {
      const api = createFakeBackend({ conversations: 20 });
      renderApp(api);
      useInbox.getState().select(7);
      const button = await screen.findByTestId('export-record-button');
      act(() => useLanguage.setState({ language: 'de' }));
      fireEvent.click(button);
      const result = await screen.findByTestId('export-record-result');
      expect(result.textContent).toMatch(
        /^Nachweis gespeichert: record-7\.zip5 Nachrichten, 8 Dateien, mit einer Liste von Prüfsummen/,
      );
    } finally {
      useLanguage.setState({ language: 'en' });
    }
  });

  it('from an order row: exports by order id', async () => {
    const api = createFakeBackend({ conversations: 20 });
    renderApp(api);
    fireEvent.click(await screen.findByTestId('nav-orders'));
    const row = (await screen.findAllByTestId('order-row'))[1];
    fireEvent.click(within(row).getByTestId('export-record-button'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.name === 'record.export')?.input).toEqual({ orderId: '028-2222222-2222222' }),
    );
    await waitFor(() => expect(downloads).toHaveLength(1));
  });

  it("for a dispute authority: asks first, saying it holds the buyer's real address; the bytes never come here (R5)", async () => {
    const api = createFakeBackend({ conversations: 20 });
    renderApp(api);
    useInbox.getState().select(7);
    fireEvent.click(await screen.findByTestId('authority-export-button'));
    const confirm = await screen.findByTestId('authority-export-confirm');
    expect(confirm.textContent).toContain("with the buyer's real e-mail address");
    expect(confirm.textContent).toContain('It does not pass through this window');
    fireEvent.click(within(confirm).getByText('Cancel'));
    expect(screen.queryByTestId('authority-export-confirm')).toBeNull();
    expect(api.calls.some((c) => c.name === 'record.exportForAuthority')).toBe(false);

    fireEvent.click(screen.getByTestId('authority-export-button'));
    fireEvent.click(await screen.findByTestId('authority-export-go'));
    const result = await screen.findByTestId('authority-export-result');
    expect(api.calls.find((c) => c.name === 'record.exportForAuthority')?.input).toEqual({
      conversationId: 7,
      confirm: true,
    });
    expect(result.textContent).toContain(
      'Saved for the dispute authority: /home/seller/Documents/parley-authority-record-7.zip5 messages, 8 files',
    );
    // Nothing was downloaded through the window: the main process wrote the file.
    expect(downloads).toEqual([]);
    expect(blobs).toEqual([]);
  });

  it('words the authority export in German', async () => {
    try {
      const api = createFakeBackend({ conversations: 20 });
      renderApp(api);
      useInbox.getState().select(7);
      const button = await screen.findByTestId('authority-export-button');
      act(() => useLanguage.setState({ language: 'de' }));
      expect(button.textContent).toBe('Export für eine Schlichtungsstelle…');
      fireEvent.click(button);
      const confirm = await screen.findByTestId('authority-export-confirm');
      expect(confirm.textContent).toContain('mit der echten E-Mail-Adresse des Käufers');
      expect(within(confirm).getByTestId('authority-export-go').textContent).toBe('Mit echter Adresse exportieren');
    } finally {
      useLanguage.setState({ language: 'en' });
    }
  });

  it('decodes base64 with line breaks byte for byte', () => {
    expect([...base64ToBytes('AAEC\r\n/w==')]).toEqual([0, 1, 2, 255]);
  });
});
