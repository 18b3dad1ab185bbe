/**
 * The right pane's content for the selected conversation. It loads on selection; long threads
 * show only the last MESSAGES_SHOWN messages until the seller asks for earlier ones, so opening a
 * 500-message thread costs what opening a short one does. The app fills the slots: the order
 * context, each message's attachments, and the composer.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ConversationDetail, MessageView } from '../../../../shared/contract';
import { useInbox } from '../../state/inbox-store';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { classifyLink, type LinkAction, type MessageLink } from './links';
import { LinkDialog } from './LinkDialog';
import { ConversationHeader } from './ConversationHeader';
import { MessageItem } from './MessageItem';
import { NothingSelected } from './NothingSelected';
import { ReportDialog } from './ReportDialog';
import { useConversation } from './store';
import { convStrings } from './strings';

const MESSAGES_SHOWN = 20; // expanded at first; the rest behind "show earlier"
const MORE_STEP = 50;

export interface ConversationViewProps {
  orders(detail: ConversationDetail): ReactNode;
  attachments(message: MessageView): ReactNode;
  composer: ReactNode;
  /** The composer is open: with nothing selected it takes the pane. */
  composerOpen: boolean;
  onReply(detail: ConversationDetail): void;
  onCompose(detail: ConversationDetail): void;
  /** More header buttons from other features (the R21 record export). */
  headerActions?(detail: ConversationDetail): ReactNode;
}

function Messages({
  detail,
  attachments,
  onCompose,
}: {
  detail: ConversationDetail;
  attachments: ConversationViewProps['attachments'];
  onCompose(): void;
}) {
  const t = useStrings(convStrings);
  const [shown, setShown] = useState(MESSAGES_SHOWN);
  const [reportFor, setReportFor] = useState<number | null>(null);
  const [link, setLink] = useState<LinkAction | null>(null);
  const alias = detail.conversation.aliasAddress;
  const compose = useRef(onCompose);
  compose.current = onCompose;
  // A link asks first; mailto: this conversation's alias is a new message to the buyer, here. Stable, so the
  // memoized messages do not re-render with every pane update.
  const onLink = useCallback(
    (clicked: MessageLink) => {
      const action = classifyLink(clicked, alias);
      if (action.kind === 'mailto') compose.current();
      else setLink(action);
    },
    [alias],
  );
  const hidden = Math.max(0, detail.messages.length - shown);
  return (
    <section className="messages" aria-label={t('messages')}>
      {hidden > 0 && (
        <Button
          variant="ghost"
          className="messages-earlier"
          onClick={() => setShown(shown + MORE_STEP)}
          data-testid="show-earlier"
        >
          {t('earlier', { count: hidden })}
        </Button>
      )}
      {detail.messages.slice(hidden).map((m) => (
        <MessageItem key={m.id} message={m} attachments={attachments(m)} onReport={setReportFor} onLink={onLink} />
      ))}
      {reportFor !== null && <ReportDialog messageId={reportFor} onClose={() => setReportFor(null)} />}
      {link && <LinkDialog action={link} onClose={() => setLink(null)} />}
    </section>
  );
}

export function ConversationView({
  orders,
  attachments,
  composer,
  composerOpen,
  onReply,
  onCompose,
  headerActions,
}: ConversationViewProps) {
  const t = useStrings(convStrings);
  const selectedId = useInbox((s) => s.selectedId);
  const detail = useConversation((s) => s.detail);
  const loading = useConversation((s) => s.loading);
  const error = useConversation((s) => s.error);
  const load = useConversation((s) => s.load);

  useEffect(() => {
    void load(selectedId);
  }, [selectedId, load]);

  if (selectedId === null) return <NothingSelected composerOpen={composerOpen} composer={composer} />;
  if (error && !detail) {
    return (
      <div className="empty" role="alert">
        <p>{t('failed', { message: error })}</p>
        <Button onClick={() => load(selectedId)}>{t('retry')}</Button>
      </div>
    );
  }
  if (!detail)
    return (
      <div className="empty" aria-busy={loading}>
        {t('loading')}
      </div>
    );

  return (
    <div className="conversation" data-testid="conversation" data-id={detail.conversation.id}>
      <ConversationHeader
        detail={detail}
        onReply={() => onReply(detail)}
        onCompose={() => onCompose(detail)}
        actions={headerActions?.(detail)}
      />
      {orders(detail)}
      <Messages
        key={detail.conversation.id}
        detail={detail}
        attachments={attachments}
        onCompose={() => onCompose(detail)}
      />
      {composer}
    </div>
  );
}
