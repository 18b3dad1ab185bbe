/**
 * The inbox's single-key shortcuts, Gmail/Thunderbird style. They never fire
 * while the seller types (inputs, text areas, editable content) or works in a dialog, and
 * never with Ctrl/Alt/Meta held (Ctrl+Enter belongs to the composer).
 */
import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  next(): void;
  previous(): void;
  open(): void;
  back(): void;
  reply(): void;
  compose(): void;
  search(): void;
  help(): void;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (
    target.closest(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="dialog"], [role="alertdialog"]',
    )
  )
    return true;
  return false;
}

/** Keys a focused control handles itself: Enter on a button or link activates it. */
function ownsEnter(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest('button, a[href], [role="listbox"], summary');
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      const h = ref.current;
      const actions: Record<string, (() => void) | undefined> = {
        j: h.next,
        k: h.previous,
        o: h.open,
        Enter: ownsEnter(event.target) ? undefined : h.open,
        u: h.back,
        r: h.reply,
        c: h.compose,
        '/': h.search,
        '?': h.help,
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
