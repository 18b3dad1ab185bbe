/** The saver: idle debounce, one save at a time (no duplicate new drafts), retry with backoff. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftInput, DraftView } from '../../../../shared/contract';
import { IDLE_SAVE_MS, createSaver } from './autosave';

let text = '';
let id: number | undefined;
const view = (input: DraftInput): DraftView => ({
  id: input.id ?? 1,
  conversationId: 7,
  alias: null,
  orderId: null,
  topic: null,
  subject: input.subject,
  body: input.body,
  important: false,
  replyToMessageId: null,
  attachments: [],
  updatedAt: '2025-03-01T12:03:00Z',
});

function setup(persist: (input: DraftInput) => Promise<DraftView>) {
  const hooks = {
    snapshot: (): DraftInput => ({ id, subject: 's', body: text }),
    persist: vi.fn(persist),
    onSaving: vi.fn(),
    onSaved: vi.fn((v: DraftView) => (id = v.id)),
    onFailed: vi.fn(),
  };
  return { hooks, saver: createSaver(hooks) };
}

beforeEach(() => {
  vi.useFakeTimers();
  text = '';
  id = undefined;
});
afterEach(() => vi.useRealTimers());

describe('createSaver', () => {
  it('saves once after the seller stops typing', async () => {
    const { hooks, saver } = setup(async (i) => view(i));
    for (const t of ['a', 'ab', 'abc']) {
      text = t;
      saver.touch();
      await vi.advanceTimersByTimeAsync(IDLE_SAVE_MS / 2);
    }
    expect(hooks.persist).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(IDLE_SAVE_MS);
    expect(hooks.persist).toHaveBeenCalledTimes(1);
    expect(hooks.persist.mock.calls[0][0].body).toBe('abc');
  });

  it('never runs two saves at once: an edit during a save is saved after it, with the new id', async () => {
    let release!: () => void;
    const { hooks, saver } = setup((i) => new Promise((r) => (release = () => r(view(i)))));
    text = 'one';
    saver.touch();
    const first = saver.flush();
    text = 'two';
    saver.touch();
    const second = saver.flush();
    expect(hooks.persist).toHaveBeenCalledTimes(1);
    release();
    await first;
    await vi.waitFor(() => expect(hooks.persist).toHaveBeenCalledTimes(2));
    release();
    expect(await second).toBe(true);
    expect(hooks.persist.mock.calls[1][0]).toMatchObject({ id: 1, body: 'two' });
  });

  it('retries a failed save with growing waits until it succeeds', async () => {
    let failures = 2;
    const { hooks, saver } = setup(async (i) => (failures-- > 0 ? Promise.reject(new Error('offline')) : view(i)));
    text = 'keep me';
    saver.touch();
    expect(await saver.flush()).toBe(false);
    expect(hooks.onFailed).toHaveBeenLastCalledWith('offline.', 2000, expect.objectContaining({ body: 'keep me' }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(hooks.onFailed).toHaveBeenLastCalledWith('offline.', 4000, expect.anything());
    await vi.advanceTimersByTimeAsync(4000);
    expect(hooks.persist).toHaveBeenCalledTimes(3);
    expect(hooks.onSaved).toHaveBeenCalledTimes(1);
    expect(saver.dirty).toBe(false);
  });

  it('forgets pending work on reset (after a send)', async () => {
    const { hooks, saver } = setup(async (i) => view(i));
    text = 'sent already';
    saver.touch();
    saver.reset();
    await vi.advanceTimersByTimeAsync(IDLE_SAVE_MS * 2);
    expect(hooks.persist).not.toHaveBeenCalled();
  });
});
