// @vitest-environment jsdom
/** The inbox store: R20's default, windows fetched on demand, answers for an old filter dropped. */
import { beforeEach, describe, expect, it } from 'vitest';
import { setApi } from './backend';
import { useInbox } from './inbox-store';
import { createFakeBackend } from './testing/fake-backend';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('useInbox', () => {
  beforeEach(() => useInbox.setState(useInbox.getInitialState(), true));

  it("starts on 'response-needed' (R20)", () => {
    expect(useInbox.getState().filter).toBe('response-needed');
  });

  it('fetches the windows around what is on screen, once each', async () => {
    const api = createFakeBackend({ conversations: 10_000 });
    setApi(api);
    useInbox.getState().setFilter('all');
    await settle();
    expect(useInbox.getState().total).toBe(10_000);
    useInbox.getState().ensureRange(5_000, 5_020);
    useInbox.getState().ensureRange(5_000, 5_020);
    await settle();
    const offsets = api.calls.filter((c) => c.name === 'inbox.list').map((c) => (c.input as { offset: number }).offset);
    expect(offsets.filter((o) => o === 5_000)).toHaveLength(1);
    expect(offsets).toEqual(expect.arrayContaining([4_900, 5_000, 5_100]));
    expect(useInbox.getState().pages.get(50)?.[0].id).toBe(5_001);
  });

  it('asks for the neighbours of the first window once, also when the list mounts while they are on the way', async () => {
    const api = createFakeBackend({ conversations: 10_000 });
    setApi(api);
    // The list mounts as soon as the first window shows and reports the rows on screen.
    const off = useInbox.subscribe((s, prev) => {
      if (s.total !== null && prev.total === null) s.ensureRange(0, 20);
    });
    useInbox.getState().setFilter('all');
    await settle();
    await settle();
    off();
    const offsets = api.calls.filter((c) => c.name === 'inbox.list').map((c) => (c.input as { offset: number }).offset);
    expect(offsets).toEqual([0, 100]);
    expect(useInbox.getState().pages.get(1)?.[0].id).toBe(101);
  });

  it('drops a late answer for a filter the seller already left', async () => {
    const api = createFakeBackend({ conversations: 50 });
    let release!: () => void;
    const slow = api['inbox.list'].getMockImplementation()!;
    api['inbox.list'].mockImplementation(async (input) => {
      if (input.filter === 'sent') await new Promise<void>((r) => (release = r));
      return slow(input);
    });
    setApi(api);
    useInbox.getState().setFilter('sent');
    useInbox.getState().setFilter('reported');
    await settle();
    release();
    await settle();
    expect(useInbox.getState().filter).toBe('reported');
    expect(useInbox.getState().total).toBe(4); // the fake's reported rows of 50, not the 33 sent ones
  });

  it('keeps the error for the seller when the list cannot be read', async () => {
    const api = createFakeBackend();
    api['inbox.list'].mockRejectedValue({ code: 'ESTORE', message: 'database is locked' });
    setApi(api);
    await useInbox.getState().refreshList();
    expect(useInbox.getState().listError).toBe('Parley could not read or write its data.');
  });
});
