/**
 * A message's attachments: a card each with preview, name, size and type, Open (viewer dialog)
 * and Save (a download from a blob URL). Attachments the relay removed (R15) stay listed, struck
 * through, with the reason — the seller sees what the buyer tried to send. A file whose content still names the
 * address the relay hides (R5, R6: the relay rewrites texts and file names, never the bytes of a file) says so.
 */
import { useState } from 'react';
import type { AttachmentView, MessageView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { fileSize } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { loadAttachment, previewKind, type LoadedAttachment } from './load';
import { attStrings } from './strings';
import { Thumbnail } from './Thumbnail';
import { ViewerContent } from './ViewerContent';
import { failure } from '../../api/errors';

/** Starts a download of a loaded attachment through a temporary <a download>. */
function download(loaded: LoadedAttachment, filename: string) {
  const a = document.createElement('a');
  a.href = loaded.url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function AttachmentCard({
  messageId,
  attachment,
  direction,
}: {
  messageId: number;
  attachment: AttachmentView;
  direction: MessageView['direction'];
}) {
  const t = useStrings(attStrings);
  const language = useLanguage((s) => s.language);
  const [viewing, setViewing] = useState<LoadedAttachment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kind = previewKind(attachment);
  const type =
    attachment.sniffedType && attachment.sniffedType !== 'unknown'
      ? attachment.sniffedType.toUpperCase()
      : attachment.declaredType;

  const withLoaded = (then: (l: LoadedAttachment) => void) => () => {
    setError(null);
    loadAttachment(messageId, attachment.id).then(then, (e) => setError(failure(e).message));
  };

  if (attachment.removed) {
    return (
      <li className="att att-removed" data-testid="attachment" data-removed="true">
        <Icon name="ban" size={20} />
        <div className="att-info">
          <s className="att-name">{attachment.filename}</s>
          <span className="small">
            {attachment.removedWhy ? t('removed', { why: attachment.removedWhy }) : t('removedNoWhy')}
          </span>
        </div>
      </li>
    );
  }

  return (
    <li className="att" data-testid="attachment">
      {/* A click on the preview opens it too; keyboard and screen readers use the Open button. */}
      <div className="att-open-area" onClick={withLoaded(setViewing)}>
        <Thumbnail messageId={messageId} attachment={attachment} />
      </div>
      <div className="att-info">
        <span className="att-name" title={attachment.filename}>
          {attachment.filename}
        </span>
        <span className="muted small">
          {fileSize(attachment.size, language)} · {type}
        </span>
        {attachment.addressInside && (
          <span className="small att-address" role="note" data-testid="attachment-address-warning">
            <Icon name="alert" size={14} />{' '}
            {t(direction === 'seller-to-buyer' ? 'addressInsideOwn' : 'addressInsideBuyer')}
          </span>
        )}
        <div className="att-actions">
          <Button
            size="small"
            variant="ghost"
            icon="open"
            onClick={withLoaded(setViewing)}
            aria-label={t('openNamed', { name: attachment.filename })}
          >
            {t('open')}
          </Button>
          <Button
            size="small"
            variant="ghost"
            icon="download"
            onClick={withLoaded((l) => download(l, attachment.filename))}
            aria-label={t('saveNamed', { name: attachment.filename })}
          >
            {t('save')}
          </Button>
        </div>
        {error && (
          <span className="small action-error" role="alert">
            {t('failed', { message: error })}
          </span>
        )}
      </div>
      {viewing && (
        <Dialog
          open
          size="large"
          title={attachment.filename}
          onClose={() => setViewing(null)}
          testId="attachment-viewer"
          footer={
            <a className="btn btn-primary" href={viewing.url} download={attachment.filename}>
              <Icon name="download" /> {t('save')}
            </a>
          }
        >
          <ViewerContent kind={kind} loaded={viewing} name={attachment.filename} />
        </Dialog>
      )}
    </li>
  );
}

export function AttachmentList({ message }: { message: MessageView }) {
  const t = useStrings(attStrings);
  // Inline parts of an HTML message are part of its body (cid: images), not files to list.
  const files = message.attachments.filter((a) => !(message.hasHtml && a.contentId && !a.removed));
  if (files.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('list')}>
      {files.map((a) => (
        <AttachmentCard key={a.id} messageId={message.id} attachment={a} direction={message.direction} />
      ))}
    </ul>
  );
}
