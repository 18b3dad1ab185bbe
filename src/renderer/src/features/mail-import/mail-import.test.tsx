// @vitest-environment jsdom
/**
 * Import old mail as the seller uses it: the top bar's button opens the dialog, a chosen mbox goes up in pieces, the
 * bar follows 'job.progress' with the count and the rate, and the result names what is new, what was there already,
 * what was left out and why a message could not be read, in the UI's language. A file that is no mbox is refused
 * before any call.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MailImportView } from '../../../../shared/contract';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { useLanguage } from '../../i18n';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { useMailImport } from './store';

const RESULT: MailImportView = {
  total: 1000,
  done: 1000,
  imported: 960,
  duplicates: 10,
  skipped: 28,
  skippedBy: { list: 20, bulk: 5, autoReply: 3, relay: 0, noBuyer: 0 },
  refused: 2,
  refusedList: [
    { at: 17, key: 'mailImport.noSender', params: { at: 17 } },
    { at: 99, key: 'mailImport.unreadable', params: { at: 99 } },
  ],
  resumed: false,
  ms: 2400,
};

describe('Import old mail', () => {
  useRendererTestEnv();
  let api: FakeBackend;
  let finish: (r: MailImportView) => void;
  beforeEach(() => {
    useMailImport.setState(useMailImport.getInitialState(), true);
    api = createFakeBackend(
      { conversations: 3 },
      {
        'mailImport.upload': async (input) => ({ received: input.offset + atob(input.dataBase64).length }),
        'mailImport.start': () => new Promise<MailImportView>((resolve) => (finish = resolve)),
      },
    );
  });

  const choose = async (name: string, text: string, language: 'de' | 'en' = 'en') => {
    renderApp(api);
    const open = await screen.findByTestId('import-open');
    await screen.findAllByTestId('conversation-row'); // the status has set the UI's language by now
    act(() => useLanguage.getState().setLanguage(language));
    fireEvent.click(open);
    const file = new File([text], name, { type: 'application/mbox' });
    fireEvent.change(await screen.findByTestId('import-file-input'), { target: { files: [file] } });
  };

  it('uploads the chosen mbox, shows the count and the rate as it goes, then what happened', async () => {
    await choose('Inbox.mbox', 'From a@b Tue Nov  3 10:00:00 2026\nSubject: x\n\nhi\n');
    await waitFor(() => expect(api['mailImport.start']).toHaveBeenCalled());
    expect(api['mailImport.upload'].mock.calls[0][0]).toMatchObject({
      offset: 0,
      uploadId: expect.stringMatching(/^mbox-/),
    });
    expect(api['mailImport.start'].mock.calls[0][0]).toMatchObject({ fileName: 'Inbox.mbox', size: 49 });
    act(() => api.emit('job.progress', { job: 'mail.import', done: 0, total: 1000 }));
    await new Promise((r) => setTimeout(r, 250));
    act(() => api.emit('job.progress', { job: 'mail.import', done: 500, total: 1000, imported: 480 }));
    act(() => api.emit('job.progress', { job: 'orders.import', done: 1, total: 2 })); // another job's: not ours
    const progress = await screen.findByTestId('import-progress');
    expect(progress.querySelector('progress')?.getAttribute('value')).toBe('500');
    expect(progress.querySelector('progress')?.getAttribute('max')).toBe('1000');
    expect(within(progress).getByTestId('import-count').textContent).toMatch(
      /^500 of 1,000 messages · \d[\d,]* per second$/,
    );

    await act(async () => finish(RESULT));
    const result = await screen.findByTestId('import-result');
    expect(within(result).getByRole('status').textContent).toBe('Inbox.mbox: 960 messages new in 2.4 s');
    expect(within(result).getByTestId('import-duplicates').textContent).toBe('10');
    expect(within(result).getByTestId('import-skipped').textContent).toBe('28');
    expect(within(result).getByTestId('import-refused-list').textContent).toContain(
      'Message 17 of the file has no sender address.',
    );
  });

  it('says in German what it does, and refuses a file that is no mbox before any call', async () => {
    await choose('bestellungen.pdf', '%PDF', 'de');
    expect((await screen.findByTestId('import-result')).textContent).toMatch(/bestellungen\.pdf ist keine mbox-Datei/);
    expect(api['mailImport.upload']).not.toHaveBeenCalled();
    expect(screen.getByTestId('import-dialog').textContent).toContain('Es wird nichts gesendet');
  });
});
