/**
 * A modal dialog: rendered over the window, focus moves in (to `[data-autofocus]`, else the
 * first control), Tab cycles inside it, Esc or the close button closes it, and focus returns
 * where it was. Global shortcuts ignore keys typed inside a dialog (app/keyboard.ts).
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStrings } from '../i18n';
import { Icon } from './Icon';
import { uiStrings } from './strings';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'normal' | 'large';
  /** For tests and the e2e suite. */
  testId?: string;
}

function focusables(node: HTMLElement): HTMLElement[] {
  return [...node.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

export function Dialog({ open, onClose, title, children, footer, size = 'normal', testId }: DialogProps) {
  const t = useStrings(uiStrings);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    const node = ref.current;
    if (node) {
      const body = node.querySelector<HTMLElement>('.dialog-body');
      const target =
        node.querySelector<HTMLElement>('[data-autofocus]') ??
        (body && focusables(body)[0]) ??
        focusables(node)[0] ??
        node;
      target.focus();
    }
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, [open]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    if (items.length === 0) return event.preventDefault();
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCloseRef.current()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`dialog dialog-${size}`}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label={t('close')}
            onClick={() => onCloseRef.current()}
          >
            <Icon name="x" />
          </button>
        </div>
        {/* Focusable so a long body (a PDF of canvases) scrolls by keyboard too. */}
        <div className="dialog-body" tabIndex={0}>
          {children}
        </div>
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}
