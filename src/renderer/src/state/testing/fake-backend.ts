/**
 * A ParleyApi over made-up data (fake-data.ts) for the renderer's component tests and its
 * in-browser harness: it answers the inbox calls, remembers reports and "no response needed"
 * marks, records every call, and can push events like the backend.
 */
import {
  FILTERS,
  type AppStatus,
  type CallName,
  type ContractEvents,
  type ConversationRow,
  type EventName,
  type Filter,
  type FilterCounts,
  type ParleyApi,
} from '../../../../shared/contract';
import { detailFor, HOSTILE_HTML, rowFor } from './fake-data';

export interface FakeOptions {
  conversations?: number;
  /** Attachment bytes by attachment id (base64), e.g. a real PDF for the browser harness. */
  files?: Record<number, { contentType: string; dataBase64: string }>;
  firstRun?: boolean;
}

export interface FakeApi extends ParleyApi {
  calls: { name: CallName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void;
}

export const STATUS: AppStatus = {
  version: '0.1.0-test',
  firstRun: false,
  seller: {
    id: 'holzwerkstatt',
    name: 'Holzwerkstatt Jansen',
    email: 'service@holzwerkstatt.example',
    language: 'en',
    bounceNotices: true,
    strict: false,
    urgentCheck: 'confirm',
    authorizedSenders: [],
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
    outbound: 'local mailbox',
    error: null,
  },
  ui: { language: 'en', theme: 'light' },
  dataDir: '/tmp/parley',
};

const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export function createFakeApi(options: FakeOptions = {}): FakeApi {
  const total = options.conversations ?? 300;
  const reported = new Set<number>();
  const noResponse = new Set<number>();
  const handled = new Set<number>(); // conversations that left 'response-needed'
  const released = new Map<number, string>(); // R11: held seller messages released, and when
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const calls: FakeApi['calls'] = [];
  let status = { ...STATUS, firstRun: options.firstRun ?? false };

  const row = (id: number): ConversationRow => {
    const r = rowFor(id);
    if (!handled.has(id)) return r;
    return { ...r, needsResponse: false, responseDueAt: null, badges: [...r.badges, 'no-response'] };
  };
  // Ids in a filter, computed on demand (10,000 rows: a few ms).
  const ids = (filter: Filter): number[] => {
    const out: number[] = [];
    for (let id = 1; id <= total; id++) {
      const r = row(id);
      const keep =
        filter === 'all' ||
        (filter === 'response-needed' && r.needsResponse) ||
        (filter === 'sent' && r.lastDirection === 'seller-to-buyer') ||
        (filter === 'undeliverable' && r.badges.includes('undeliverable')) ||
        (filter === 'reported' && r.badges.includes('reported')) ||
        (filter === 'no-response' && r.badges.includes('no-response'));
      if (keep) out.push(id);
    }
    return out;
  };
  const counts = (): FilterCounts =>
    Object.fromEntries(FILTERS.map((f) => [f, f === 'drafts' || f === 'outbox' ? 0 : ids(f).length])) as FilterCounts;

  const handlers: Record<string, (input: never) => unknown> = {
    'app.status': () => status,
    'setup.demo': () => (status = { ...status, firstRun: false }),
    'inbox.counts': () => counts(),
    'inbox.list': ({ filter, offset = 0, limit = 100 }: { filter: Filter; offset?: number; limit?: number }) => {
      const all = ids(filter);
      return { total: all.length, offset, rows: all.slice(offset, offset + limit).map(row) };
    },
    'inbox.search': ({ query }: { query: string }) => {
      const q = query.toLowerCase();
      const out: ConversationRow[] = [];
      for (let id = 1; id <= total && out.length < 50; id++) {
        const r = row(id);
        const hay = [r.buyerName ?? '', r.alias, ...r.orderIds, r.lastLine].find((h) => h.toLowerCase().includes(q));
        if (hay) {
          const at = hay.toLowerCase().indexOf(q);
          out.push({
            ...r,
            snippet: `${hay.slice(0, at)}«${hay.slice(at, at + q.length)}»${hay.slice(at + q.length)}`,
          });
        }
      }
      return out;
    },
    'conversation.get': ({ id }: { id: number }) => {
      if (id < 1 || id > total) throw Object.assign(new Error(`no conversation ${id}`), { code: 'ENOTFOUND' });
      const d = detailFor(id, { reported, noResponse, released });
      return { ...d, conversation: row(id) };
    },
    'message.body': ({ id }: { id: number }) => ({ text: 'Great offer', html: id === 2002 ? HOSTILE_HTML : null }),
    'attachment.get': ({ attachmentId }: { attachmentId: number }) => {
      const file = options.files?.[attachmentId];
      return {
        filename: `file-${attachmentId}`,
        contentType: file?.contentType ?? 'image/png',
        dataBase64: file?.dataBase64 ?? TINY_PNG,
      };
    },
    'message.report': ({ messageId }: { messageId: number }) => {
      reported.add(messageId);
      handled.add(Math.floor(messageId / 1000));
      return { reportId: reported.size };
    },
    'message.noResponse': ({ messageId }: { messageId: number }) => {
      noResponse.add(messageId);
      handled.add(Math.floor(messageId / 1000));
      return { ok: true };
    },
    'message.release': ({ messageId }: { messageId: number }) => {
      released.set(messageId, new Date(Date.UTC(2025, 2, 12, 9, 30)).toISOString());
      return { messageId, conversationId: Math.floor(messageId / 1000), state: 'queued' };
    },
    'drafts.list': () => [],
    'outbox.list': () => [],
    'settings.update': () => status,
  };

  const api = {
    transport: 'http' as const,
    calls,
    on(event: EventName, handler: (payload: never) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(handler);
      listeners.set(event, set);
      return () => set.delete(handler);
    },
    emit(event: EventName, payload: unknown) {
      listeners.get(event)?.forEach((h) => h(payload as never));
    },
  } as unknown as FakeApi;
  for (const [name, handler] of Object.entries(handlers)) {
    (api as unknown as Record<string, unknown>)[name] = async (input: never) => {
      calls.push({ name: name as CallName, input });
      return structuredClone(handler(input));
    };
  }
  return api;
}
