/**
 * What the seller sees of Parley when the window is not in front: the count of messages needing
 * a response (R20) on the dock (macOS) or launcher (app.setBadgeCount) and in the tray tooltip,
 * and an OS notification for each new buyer message (unless the seller turned them off) that opens its conversation
 * on click.
 */
import type { App, Notification as ElectronNotification, NotificationConstructorOptions, Tray } from 'electron';
import type { ContractEvents, FilterCounts } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import { shellText } from './shell-strings.js';

export interface BadgeDeps {
  app: Pick<App, 'setBadgeCount'>;
  /** The tray icon where there is one (Windows, Linux); null on macOS, where the dock shows the badge. */
  tray: Pick<Tray, 'setToolTip'> | null;
  language: () => Language;
}

/** Shows the 'response-needed' count; returns what it showed, for the tray title on re-render. */
export function showResponseNeeded(deps: BadgeDeps, counts: FilterCounts): number {
  const n = Math.max(0, counts['response-needed'] ?? 0);
  deps.app.setBadgeCount(n); // Windows ignores it (returns false); the tray says it there
  const key = n === 0 ? 'trayNone' : n === 1 ? 'trayOne' : 'trayMany';
  deps.tray?.setToolTip(shellText(deps.language(), key, { n }));
  return n;
}

type NotificationLike = Pick<ElectronNotification, 'show' | 'on'>;

export interface NotifyDeps {
  Notification: { new (options: NotificationConstructorOptions): NotificationLike; isSupported(): boolean };
  /** True while the seller is looking at the window: then the list itself is the notification. */
  windowFocused: () => boolean;
  focusWindow: () => void;
  /** Brings the window forward with that conversation open. */
  openConversation: (conversationId: number) => void;
  /** The seller's setting; off: no notification at all. */
  enabled: () => boolean;
  language: () => Language;
}

/**
 * Returns the 'message.new' listener; a notification is kept referenced until it is done with, or its click would be
 * lost to GC.
 */
export function buyerMessageNotifier(deps: NotifyDeps): (message: ContractEvents['message.new']) => void {
  const live = new Set<NotificationLike>();
  return (message) => {
    if (message.direction !== 'buyer-to-seller' || !deps.enabled() || deps.windowFocused()) return;
    if (!deps.Notification.isSupported()) return;
    const language = deps.language();
    const notification = new deps.Notification({
      title: shellText(language, 'newMessage', { name: message.fromLabel }),
      body: message.subject || shellText(language, 'noSubject'),
    });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      if (message.conversationId === null) deps.focusWindow();
      else deps.openConversation(message.conversationId);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  };
}
