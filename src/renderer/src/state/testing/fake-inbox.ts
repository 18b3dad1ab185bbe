/**
 * Tests only: the fake backend's inbox (fake-backend.ts) over made-up rows (fake-data.ts). It
 * remembers reports, "no response needed" marks and releases, and announces them with the push
 * events the real backend sends ('counts.changed', 'delivery.changed'), a moment after answering.
 */
import {
  FILTERS,
  type ConversationRow,
  type EventName,
  type Filter,
  type FilterCounts,
} from '../../../../shared/contract';
import { detailFor, HOSTILE_HTML, rowFor } from './fake-data';

export interface InboxOptions {
  /** How many conversations the inbox holds (300 unless given). */
  conversations?: number;
  /** Attachment bytes by attachment id (base64), e.g. a real PDF. */
  files?: Record<number, { contentType: string; dataBase64: string }>;
}

const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export function inboxHandlers(
  emit: (event: EventName, payload: unknown) => void,
  options: InboxOptions,
): Record<string, (input: never) => unknown> {
  const total = options.conversations ?? 300;
  const reported = new Set<number>();
  const noResponse = new Set<number>();
  const handled = new Set<number>(); // conversations that left 'response-needed'
  const released = new Map<number, string>(); // R11: held seller messages released, and when

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
  // Like the backend: the answer first, the recount as a push event after it.
  const countsSoon = () => setTimeout(() => emit('counts.changed', counts()), 0);

  return {
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
      if (id < 1 || id > total) throw { code: 'ENOTFOUND', message: `No conversation ${id}` };
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
      countsSoon();
      return { reportId: reported.size };
    },
    'message.noResponse': ({ messageId }: { messageId: number }) => {
      noResponse.add(messageId);
      handled.add(Math.floor(messageId / 1000));
      countsSoon();
      return { ok: true };
    },
    'message.release': ({ messageId }: { messageId: number }) => {
      const conversationId = Math.floor(messageId / 1000);
      released.set(messageId, new Date(Date.UTC(2025, 2, 12, 9, 30)).toISOString());
      emit('delivery.changed', {
        outboxId: messageId,
        messageId,
        conversationId,
        state: 'queued',
        nextAttemptAt: null,
        lastError: null,
      });
      countsSoon();
      return { messageId, conversationId, state: 'queued' };
    },
  };
}
