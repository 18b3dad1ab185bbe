/**
 * Push events from the backend update the stores: counts as they come, the relay dot, and —
 * coalesced, because a burst of mail sends a burst of events — the list, the search results
 * and the open conversation. They are the only refresh after a change: a send, a verdict or a
 * withdrawn report does not reload the list itself ('message.new' brings a sent message into the
 * open conversation; 'counts.changed' follows every change to what a filter holds).
 */
import { forgetReadAhead, useConversation } from '../features/conversation/store';
import { useSearch } from '../features/search/store';
import { onBackendEvent } from '../state/backend';
import { useAppStatus } from '../state/status-store';
import { useInbox } from '../state/inbox-store';
import { useShops } from '../state/shops-store';
import { openConversation } from '../state/view-store';

const COALESCE_MS = 250; // one list refresh per quarter second at most during a burst

function coalesce(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, COALESCE_MS);
  };
}

export function subscribeToBackend(): () => void {
  const listChanged = coalesce(() => {
    void useInbox.getState().refreshList();
    useSearch.getState().refresh();
  });
  const shopsChanged = coalesce(() => void useShops.getState().refresh()); // the switcher's counts, every shop's
  const conversationChanged = coalesce(() => void useConversation.getState().reload());
  const touches = (conversationId: number | null) =>
    conversationId !== null && conversationId === useConversation.getState().id;

  const offs = [
    // A conversation read ahead may be out of date after any change: the next open asks again.
    ...(['counts.changed', 'message.new', 'delivery.changed'] as const).map((name) =>
      onBackendEvent(name, forgetReadAhead),
    ),
    onBackendEvent('counts.changed', (counts) => {
      useInbox.getState().setCounts(counts);
      listChanged(); // a verdict or a withdrawn report moves conversations between filters
      shopsChanged();
    }),
    onBackendEvent('relay.status', (status) => useAppStatus.getState().setRelayStatus(status)),
    onBackendEvent('intake.status', (status) => useAppStatus.getState().setIntakeStatus(status)),
    onBackendEvent('message.new', (e) => {
      listChanged();
      if (touches(e.conversationId)) conversationChanged();
    }),
    // The desktop shell: the seller clicked a new message's notification.
    onBackendEvent('conversation.open', (e) => openConversation(e.conversationId)),
    onBackendEvent('delivery.changed', (e) => {
      listChanged();
      if (touches(e.conversationId)) conversationChanged();
    }),
  ];
  return () => offs.forEach((off) => off());
}
