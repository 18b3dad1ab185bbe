/**
 * The right pane's content, composed here so features stay apart: the conversation view with the order context
 * (features/orders), each message's attachments (features/attachments) and the record export (features/record, R21) in
 * its slots, or the chosen Outbox item. Its code is not in the first bundle: ConversationPane loads it right after the
 * first paint.
 */
import type { ReactNode } from 'react';
import type { ConversationDetail, MessageView } from '../../../shared/contract';
import { AttachmentList } from '../features/attachments/AttachmentList';
import { ConversationView } from '../features/conversation/ConversationView';
import { OrderContext } from '../features/orders/OrderContext';
import { OutboxDetail } from '../features/outbox/OutboxDetail';
import { AuthorityExportButton } from '../features/record/AuthorityExportButton';
import { ExportRecordButton } from '../features/record/ExportRecordButton';
import { useInbox } from '../state/inbox-store';

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

/** From an Outbox item to its conversation: the conversation opens among all of them. */
function openFromOutbox(conversationId: number): void {
  useInbox.getState().setFilter('all');
  useInbox.getState().select(conversationId);
}

export interface ConversationPaneBodyProps {
  /** The Outbox's chosen item instead of a conversation. */
  outbox: boolean;
  composer: ReactNode;
  composerOpen: boolean;
  onReply(detail: ConversationDetail): void;
  onCompose(detail: ConversationDetail | null): void;
}

export default function ConversationPaneBody({
  outbox,
  composer,
  composerOpen,
  onReply,
  onCompose,
}: ConversationPaneBodyProps) {
  if (outbox) return <OutboxDetail onOpenConversation={openFromOutbox} />;
  return (
    <ConversationView
      orders={orders}
      attachments={attachments}
      composer={composer}
      composerOpen={composerOpen}
      onReply={onReply}
      onCompose={onCompose}
      headerActions={headerActions}
    />
  );
}
