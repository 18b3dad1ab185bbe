/**
 * Tests only: the one fake backend of the renderer's tests. Every contract call is a vitest mock
 * (tests override one with `mockImplementation` or pass `overrides`); by default the inbox calls
 * answer over made-up data (fake-data.ts), the overviews over fake-overviews.ts, reports and "no
 * response needed" marks are remembered, and a call without a default rejects with ENOTFAKED.
 * `emit` plays a push event like the backend; `calls` lists every call in order.
 */
import { vi, type Mock } from 'vitest';
import {
  CALL_NAMES,
  type AppStatus,
  type CallName,
  type ContractEvents,
  type DraftInput,
  type DraftView,
  type EventName,
  type ParleyApi,
  type ShopView,
} from '../../../../shared/contract';
import { inboxHandlers, type InboxOptions } from './fake-inbox';
import { overviewHandlers, type OverviewOptions } from './fake-overviews';

export interface FakeOptions extends InboxOptions, OverviewOptions {
  firstRun?: boolean;
  /** The shops of the switcher (default: the one shop of `appStatus`, nothing waiting). */
  shops?: ShopView[];
}

type Impl = Partial<{ [K in CallName]: ParleyApi[K] }>;

export type FakeBackend = ParleyApi & {
  [K in CallName]: Mock<ParleyApi[K]>;
} & {
  /** Every call so far, in the order they were made. */
  readonly calls: { name: CallName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void;
  /** How many subscribers an event has (a component unsubscribes when it goes). */
  listeners(event: EventName): number;
};

export function appStatus(
  overrides: Partial<Omit<AppStatus, 'ui'>> & { ui?: Partial<AppStatus['ui']> } = {},
): AppStatus {
  return {
    version: '0.1.0-test',
    firstRun: false,
    seller: {
      id: 'holzwerkstatt',
      name: 'Holzwerkstatt',
      email: 'shop@holz.example',
      language: 'en',
      bounceNotices: true,
      strict: false,
      urgentCheck: 'confirm',
      authorizedSenders: ['helper@holz.example'],
      relayAddress: 'holzwerkstatt@relay.parley.localhost',
    },
    relay: {
      domain: 'relay.parley.localhost',
      smtp: '127.0.0.1:2525',
      submission: '127.0.0.1:2587',
      smarthost: null,
      smarthostUser: null,
      hasSmarthostPassword: false,
      dkimSelector: null,
      hasDkimKey: false,
      tlsCert: null,
      tlsKey: null,
      submissionTls: 'starttls',
    },
    relayStatus: {
      running: true,
      smtp: '127.0.0.1:2525',
      submission: '127.0.0.1:2587',
      outbound: 'local mailbox (mail/)',
      outboundVia: { kind: 'local-mailbox', where: 'mail/' },
      error: null,
    },
    intake: [],
    dataDir: '/tmp/parley',
    shop: 'holzwerkstatt',
    ...overrides,
    ui: {
      language: 'en',
      theme: 'light',
      notifications: true,
      startAtLogin: false,
      closeHintShown: false,
      ...overrides.ui,
    },
  };
}

export function createFakeBackend(options: FakeOptions = {}, overrides: Impl = {}): FakeBackend {
  const subscribers = new Map<EventName, Set<(payload: unknown) => void>>();
  const emit = (event: EventName, payload: unknown) => subscribers.get(event)?.forEach((h) => h(payload));
  let status = appStatus({ firstRun: options.firstRun ?? false });
  const defaults: Record<string, (input: never) => unknown> = {
    'app.status': () => status,
    'setup.demo': () => (status = { ...status, firstRun: false }),
    'settings.update': () => status,
    'drafts.list': () => [],
    'outbox.list': () => [],
    'postmaster.list': () => [],
    'domains.list': () => [{ name: status.relay.domain, firstServedAt: '2026-01-05T09:00:00.000Z', current: true }],
    'intake.list': () => [],
    'intake.status': () => status.intake,
    'intake.held': () => [],
    'shops.list': () => ({
      selected: status.shop,
      shops: options.shops ?? [{ id: 'holzwerkstatt', name: 'Holzwerkstatt', responseNeeded: 0 }],
    }),
    'shops.select': ({ shop }: { shop: string }) => (status = { ...status, shop }),
    ...inboxHandlers(emit, options),
    ...overviewHandlers(emit, options),
  };

  const api: Record<string, unknown> = { transport: 'http' };
  const mocks: [CallName, Mock][] = [];
  for (const name of CALL_NAMES) {
    const given = overrides[name] as ((input: never) => unknown) | undefined;
    const fallback = defaults[name];
    const impl =
      given ??
      (fallback
        ? async (input: never) => structuredClone(await fallback(input))
        : async () => Promise.reject({ code: 'ENOTFAKED', message: `${name} is not faked` }));
    const mock = vi.fn(impl);
    mocks.push([name, mock]);
    api[name] = mock;
  }
  Object.defineProperty(api, 'calls', {
    get: () =>
      mocks
        .flatMap(([name, mock]) =>
          mock.mock.calls.map((args, i) => ({ name, input: args[0], order: mock.mock.invocationCallOrder[i] })),
        )
        .sort((a, b) => a.order - b.order)
        .map(({ name, input }) => ({ name, input })),
  });
  api.on = (event: EventName, handler: (payload: unknown) => void) => {
    const set = subscribers.get(event) ?? new Set();
    set.add(handler);
    subscribers.set(event, set);
    return () => set.delete(handler);
  };
  api.emit = emit;
  api.listeners = (event: EventName) => subscribers.get(event)?.size ?? 0;
  return api as FakeBackend;
}

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
