/**
 * The composer: reply or new message, live policy dry run, attachments by drop,
 * picker or paste, Ctrl+Enter (⌘+Enter) to send, and drafts that never vanish — saved on idle,
 * blur, close, and when the window is hidden or unloads. Renders nothing when closed but the
 * short notice of what became of the last message.
 */
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { addFiles } from './attach';
import { AttachmentArea } from './AttachmentArea';
import { ComposerFields } from './ComposerFields';
import { ComposerFooter } from './ComposerFooter';
import { ConfirmSend } from './ConfirmSend';
import { DryRunPanel } from './DryRunPanel';
import { recoverPending } from './recovery';
import { SentNotice } from './SentNotice';
import { SpellCheck } from './SpellCheck';
import { composerStrings } from './strings';
import { saveBeforeLeaving, useComposer } from './store';
import { TemplateButton, TemplateGaps, TemplatePicker } from './TemplatePicker';
import { isPickerKey, useTemplatePicker } from './templates';
import './composer.css';

function useLeaveGuards(): void {
  useEffect(() => {
    const onHidden = () => document.visibilityState === 'hidden' && saveBeforeLeaving();
    const onOnline = () => void recoverPending();
    window.addEventListener('beforeunload', saveBeforeLeaving);
    window.addEventListener('pagehide', saveBeforeLeaving);
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onHidden);
    void recoverPending(); // drafts kept on this device by an earlier run
    return () => {
      window.removeEventListener('beforeunload', saveBeforeLeaving);
      window.removeEventListener('pagehide', saveBeforeLeaving);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, []);
}

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

export function Composer() {
  const t = useStrings(composerStrings);
  const isOpen = useComposer((s) => s.isOpen);
  const openCount = useComposer((s) => s.openCount);
  const loading = useComposer((s) => s.loading);
  const loadError = useComposer((s) => s.loadError);
  const mode = useComposer((s) => s.mode);
  const buyer = useComposer((s) => s.buyerLabel);
  const body = useComposer((s) => s.form.body);
  const sending = useComposer((s) => s.sending);
  const { update, saveNow, send, close } = useComposer.getState();
  const [dragDepth, setDragDepth] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const region = useRef<HTMLElement>(null);
  useLeaveGuards();

  // A reply opens with the caret above the quote (R10a): the seller writes first, the original follows. The whole
  // composer is brought into view, Send included (it is never taller than the window: composer.css).
  useEffect(() => {
    if (!isOpen || loading || !textarea.current) return;
    textarea.current.focus({ preventScroll: true });
    textarea.current.setSelectionRange(0, 0);
    region.current?.scrollIntoView?.({ block: 'nearest' });
  }, [isOpen, loading, openCount]);

  if (!isOpen) return <SentNotice />;

  const onKeyDown = (e: KeyboardEvent) => {
    if (isPickerKey(e)) {
      e.preventDefault();
      e.stopPropagation();
      useTemplatePicker.getState().show();
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      void send();
    }
  };
  const onPaste = (e: ClipboardEvent) => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length === 0) return; // ordinary text paste
    e.preventDefault();
    void addFiles(files);
  };
  const drag = {
    onDragEnter: (e: DragEvent) => hasFiles(e) && (e.preventDefault(), setDragDepth((d) => d + 1)),
    onDragOver: (e: DragEvent) => hasFiles(e) && e.preventDefault(),
    onDragLeave: (e: DragEvent) => hasFiles(e) && setDragDepth((d) => Math.max(0, d - 1)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setDragDepth(0);
      void addFiles([...(e.dataTransfer?.files ?? [])]);
    },
  };

  const title =
    mode === 'reply' ? t('replyTitle', { buyer: buyer ?? '' }) : buyer ? t('newTitle', { buyer }) : t('newTitleNobody');
  return (
    <section
      ref={region}
      className="composer"
      aria-label={t('region')}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onBlur={() => void saveNow()}
      {...drag}
      data-testid="composer"
    >
      <header className="composer-header">
        <h2>{title}</h2>
        <TemplateButton />
        <Button variant="ghost" icon="x" aria-label={t('close')} title={t('close')} onClick={() => void close()} />
      </header>
      {loadError && (
        <p className="composer-error" role="alert">
          {t('loadFailed', { message: loadError })}
        </p>
      )}
      {loading ? (
        <p className="composer-muted" role="status">
          {t('loading')}
        </p>
      ) : (
        !loadError && (
          <>
            <div className="composer-main">
              <div className="composer-editor">
                <ComposerFields />
                <textarea
                  ref={textarea}
                  className="composer-body"
                  aria-label={t('body')}
                  value={body}
                  onChange={(e) => update({ body: e.target.value })}
                  readOnly={sending /* an edit now could re-create the draft the send deletes */}
                  rows={12}
                  data-testid="composer-editor"
                />
                <SpellCheck textarea={textarea} />
                <TemplateGaps />
                <AttachmentArea />
              </div>
              <div className="composer-side">
                <DryRunPanel />
              </div>
            </div>
            <ComposerFooter />
          </>
        )
      )}
      <ConfirmSend />
      <TemplatePicker textarea={textarea} />
      {dragDepth > 0 && (
        <div className="composer-dropzone" aria-hidden="true">
          {t('dropHere')}
        </div>
      )}
    </section>
  );
}
