/**
 * The middle pane's list: a listbox of conversations, virtualized (only the rows on screen plus
 * a small margin are in the DOM, whatever the total), with rows fetched as they come into view.
 * Used for the inbox filters and for search results alike; j/k arrive through listCommands.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { ConversationRow } from '../../../../shared/contract';
import { useInbox } from '../../state/inbox-store';
import { useStrings } from '../../i18n';
import { ConversationRowView, rowDomId } from './ConversationRowView';
import { listCommands } from './list-commands';
import { listStrings } from './strings';

export const ROW_HEIGHT = 78; // px, = --row-height in styles/layout.css
const OVERSCAN = 6; // rows above and below the screen

export interface ConversationListProps {
  label: string;
  count: number;
  rowAt(index: number): ConversationRow | undefined;
  indexOf(id: number): number;
  /** The rows [start, end] are on screen (fetch what is missing). */
  onRange?(start: number, end: number): void;
  /** A change of this key starts the list over at the top. */
  resetKey: string | number;
  /** Enter/o or a double click: the seller wants to read (app moves focus to the conversation). */
  onOpen(id: number): void;
  empty: ReactNode;
}

export function ConversationList({
  label,
  count,
  rowAt,
  indexOf,
  onRange,
  resetKey,
  onOpen,
  empty,
}: ConversationListProps) {
  const t = useStrings(listStrings);
  const selectedId = useInbox((s) => s.selectedId);
  const select = useInbox((s) => s.select);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 400, height: 900 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= 0) onRange?.(first, last);
  }, [first, last, onRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [resetKey]);

  const onSelect = useCallback((id: number, index: number) => select(id, index), [select]);
  const open = useCallback(
    (id: number, index: number) => {
      select(id, index);
      onOpen(id);
    },
    [select, onOpen],
  );

  const move = useCallback(
    (delta: number) => {
      if (count === 0) return;
      const { selectedId: id, selectedIndex } = useInbox.getState();
      let current = id === null ? -1 : rowAt(selectedIndex)?.id === id ? selectedIndex : indexOf(id);
      // The selected conversation left the list (answered, marked): the row now in its place is "next".
      if (current < 0 && id !== null && selectedIndex >= 0 && delta > 0) current = selectedIndex - 1;
      const index = Math.min(count - 1, Math.max(0, current < 0 && delta < 0 ? 0 : current + delta));
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const row = rowAt(index);
      select(row ? row.id : id, index);
    },
    [count, rowAt, indexOf, select, virtualizer],
  );

  useEffect(() => listCommands.register({ move, focus: () => scrollRef.current?.focus() }), [move]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      Home: () => move(-count),
      End: () => move(count),
      Enter: () => selectedId !== null && onOpen(selectedId),
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  const activeRendered = selectedId !== null && items.some((i) => rowAt(i.index)?.id === selectedId);

  if (count === 0) {
    return (
      <div ref={scrollRef} className="list-scroll" tabIndex={-1} data-testid="conversation-list">
        <div className="empty">{empty}</div>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className="list-scroll"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeRendered && selectedId !== null ? rowDomId(selectedId) : undefined}
      onKeyDown={onKeyDown}
      data-testid="conversation-list"
    >
      <div className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          if (!row) {
            return (
              <div
                key={item.index}
                className="row row-pending"
                role="option"
                aria-selected={false}
                aria-busy="true"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {t('loading')}
              </div>
            );
          }
          return (
            <ConversationRowView
              key={item.index}
              row={row}
              index={item.index}
              count={count}
              selected={row.id === selectedId}
              top={item.start}
              onSelect={onSelect}
              onOpen={open}
            />
          );
        })}
      </div>
    </div>
  );
}
