/**
 * Tests only: a fake ParleyApi. Every call is a vitest mock that rejects "not faked" unless the
 * test gives it an implementation; `emit` plays a push event to the subscribers.
 */
import { vi, type Mock } from 'vitest';
import {
  CALL_NAMES,
  type AppStatus,
  type CallName,
  type ContractEvents,
  type DryRun,
  type EventName,
  type ParleyApi,
} from '../../../../shared/contract';

export type FakeApi = ParleyApi & {
  [K in CallName]: Mock<ParleyApi[K]>;
} & {
  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void;
  listeners(event: EventName): number;
};

export function fakeApi(impl: Partial<{ [K in CallName]: ParleyApi[K] }> = {}): FakeApi {
  const handlers = new Map<EventName, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = { transport: 'http' };
  for (const name of CALL_NAMES) {
    api[name] = vi.fn(
      impl[name] ?? (async () => Promise.reject({ code: 'ENOTFAKED', message: `${name} is not faked` })),
    );
  }
  api.on = (event: EventName, handler: (payload: unknown) => void) => {
    const set = handlers.get(event) ?? new Set();
    set.add(handler);
    handlers.set(event, set);
    return () => set.delete(handler);
  };
  api.emit = (event: EventName, payload: unknown) => handlers.get(event)?.forEach((h) => h(payload));
  api.listeners = (event: EventName) => handlers.get(event)?.size ?? 0;
  return api as FakeApi;
}

export function appStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    version: '0.1.0',
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
    },
    relayStatus: {
      running: true,
      smtp: '127.0.0.1:2525',
      submission: '127.0.0.1:2587',
      outbound: 'local mailbox (mail/)',
      error: null,
    },
    ui: { language: 'en', theme: 'system' },
    dataDir: '/tmp/parley',
    ...overrides,
  };
}

/** A dry run that delivers; tests change what they look at. */
export function dryRun(overrides: Partial<DryRun['decision']> = {}, subject = 'Re: Engraving'): DryRun {
  const quota = {
    limit: 616,
    sentToday: 18,
    remaining: 598,
    averageDailyOrders: 3.2,
    windowDays: 30,
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
