// @vitest-environment jsdom
/**
 * The composer as a seller uses it: a reply quotes the original (R10a), drafts reach the store
 * within 2 s of idle typing and on blur and close, a failed save is shown and retried, a reopened
 * draft is exactly what was left, Ctrl+Enter sends, and a refused send (EPOLICY) loses nothing.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLanguage } from '../../i18n';
import { Composer } from './Composer';
import type { FakeBackend } from '../../state/testing/fake-backend';
import { pendingSessions } from './pending';
import { recoverPending } from './recovery';
import { useComposer } from './store';
import { composerApi, dryRun, openReply, resetComposer, sleep } from './testing/fixtures';
import { savedDraft } from '../../state/testing/fake-backend';

let api: FakeBackend;

beforeEach(() => {
  api = composerApi();
  resetComposer(api);
});
afterEach(() => cleanup());

const body = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

describe('a reply (R10a)', () => {
  it('opens with "Re:" and the original quoted below an empty area, caret on top', async () => {
    render(<Composer />);
    await openReply();
    expect(screen.getByRole('heading', { name: 'Reply to Anna Schmidt · t969vz2jn3bdsy7' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Subject' }) as HTMLInputElement).value).toBe(
      'Re: Engraving for my order',
    );
    expect(body().value).toMatch(/^\n\nOn .+, Anna Schmidt wrote:\n> Hello,\n> can you engrave "Anna" on the lid\?\n$/);
    expect(document.activeElement).toBe(body());
    expect(body().selectionStart).toBe(0);
    await waitFor(() => expect(api['composer.check']).toHaveBeenCalled());
    expect(api['composer.check'].mock.calls[0][0]).toMatchObject({
      conversationId: 7,
      replyToMessageId: 11,
      subject: 'Re: Engraving for my order',
    });
  });
});

describe('offline drafting', () => {
  it('a reply that was started before reopens as that draft, not as a fresh quote', async () => {
    api['drafts.list'].mockResolvedValue([
      savedDraft({
        id: 9,
        conversationId: 7,
        replyToMessageId: 11,
        subject: 'Re: Engraving for my order',
        body: 'Half-written answer',
      }),
    ]);
    render(<Composer />);
    await openReply();
    expect(body().value).toBe('Half-written answer');
    expect(useComposer.getState().form.draftId).toBe(9);
  });

  it('saves within 2 s of idle typing, not on every keystroke, and says when', async () => {
    render(<Composer />);
    await openReply();
    const typedAt = Date.now();
    fireEvent.change(body(), { target: { value: 'Yes, we can.' + body().value } });
    await sleep(400);
    expect(api['drafts.save']).not.toHaveBeenCalled();
    await waitFor(() => expect(api['drafts.save']).toHaveBeenCalledTimes(1), { timeout: 2000 });
    expect(Date.now() - typedAt).toBeLessThan(2000);
    expect(api['drafts.save'].mock.calls[0][0]).toMatchObject({ conversationId: 7, replyToMessageId: 11 });
    expect(api['drafts.save'].mock.calls[0][0].body).toMatch(/^Yes, we can\./);
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toMatch(/^Draft saved \d\d:\d\d/));
  });

  it('saves at once on blur, and the next save updates the same draft', async () => {
    render(<Composer />);
    await openReply();
    fireEvent.change(body(), { target: { value: 'First words' } });
    fireEvent.blur(body());
    await waitFor(() => expect(api['drafts.save']).toHaveBeenCalledTimes(1), { timeout: 300 });
    const firstId = (await api['drafts.save'].mock.results[0].value).id;
    fireEvent.change(body(), { target: { value: 'First words, more' } });
    fireEvent.blur(body());
    await waitFor(() => expect(api['drafts.save']).toHaveBeenCalledTimes(2), { timeout: 300 });
    expect(api['drafts.save'].mock.calls[1][0]).toMatchObject({ id: firstId, body: 'First words, more' });
  });

  it('shows a failed save, keeps the text on this device and retries until the store has it', async () => {
    api['drafts.save'].mockRejectedValueOnce({ code: 'ESTORE', message: 'disk full' });
    render(<Composer />);
    await openReply();
    fireEvent.change(body(), { target: { value: 'Do not lose me' } });
    fireEvent.blur(body());
    await waitFor(() =>
      expect(screen.getByTestId('save-status').textContent).toContain(
        'Draft not saved (Parley could not read or write its data.)',
      ),
    );
    expect(localStorage.getItem('parley.composer.pending')).toContain('Do not lose me');
    expect(body().value).toBe('Do not lose me');
    await waitFor(() => expect(api['drafts.save']).toHaveBeenCalledTimes(2), { timeout: 3000 });
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toMatch(/^Draft saved/));
    expect(pendingSessions()).toEqual([]);
  });

  it('saves on close; a close while the store is away keeps the draft and stores it later', async () => {
    render(<Composer />);
    await openReply();
    fireEvent.change(body(), { target: { value: 'Written offline' } });
    api['drafts.save'].mockRejectedValue({ code: 'EUNAVAILABLE', message: 'backend unreachable' });
    await act(async () => useComposer.getState().close());
    expect(screen.queryByTestId('composer')).toBeNull();
    expect(screen.getByTestId('sent-toast').textContent).toContain('kept on this device');
    api['drafts.save'].mockImplementation(async (input) => savedDraft(input));
    await act(async () => void (await recoverPending()));
    expect(api['drafts.save'].mock.lastCall?.[0]).toMatchObject({ body: 'Written offline', conversationId: 7 });
    expect(pendingSessions()).toEqual([]);
  });

  it('keeps a synchronous copy when the window is about to unload', async () => {
    render(<Composer />);
    await openReply();
    fireEvent.change(body(), { target: { value: 'Closing the laptop' } });
    window.dispatchEvent(new Event('beforeunload'));
    expect(localStorage.getItem('parley.composer.pending')).toContain('Closing the laptop');
    await waitFor(() => expect(api['drafts.save']).toHaveBeenCalled());
  });

  it('reopens a stored draft with every field as it was left', async () => {
    const draft = savedDraft(
      {
        id: 5,
        conversationId: 7,
        orderId: '302-3333333-4444444',
        topic: 'other',
        subject: 'About your tray',
        body: 'Dear Anna,\nthe tray…',
        important: true,
        attachments: [{ sha256: 'a'.repeat(64), name: 'sketch.png', type: 'image/png', size: 20480 }],
      },
      '2025-03-02T12:03:00Z',
    );
    api['drafts.get'].mockResolvedValue(draft);
    render(<Composer />);
    await act(async () => useComposer.getState().openDraft(5));
    expect((screen.getByRole('combobox', { name: 'Order' }) as HTMLSelectElement).value).toBe('302-3333333-4444444');
    expect((screen.getByRole('combobox', { name: 'Reason' }) as HTMLSelectElement).value).toBe('other');
    // Saved with the box ticked but without the tag in the subject: the field shows the tag the buyer will see.
    expect((screen.getByRole('textbox', { name: 'Subject' }) as HTMLInputElement).value).toBe(
      '[Important] About your tray',
    );
    expect(body().value).toBe('Dear Anna,\nthe tray…');
    expect((screen.getByRole('checkbox', { name: 'Mark as [Important]' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('list', { name: 'Attachments' }).textContent).toContain('sketch.png');
    expect(screen.queryByTestId('subject-preview')).toBeNull(); // the subject is shown once: in its field
    expect(screen.getByTestId('save-status').textContent).toMatch(/^Draft saved \d\d:03/);
    fireEvent.change(body(), { target: { value: 'Dear Anna,\nthe tray is ready.' } });
    fireEvent.blur(body());
    await waitFor(() => expect(api['drafts.save']).toHaveBeenCalled());
    expect(api['drafts.save'].mock.calls[0][0]).toEqual({
      id: 5,
      conversationId: 7,
      orderId: '302-3333333-4444444',
      topic: 'other',
      subject: '[Important] About your tray',
      body: 'Dear Anna,\nthe tray is ready.',
      important: true,
      attachments: draft.attachments,
    });
  });
});

describe('sending', () => {
  it('sends on Ctrl+Enter, closes and tells what became of it', async () => {
    api['composer.send'].mockImplementation(async () => ({
      messageId: 90,
      conversationId: 7,
      state: 'queued',
      decision: (await api['composer.check']({ subject: '', body: '' })).decision,
    }));
    render(<Composer />);
    await openReply();
    fireEvent.change(body(), { target: { value: 'Yes, "Anna" it is.' } });
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.queryByTestId('composer')).toBeNull());
    expect(api['composer.send']).toHaveBeenCalledTimes(1);
    expect(api['composer.send'].mock.calls[0][0]).toMatchObject({
      conversationId: 7,
      replyToMessageId: 11,
      body: 'Yes, "Anna" it is.',
    });
    expect(screen.getByTestId('sent-toast').textContent).toContain('Queued — it leaves in a moment');
  });

  it('sends on Cmd+Enter too', async () => {
    api['composer.send'].mockResolvedValue({
      messageId: 90,
      conversationId: 7,
      state: 'delivered',
      decision: (await api['composer.check']({ subject: '', body: '' })).decision,
    });
    render(<Composer />);
    await openReply();
    fireEvent.keyDown(body(), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(api['composer.send']).toHaveBeenCalledTimes(1));
  });

  it('keeps every field and the draft when the policy refuses (EPOLICY)', async () => {
    api['composer.send'].mockRejectedValue({
      code: 'EPOLICY',
      message: 'Not sent: R11: [Important] is only for messages needed to complete an order. Strict mode is on.',
      key: 'send.refused',
      params: { reasons: 'R11: [Important] is only for messages needed to complete an order. Strict mode is on.' },
    });
    const blocked = dryRun({
      verdict: 'block',
      rules: ['R11'],
      reasons: [
        {
          rule: 'R11',
          code: 'important-not-necessary',
          message: '[Important] is only for messages needed to complete an order. Strict mode is on.',
          params: { used: '[Important]' },
        },
      ],
    });
    render(<Composer />);
    await openReply();
    api['composer.check'].mockResolvedValue(blocked);
    fireEvent.change(body(), { target: { value: 'Please leave a review!' } });
    fireEvent.click(screen.getByRole('button', { name: /^Send/ }));
    const error = await screen.findByTestId('send-error');
    // "Not sent" once, then the reason in the UI's words without a rule id.
    await waitFor(() => expect(error.textContent).toContain('Strict mode is on, so it would be blocked'));
    expect(error.textContent?.match(/Not sent/g)).toHaveLength(1);
    expect(error.textContent).toContain('Not sent: the policy refused this message');
    expect(error.textContent).not.toMatch(/R11/);
    expect(screen.getByTestId('composer')).toBeTruthy();
    expect(body().value).toBe('Please leave a review!');
    expect(api['drafts.save']).toHaveBeenCalled();
    expect(api['drafts.delete']).not.toHaveBeenCalled();
    await waitFor(() => expect(api['composer.check'].mock.calls.length).toBeGreaterThanOrEqual(2));
  });

  it('says “Nicht gesendet” once in German, with the opt-out reason in German words and no rule id', async () => {
    useLanguage.setState({ language: 'de' });
    api['composer.send'].mockRejectedValue({
      code: 'EPOLICY',
      message: 'Nicht gesendet: R10: The buyer opted out of seller messages.',
      key: 'send.refused',
      params: { reasons: 'R10: The buyer opted out of seller messages.' },
    });
    render(<Composer />);
    await openReply();
    api['composer.check'].mockResolvedValue(
      dryRun({
        verdict: 'block',
        rules: ['R10'],
        reasons: [{ rule: 'R10', code: 'buyer-opted-out', message: 'The buyer opted out of seller messages.' }],
      }),
    );
    const editor = screen.getByTestId('composer-editor');
    fireEvent.change(editor, { target: { value: 'Neue Kollektion!' } });
    fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
    const error = await screen.findByTestId('send-error');
    await waitFor(() => expect(error.textContent).toContain('hat Verkäufernachrichten abbestellt'));
    expect(error.textContent?.match(/Nicht gesendet/g)).toHaveLength(1);
    expect(error.textContent).not.toMatch(/R10|opted out/);
  });

  it('does not send without a subject or a text and says why', async () => {
    api['composer.send'].mockResolvedValue({} as never);
    render(<Composer />);
    await act(async () => useComposer.getState().openNew({ conversationId: 7 }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('send-error')).textContent).toBe('Write a subject first.');
    fireEvent.change(screen.getByRole('textbox', { name: 'Subject' }), { target: { value: 'Your oak box' } });
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('send-error')).textContent).toBe('Write a message first.');
    expect(api['composer.send']).not.toHaveBeenCalled();
  });
});

describe('a new message', () => {
  it('offers the orders and the subject list; only "other" takes a free subject; [Wichtig] for a German shop', async () => {
    api['app.status'].mockResolvedValue({
      ...(await api['app.status']({})),
      seller: { ...(await api['app.status']({})).seller!, language: 'de' },
    });
    render(<Composer />);
    await act(async () => useComposer.getState().openNew({ conversationId: 7, orderId: '302-1111111-2222222' }));
    expect(screen.getByRole('textbox', { name: 'Subject' })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Reason' }), { target: { value: 'additional-info' } });
    expect(screen.queryByRole('textbox', { name: 'Subject' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mark as [Wichtig]' }));
    expect(screen.getByTestId('subject-preview').textContent).toBe(
      '[Wichtig] Zusätzliche Informationen erforderlich (Bestellung 302-1111111-2222222)',
    );
    await waitFor(() =>
      expect(api['composer.check'].mock.lastCall?.[0]).toMatchObject({
        topic: 'additional-info',
        important: true,
        orderId: '302-1111111-2222222',
      }),
    );
  });

  it('asks for the alias when opened with nobody to write to, and checks only once it is there', async () => {
    render(<Composer />);
    await act(async () => useComposer.getState().openNew({}));
    expect(screen.getByRole('heading', { name: 'New message' })).toBeTruthy();
    fireEvent.change(body(), { target: { value: 'Hello' } });
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('send-error')).textContent).toBe("Enter the buyer's alias first.");
    await sleep(400);
    expect(api['composer.check']).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('textbox', { name: "To: the buyer's alias" }), {
      target: { value: ' t969vz2jn3bdsy7 ' },
    });
    await waitFor(() =>
      expect(api['composer.check'].mock.lastCall?.[0]).toMatchObject({
        alias: 't969vz2jn3bdsy7',
        body: 'Hello',
        topic: 'other',
      }),
    );
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    render(<Composer />);
    await openReply();
    fireEvent.change(screen.getByRole('textbox', { name: 'Nachricht' }), { target: { value: 'Hallo' } });
    fireEvent.blur(screen.getByRole('textbox', { name: 'Nachricht' }));
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toMatch(/^Entwurf gespeichert/));
    expect(screen.getByRole('button', { name: /^Senden/ })).toBeTruthy();
  });
});
