// @vitest-environment jsdom
/**
 * One draft per buyer and purpose: New message twice to the same buyer reopens the one draft, changing its reason
 * saves that draft again (never a second), and a reply is a draft of its own.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DraftInput, DraftView } from '../../../../shared/contract';
import { savedDraft, type FakeBackend } from '../../state/testing/fake-backend';
import { Composer } from './Composer';
import { useComposer } from './store';
import { composerApi, openReply, resetComposer } from './testing/fixtures';

let api: FakeBackend;
/** The store's drafts, as drafts.save and drafts.list keep them. */
let stored: Map<number, DraftView>;

beforeEach(() => {
  api = composerApi();
  stored = new Map();
  api['drafts.save'].mockImplementation(async (input: DraftInput) => {
    const view = savedDraft(input.id !== undefined && stored.has(input.id) ? input : { ...input, id: undefined });
    stored.set(view.id, view);
    return view;
  });
  api['drafts.list'].mockImplementation(async () => [...stored.values()].reverse());
  resetComposer(api);
});
afterEach(() => cleanup());

const body = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const newMessage = () =>
  act(async () => useComposer.getState().openNew({ conversationId: 7, alias: 't969vz2jn3bdsy7' }));
const close = () => act(async () => useComposer.getState().close());

describe('one draft per buyer and purpose', () => {
  it('New message twice to the same buyer reopens the draft left, not a second one', async () => {
    render(<Composer />);
    await newMessage();
    fireEvent.change(body(), { target: { value: 'About the lid' } });
    await close();
    expect(stored.size).toBe(1);
    const [id] = stored.keys();
    await newMessage();
    expect(useComposer.getState().form.draftId).toBe(id);
    expect(body().value).toBe('About the lid');
    fireEvent.change(body(), { target: { value: 'About the lid, and the box' } });
    await close();
    expect([...stored.values()].map((d) => [d.id, d.body])).toEqual([[id, 'About the lid, and the box']]);
  });

  it('changing the reason of an open draft saves that draft, under the same id', async () => {
    render(<Composer />);
    await newMessage();
    fireEvent.change(body(), { target: { value: 'When may we deliver?' } });
    await act(async () => void (await useComposer.getState().saveNow()));
    const id = useComposer.getState().form.draftId;
    expect(id).toBeDefined();
    const reason = screen.getByRole('combobox', { name: 'Reason' });
    fireEvent.change(reason, { target: { value: 'customization' } });
    await act(async () => void (await useComposer.getState().saveNow()));
    fireEvent.change(screen.getByRole('combobox', { name: 'Reason' }), { target: { value: 'delivery-scheduling' } });
    await close();
    expect([...stored.values()].map((d) => [d.id, d.topic])).toEqual([[id, 'delivery-scheduling']]);
    await newMessage();
    expect((screen.getByRole('combobox', { name: 'Reason' }) as HTMLSelectElement).value).toBe('delivery-scheduling');
  });

  it('a reply is a draft of its own beside the new message', async () => {
    render(<Composer />);
    await newMessage();
    fireEvent.change(body(), { target: { value: 'A new message' } });
    await close();
    await openReply();
    expect(useComposer.getState().mode).toBe('reply');
    expect(useComposer.getState().form.draftId).toBeUndefined();
    fireEvent.change(body(), { target: { value: 'A reply' } });
    await close();
    await waitFor(() => expect(stored.size).toBe(2));
    await openReply();
    expect(body().value).toBe('A reply');
  });
});
