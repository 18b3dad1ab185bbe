/**
 * Who the conversation is with: buyer name, alias (R1, with a copy button), reply and new-message buttons, the R10
 * opt-out notice.
 */
import { useState, type ReactNode } from 'react';
import type { ConversationDetail } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { convStrings } from './strings';

interface Props {
  detail: ConversationDetail;
  onReply(): void;
  onCompose(): void;
  /** Slot for other features' buttons (the app puts "Export record" here, R21). */
  actions?: ReactNode;
}

export function ConversationHeader({ detail, onReply, onCompose, actions }: Props) {
  const t = useStrings(convStrings);
  const [copied, setCopied] = useState(false);
  const c = detail.conversation;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(c.aliasAddress);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // no clipboard permission (a browser without focus): the address is selectable text
    }
  };

  return (
    <>
      <header className="conv-header">
        <div className="conv-title">
          <h2 data-testid="conversation-buyer">{c.buyerName ?? c.alias}</h2>
          <div className="conv-alias">
            <span className="muted">{t('alias')}:</span>
            <span className="conv-alias-address" data-testid="conversation-alias">
              {c.aliasAddress}
            </span>
            <Button
              variant="ghost"
              size="small"
              icon={copied ? 'check' : 'copy'}
              aria-label={t('copyAlias')}
              title={t('copyAlias')}
              onClick={copy}
            />
            <span role="status" className="conv-copied">
              {copied ? t('copied') : ''}
            </span>
          </div>
        </div>
        <div className="conv-actions">
          <Button variant="primary" icon="reply" onClick={onReply} aria-keyshortcuts="r" data-testid="reply-button">
            {t('reply')}
          </Button>
          <Button icon="compose" onClick={onCompose} aria-keyshortcuts="c" data-testid="new-message-button">
            {t('newMessage')}
          </Button>
          {actions}
        </div>
      </header>
      {detail.buyerOptedOut && (
        <p className="notice notice-warning conv-opted-out" data-testid="opted-out">
          <Icon name="ban" />
          <span>{t('optedOut')}</span>
        </p>
      )}
    </>
  );
}
