/**
 * The right pane, composed here so features stay apart: the conversation view with the order
 * context (features/orders), each message's attachments (features/attachments), the
 * composer (features/composer) and the record export (features/record, R21) in its slots.
 */
import { useEffect, useState } from 'react';
import type { ConversationDetail, MessageView } from '../../../shared/contract';
import { AttachmentList } from '../features/attachments/AttachmentList';
import { useComposer } from '../features/composer/store';
import { ConversationView } from '../features/conversation/ConversationView';
import { OrderContext } from '../features/orders/OrderContext';
import { AuthorityExportButton } from '../features/record/AuthorityExportButton';
import { ExportRecordButton } from '../features/record/ExportRecordButton';
import { OutboxDetail } from '../features/outbox';
import { useSearch } from '../features/search/store';
import { useInbox } from '../state/inbox-store';
import { preloadable } from './preloadable';

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

const orders = (detail: ConversationDetail) => <OrderContext orders={detail.orders} />;
const attachments = (message: MessageView) => <AttachmentList message={message} />;
const headerActions = (detail: ConversationDetail) => (
  <>
    <ExportRecordButton key={detail.conversation.id} target={{ conversationId: detail.conversation.id }} />
    <AuthorityExportButton
      key={`authority-${detail.conversation.id}`}
      target={{ conversationId: detail.conversation.id }}
    />
  </>
);

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

/** From an Outbox item to its conversation: the conversation opens among all of them. */
function openFromOutbox(conversationId: number): void {
  useInbox.getState().setFilter('all');
  useInbox.getState().select(conversationId);
}

export function ConversationPane() {
  const composerOpen = useComposer((s) => s.isOpen);
  const composerMounted = useComposerMounted();
  // The Outbox lists outbox items, not conversations: the right pane shows the chosen item.
  const outbox = useInbox((s) => s.filter === 'outbox');
  const searching = useSearch((s) => s.query.trim() !== '');
  if (outbox && !searching && !composerOpen) return <OutboxDetail onOpenConversation={openFromOutbox} />;
  return (
    <ConversationView
      orders={orders}
      attachments={attachments}
      composer={composerMounted ? <composerView.View /> : null}
      composerOpen={composerOpen}
      onReply={replyTo}
      onCompose={composeTo}
      headerActions={headerActions}
    />
  );
}
