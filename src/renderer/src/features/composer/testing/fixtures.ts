/** Tests only: a conversation, a stored draft, and the wiring every composer test starts from. */
import { act } from '@testing-library/react';
import type { ConversationDetail, DryRun } from '../../../../../shared/contract';
import { setApi } from '../../../state/backend';
import { useAppStatus } from '../../../state/status-store';
import { useInbox } from '../../../state/inbox-store';
import { useLanguage } from '../../../i18n';
import { appStatus, createFakeBackend, savedDraft, type FakeBackend } from '../../../state/testing/fake-backend';
import { fakeOrder } from '../../../state/testing/fake-orders';
import { message } from '../../../state/testing/fake-data';
import { stopRecovery } from '../recovery';
import { forgetSellerLanguage, useComposer } from '../store';

export const CONVERSATION: ConversationDetail = {
  conversation: {
    id: 7,
    alias: 't969vz2jn3bdsy7',
    aliasAddress: 't969vz2jn3bdsy7@relay.parley.localhost',
    buyerName: 'Anna Schmidt',
    orderIds: ['302-1111111-2222222'],
    subject: 'Engraving',
    lastLine: 'Can you engrave',
    lastMessageAt: '2025-03-01T10:00:00Z',
    lastDirection: 'buyer-to-seller',
    hasAttachments: false,
    messageCount: 1,
    needsResponse: true,
    responseDueAt: null,
    badges: [],
  },
  messages: [
    // Conversation 7's buyer message: even numbers are the buyer's in the fake data.
    message(7, 0, {
      id: 11,
      fromLabel: 'Anna Schmidt',
      subject: 'Engraving for my order',
      receivedAt: '2025-03-01T10:00:00Z',
      text: 'Hello,\ncan you engrave "Anna" on the lid?',
      relayMessageId: '<m11@relay.parley.localhost>',
      auth: null,
    }),
  ],
  orders: [
    fakeOrder({
      orderId: '302-1111111-2222222',
      buyerName: 'Anna Schmidt',
      productName: 'Oak box',
      category: 'custom',
      purchasedAt: '2025-02-27T09:00:00Z',
    }),
    fakeOrder({
      orderId: '302-3333333-4444444',
      buyerName: 'Anna Schmidt',
      productName: 'Walnut tray',
      purchasedAt: '2025-02-20T09:00:00Z',
    }),
  ],
  buyerOptedOut: true,
};

/** A fake backend that answers what the composer needs; tests override single calls. */
export function composerApi(): FakeBackend {
  return createFakeBackend(
    { conversations: 0 },
    {
      'app.status': async () => appStatus(),
      'conversation.get': async () => CONVERSATION,
      'drafts.list': async () => [],
      'drafts.save': async (input) => savedDraft(input),
      'drafts.delete': async () => ({ ok: true }),
      'composer.check': async () => dryRun(),
      'inbox.counts': async () => ({
        'response-needed': 0,
        all: 1,
        sent: 1,
        undeliverable: 0,
        reported: 0,
        'no-response': 0,
        drafts: 0,
        outbox: 1,
      }),
      'inbox.list': async () => ({ total: 0, offset: 0, rows: [] }),
    },
  );
}

export function resetComposer(api: FakeBackend): void {
  stopRecovery();
  localStorage.clear();
  forgetSellerLanguage();
  setApi(api);
  useLanguage.setState({ language: 'en' });
  useAppStatus.setState({ status: null, error: null });
  useInbox.setState({ filter: 'all' });
  useComposer.setState(useComposer.getInitialState(), true);
}

export async function openReply(): Promise<void> {
  await act(async () => {
    await useComposer.getState().openReply({ conversationId: 7, replyToMessageId: 11 });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A dry run that delivers; tests change what they look at. */
export function dryRun(overrides: Partial<DryRun['decision']> = {}, subject = 'Re: Engraving'): DryRun {
  const quota = {
    limit: 616,
    sentToday: 18,
    remaining: 598,
    averageDailyOrders: 3.2,
    windowDays: 30,
    perOrder: 5,
    base: 600,
    formula: '5 × 3.2 + 600 = 616',
    counted: true,
  };
  return {
    willDeliver: (overrides.verdict ?? 'deliver') === 'deliver',
    subject,
    quota,
    decision: {
      verdict: 'deliver',
      rules: ['R10a'],
      reasons: [{ rule: 'R10a', code: 'reply', message: 'It answers the buyer.' }],
      category: {
        category: 'customization',
        necessary: true,
        confidence: 0.82,
        phrases: ['engraving'],
        language: 'en',
      },
      evidence: [],
      warnings: [],
      attachments: [],
      quota,
      ...overrides,
    },
  };
}
