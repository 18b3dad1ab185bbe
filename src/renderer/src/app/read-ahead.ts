/**
 * Reading ahead: once the selected conversation is on screen, the conversations in the rows just below and above it
 * are read in idle time (features/conversation/store.ts keeps them), so j, k or a click on the next row shows it at
 * once instead of after a round trip. Whatever the backend reports changed drops them (app/events.ts).
 */
import { useEffect, useRef } from 'react';
import type { ConversationRow } from '../../../shared/contract';
import { readAhead, useConversation } from '../features/conversation/store';
import { useInbox } from '../state/inbox-store';
import { whenIdle } from '../ui/idle';

const NEIGHBOURS = [1, -1]; // the next row first: lists are worked through downwards

export function useReadAhead(rowAt: (index: number) => ConversationRow | undefined): void {
  const shownId = useConversation((s) => (s.loading ? null : (s.detail?.conversation.id ?? null)));
  const selectedId = useInbox((s) => s.selectedId);
  // Once per conversation shown: a list refreshed under it (new mail) does not read its neighbours again.
  const rows = useRef(rowAt);
  rows.current = rowAt;
  useEffect(() => {
    const rowAt = rows.current;
    if (shownId === null || shownId !== selectedId) return;
    const { selectedIndex } = useInbox.getState();
    if (selectedIndex < 0 || rowAt(selectedIndex)?.id !== selectedId) return;
    const ids = NEIGHBOURS.map((d) => rowAt(selectedIndex + d)?.id).filter((id): id is number => id !== undefined);
    return whenIdle(() => ids.forEach(readAhead), 1000, 50);
  }, [shownId, selectedId]);
}
