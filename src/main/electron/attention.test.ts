import { describe, expect, it, vi } from 'vitest';
import type { ContractEvents, FilterCounts } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import { buyerMessageNotifier, showResponseNeeded } from './attention.js';

const counts = (n: number): FilterCounts => ({
  'response-needed': n,
  all: 40,
  sent: 3,
  undeliverable: 0,
  reported: 1,
  'no-response': 2,
  drafts: 0,
  outbox: 0,
});

describe('the response-needed badge (R20)', () => {
  it('follows counts.changed on the dock/launcher badge and in the tray tooltip', () => {
    const app = { setBadgeCount: vi.fn(() => true) };
    const tray = { setToolTip: vi.fn() };
    let language: Language = 'en';
    const deps = { app, tray, language: () => language };
    showResponseNeeded(deps, counts(3));
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(3);
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Parley: 3 messages need a response');
    showResponseNeeded(deps, counts(1));
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Parley: 1 message needs a response');
    language = 'de';
    showResponseNeeded(deps, counts(0));
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(0); // 0 clears the badge
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Parley: keine Nachricht wartet auf Antwort');
  });

  it('works without a tray (macOS: the dock badge only)', () => {
    const app = { setBadgeCount: vi.fn(() => true) };
    expect(showResponseNeeded({ app, tray: null, language: () => 'en' }, counts(7))).toBe(7);
    expect(app.setBadgeCount).toHaveBeenCalledWith(7);
  });
});

describe('notifications for new buyer messages', () => {
  function setup(focused = false, enabled = true) {
    const shown: Array<{ options: { title?: string; body?: string }; handlers: Map<string, () => void> }> = [];
    class FakeNotification {
      handlers = new Map<string, () => void>();
      constructor(readonly options: { title?: string; body?: string }) {}
      static isSupported = () => true;
      on(event: string, handler: () => void) {
        this.handlers.set(event, handler);
        return this;
      }
      show() {
        shown.push(this);
      }
    }
    const focusWindow = vi.fn();
    const openConversation = vi.fn();
    const notify = buyerMessageNotifier({
      Notification: FakeNotification as never,
      windowFocused: () => focused,
      focusWindow,
      openConversation,
      enabled: () => enabled,
      language: () => 'de',
    });
    return { shown, focusWindow, openConversation, notify };
  }
  const message = (
    direction: ContractEvents['message.new']['direction'],
    subject = 'Lieferung am Samstag?',
  ): ContractEvents['message.new'] => ({
    conversationId: 2,
    messageId: 9,
    direction,
    fromLabel: 'Anna Schmidt',
    subject,
  });

  it('shows one for a buyer message and opens its conversation on click', () => {
    const { shown, openConversation, notify } = setup();
    notify(message('buyer-to-seller'));
    expect(shown).toHaveLength(1);
    expect(shown[0].options).toEqual({ title: 'Neue Nachricht von Anna Schmidt', body: 'Lieferung am Samstag?' });
    shown[0].handlers.get('click')?.();
    expect(openConversation).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('brings the window forward for a message outside any conversation', () => {
    const { shown, focusWindow, openConversation, notify } = setup();
    notify({ ...message('buyer-to-seller'), conversationId: null });
    shown[0].handlers.get('click')?.();
    expect(focusWindow).toHaveBeenCalledOnce();
    expect(openConversation).not.toHaveBeenCalled();
  });

  it('shows none when the seller turned notifications off', () => {
    const { shown, notify } = setup(false, false);
    notify(message('buyer-to-seller'));
    expect(shown).toHaveLength(0);
  });

  it('stays quiet for the seller’s own messages, relay notices, and while the window is in front', () => {
    const { shown, notify } = setup();
    notify(message('seller-to-buyer'));
    notify(message('relay-to-seller'));
    expect(shown).toHaveLength(0);
    const focused = setup(true);
    focused.notify(message('buyer-to-seller'));
    expect(focused.shown).toHaveLength(0);
  });

  it('names a message without subject', () => {
    const { shown, notify } = setup();
    notify(message('buyer-to-seller', ''));
    expect(shown[0].options.body).toBe('(kein Betreff)');
  });
});
