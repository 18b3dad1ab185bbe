/**
 * The right pane: replying and composing from anywhere (r, c), the composer mounted after the first paint, and the
 * pane's content (ConversationPaneBody: the conversation with its orders, attachments and record export, or the chosen
 * Outbox item), whose code is not in the first bundle: it loads right after the first paint, and until it is in the
 * pane shows what the conversation view shows at first (nothing chosen yet, or loading), so there is no empty frame.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ConversationDetail } from '../../../shared/contract';
import { useComposer } from '../features/composer/store';
import { NothingSelected } from '../features/conversation/NothingSelected';
import { convStrings } from '../features/conversation/strings';
import { useSearch } from '../features/search/store';
import { useStrings } from '../i18n';
import { useInbox } from '../state/inbox-store';
import { whenIdle } from '../ui/idle';
import type { ConversationPaneBodyProps } from './ConversationPaneBody';
import { draftsList, outboxList } from './ListPane';
import { preloadable } from './preloadable';

export const conversationPaneBody = preloadable<ConversationPaneBodyProps>(() => import('./ConversationPaneBody'));

// The composer (its spell checker, templates, the send check) loads after the inbox is on screen: it is not needed
// for the first rows. It mounts then (it recovers drafts kept on this device), or at once when the seller writes.
export const composerView = preloadable<Record<string, never>>(async () => ({
  default: (await import('../features/composer/Composer')).Composer,
}));
const COMPOSER_AFTER_MS = 1000;

function useComposerMounted(): boolean {
  const opened = useComposer((s) => s.isOpen || s.openCount > 0);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      composerView.preload().then(
        () => live && setReady(true),
        () => {}, // opening the composer tries again and says so
      );
    }, COMPOSER_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return opened || ready;
}

/** r: reply to the latest buyer message (R10a); a conversation without one gets a new message. */
export function replyTo(detail: ConversationDetail): void {
  const composer = useComposer.getState();
  const buyerMessage = [...detail.messages].reverse().find((m) => m.direction === 'buyer-to-seller');
  if (buyerMessage)
    void composer.openReply({ conversationId: detail.conversation.id, replyToMessageId: buyerMessage.id });
  else composeTo(detail);
}

/** c: a new message to this buyer, about their order when there is exactly one. */
export function composeTo(detail: ConversationDetail | null): void {
  if (!detail) {
    void useComposer.getState().openNew({});
    return;
  }
  const only = detail.orders.length === 1 ? detail.orders[0].orderId : undefined;
  void useComposer.getState().openNew({
    conversationId: detail.conversation.id,
    alias: detail.conversation.alias,
    ...(only ? { orderId: only } : {}),
  });
}

/** What the conversation view shows before anything is loaded, while its code is on the way. */
function PaneWhileLoading({
  outbox,
  composer,
  composerOpen,
}: {
  outbox: boolean;
  composer: ReactNode;
  composerOpen: boolean;
}) {
  const t = useStrings(convStrings);
  const selectedId = useInbox((s) => s.selectedId);
  if (outbox) return null;
  if (selectedId !== null) return <div className="empty">{t('loading')}</div>;
  return <NothingSelected composerOpen={composerOpen} composer={composer} />;
}

export function ConversationPane() {
  const composerOpen = useComposer((s) => s.isOpen);
  const composerMounted = useComposerMounted();
  // The Outbox lists outbox items, not conversations: the right pane shows the chosen item.
  const outbox = useInbox((s) => s.filter === 'outbox');
  const searching = useSearch((s) => s.query.trim() !== '');
  const showOutbox = outbox && !searching && !composerOpen;
  useEffect(() => {
    // Right after the first paint, in idle time: a click on a conversation then finds the code in.
    whenIdle(
      () =>
        void conversationPaneBody
          .preload()
          .then(() => Promise.all([draftsList.preload(), outboxList.preload()]))
          .catch(() => {}), // a warm-up only: the real use reports its own failure
      200,
    );
  }, []);
  const composer = composerMounted ? <composerView.View /> : null;
  return (
    <conversationPaneBody.View
      outbox={showOutbox}
      composer={composer}
      composerOpen={composerOpen}
      onReply={replyTo}
      onCompose={composeTo}
      fallback={<PaneWhileLoading outbox={showOutbox} composer={composer} composerOpen={composerOpen} />}
    />
  );
}
