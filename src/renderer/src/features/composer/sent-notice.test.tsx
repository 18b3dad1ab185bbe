// @vitest-environment jsdom
/**
 * The notice after a send says what actually happened to the message: delivered to the local mailbox, handed to the
 * smarthost, or not delivered yet and tried again; it follows the outbox live, also when the outbox is quicker than
 * the send's own answer, and in the UI language.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../../shared/contract';
import { useLanguage } from '../../i18n';
import { useAppStatus } from '../../state/status-store';
import { appStatus, type FakeBackend } from '../../state/testing/fake-backend';
import { Composer } from './Composer';
import { composerApi, dryRun, openReply, resetComposer } from './testing/fixtures';

let api: FakeBackend;

beforeEach(() => {
  api = composerApi();
  resetComposer(api);
});
afterEach(() => cleanup());

const LOCAL = appStatus();
const SMARTHOST = appStatus({
  relay: { ...LOCAL.relay, smarthost: 'smtp://mail.example.net:587' },
  relayStatus: {
    ...LOCAL.relayStatus,
    outbound: 'smtp://mail.example.net:587',
    outboundVia: { kind: 'smarthost', where: 'mail.example.net:587' },
  },
});
const STOPPED = appStatus({ relayStatus: { ...LOCAL.relayStatus, running: false } });

/** Sends a reply; `meanwhile` runs while the send is under way (the outbox may act before it answers). */
async function sendReply(status: AppStatus, meanwhile: () => void = () => {}): Promise<HTMLElement> {
  useAppStatus.setState({ status });
  api['composer.send'].mockImplementation(async () => {
    meanwhile();
    return { messageId: 90, conversationId: 7, state: 'queued', decision: dryRun().decision };
  });
  render(<Composer />);
  await openReply();
  const editor = screen.getByTestId('composer-editor');
  fireEvent.change(editor, { target: { value: 'Yes, we can.' } });
  fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
  return screen.findByTestId('sent-toast');
}

const delivered = (messageId = 90) => ({
  outboxId: 3,
  messageId,
  conversationId: 7,
  state: 'delivered' as const,
  nextAttemptAt: null,
  lastError: null,
});
const headline = () => screen.getByTestId('sent-toast-headline').textContent;

describe('the notice after a send', () => {
  it('without a smarthost: queued for the local mailbox, then "Delivered to the local mailbox" as the outbox says', async () => {
    await sendReply(LOCAL);
    expect(headline()).toBe('Queued — being delivered to the local mailbox');
    act(() => api.emit('delivery.changed', delivered(91))); // another message: not this notice's
    expect(headline()).toBe('Queued — being delivered to the local mailbox');
    act(() => api.emit('delivery.changed', delivered()));
    expect(headline()).toBe('Delivered to the local mailbox');
    expect(headline()).not.toMatch(/smarthost/i);
    expect(api.listeners('delivery.changed')).toBe(0); // nothing more to follow
  });

  it('says delivered when the local mailbox was quicker than the send’s answer', async () => {
    await sendReply(LOCAL, () => api.emit('delivery.changed', delivered()));
    expect(headline()).toBe('Delivered to the local mailbox');
  });

  it('with a smarthost: "being handed to the smarthost", then "Delivered — handed to the smarthost"', async () => {
    await sendReply(SMARTHOST);
    expect(headline()).toBe('Queued — being handed to the smarthost');
    act(() => api.emit('delivery.changed', delivered()));
    expect(headline()).toBe('Delivered — handed to the smarthost');
  });

  it('when the smarthost does not take it: not delivered yet, tried again, and when', async () => {
    await sendReply(SMARTHOST);
    const next = new Date(Date.UTC(2025, 2, 1, 10, 5));
    act(() =>
      api.emit('delivery.changed', {
        ...delivered(),
        state: 'deferred',
        nextAttemptAt: next.toISOString(),
        lastError: '421 busy',
      }),
    );
    expect(headline()).toBe('Not delivered yet — the smarthost did not take it; it will be tried again');
    const at = next.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    expect(screen.getByTestId('sent-toast').textContent).toContain(`Next try at ${at}.`);
  });

  it('with the relay stopped: it leaves once the relay runs', async () => {
    await sendReply(STOPPED);
    expect(headline()).toBe('Queued — it leaves once the relay is running');
  });

  it('speaks German', async () => {
    useLanguage.setState({ language: 'de' });
    await sendReply(LOCAL);
    act(() => api.emit('delivery.changed', delivered()));
    await waitFor(() => expect(headline()).toBe('Zugestellt — ins lokale Postfach'));
  });

  describe('a message that did not go says why in the UI language, without rule ids', () => {
    const removed = dryRun({
      reasons: [
        { rule: 'R10a', code: 'reply-to-buyer', message: 'Sie antworten dem Käufer.' },
        {
          rule: 'R15',
          code: 'attachment-removed',
          message: 'Anhang entfernt: setup.exe',
          params: { count: 1, names: 'setup.exe' },
        },
      ],
    }).decision;
    const failed = async () => {
      api['composer.send'].mockImplementation(async () => ({
        messageId: 90,
        conversationId: 7,
        state: 'queued',
        decision: removed,
      }));
      useAppStatus.setState({ status: LOCAL });
      render(<Composer />);
      await openReply();
      const editor = screen.getByTestId('composer-editor');
      fireEvent.change(editor, { target: { value: 'Anbei die Datei.' } });
      fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
      await screen.findByTestId('sent-toast');
      act(() => api.emit('delivery.changed', { ...delivered(), state: 'failed', lastError: '550 no' }));
      return screen.getAllByTestId('sent-toast-reason').map((r) => r.textContent);
    };

    it('in English', async () => {
      const reasons = await failed();
      expect(reasons).toContain('One attachment (setup.exe) was removed; the message itself still goes.');
      expect(reasons.join(' ')).not.toMatch(/R1\d|Anhang|Käufer/);
    });

    it('in German', async () => {
      useLanguage.setState({ language: 'de' });
      const reasons = await failed();
      expect(reasons).toContain(
        'Ein Anhang (setup.exe) wurde entfernt; die Nachricht selbst wird trotzdem zugestellt.',
      );
      expect(reasons.join(' ')).not.toMatch(/R1\d|attachment/);
    });
  });
});
