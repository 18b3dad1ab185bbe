/** Tests only: a conversation, a stored draft, and the wiring every composer test starts from. */
import { act } from '@testing-library/react';
import type { ConversationDetail, DraftInput, DraftView } from '../../../../shared/contract';
import { setApi } from '../../app/backend';
import { useAppStatus } from '../../app/status-store';
import { useInbox } from '../../app/store';
import { useLanguage } from '../../i18n';
import { appStatus, dryRun, fakeApi, type FakeApi } from './fake-api';
import { stopRecovery } from './recovery';
import { forgetSellerLanguage, useComposer } from './store';

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
    {
      id: 11,
      conversationId: 7,
      direction: 'buyer-to-seller',
      via: 'mail-client',
      fromLabel: 'Anna Schmidt',
      subject: 'Engraving for my order',
      receivedAt: '2025-03-01T10:00:00Z',
      text: 'Hello,\ncan you engrave "Anna" on the lid?',
      hasHtml: false,
      state: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
      reasons: [],
      warnings: [],
      category: null,
      attachments: [],
      reported: null,
      noResponseNeeded: false,
      relayMessageId: '<m11@relay.parley.localhost>',
      releasable: false,
      releasedAt: null,
      auth: null,
    },
  ],
  orders: [
    {
      orderId: '302-1111111-2222222',
      buyerName: 'Anna Schmidt',
      productName: 'Oak box',
      category: 'custom',
      purchasedAt: '2025-02-27T09:00:00Z',
      shippedAt: null,
      carrier: null,
      tracking: null,
    },
    {
      orderId: '302-3333333-4444444',
      buyerName: 'Anna Schmidt',
      productName: 'Walnut tray',
      category: 'standard',
      purchasedAt: '2025-02-20T09:00:00Z',
      shippedAt: null,
      carrier: null,
      tracking: null,
    },
  ],
  buyerOptedOut: true,
};

let draftIds = 40;

/** drafts.save as the store does it: a new id the first time, the same id after. */
export function savedDraft(input: DraftInput, at = new Date().toISOString()): DraftView {
  return {
    id: input.id ?? ++draftIds,
    conversationId: input.conversationId ?? null,
    alias: input.alias ?? null,
    orderId: input.orderId ?? null,
    topic: input.topic ?? null,
    subject: input.subject,
    body: input.body,
    important: input.important ?? false,
    replyToMessageId: input.replyToMessageId ?? null,
    attachments: input.attachments ?? [],
    updatedAt: at,
  };
}

/** A fake backend that answers what the composer needs; tests override single calls. */
export function composerApi(): FakeApi {
  const api = fakeApi({
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
  });
  return api;
}

export function resetComposer(api: FakeApi): void {
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
