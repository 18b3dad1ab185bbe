/**
 * The small preview on an attachment card: images as they are, TIFF decoded, PDF page 1 drawn
 * by pdf.js, text as its first lines; Word files and others as a file icon. Loaded when the
 * card scrolls into view, so a long thread does not fetch every file at once.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AttachmentView } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Icon } from '../../ui/Icon';
import { decodeText, loadAttachment, previewKind } from './load';
import { attStrings } from './strings';
import { failure } from '../../api/errors';

const THUMB_WIDTH = 168; // px, = .att-thumb width in styles/layout.css

function useVisible<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (visible || !ref.current) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), {
      rootMargin: '200px',
    });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [visible]);
  return [ref, visible];
}

type Thumb = { kind: 'img'; url: string } | { kind: 'text'; text: string };

export function Thumbnail({ messageId, attachment }: { messageId: number; attachment: AttachmentView }) {
  const t = useStrings(attStrings);
  const kind = previewKind(attachment);
  const [ref, visible] = useVisible<HTMLDivElement>();
  const [thumb, setThumb] = useState<Thumb | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previewable = kind === 'image' || kind === 'tiff' || kind === 'pdf' || kind === 'text';

  useEffect(() => {
    if (!visible || !previewable) return;
    let live = true;
    let drawn: string | null = null; // an object URL this effect made, revoked with it
    (async () => {
      const loaded = await loadAttachment(messageId, attachment.id);
      if (kind === 'image') return live && setThumb({ kind: 'img', url: loaded.url });
      if (kind === 'text') return live && setThumb({ kind: 'text', text: decodeText(loaded.bytes, 600) });
      if (kind === 'tiff') {
        const [page] = await (await import('./tiff')).decodeTiff(loaded.bytes, 1);
        return live && setThumb({ kind: 'img', url: page.url });
      }
      // Page 1 is drawn off-screen and shown as an image once drawn: the preview never waits on
      // React mounting a canvas, and it is marked ready only with ink in it.
      const { openPdf, renderPage } = await import('./pdf');
      const doc = await openPdf(loaded.bytes);
      try {
        const canvas = document.createElement('canvas');
        await renderPage(doc, 1, canvas, THUMB_WIDTH);
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (!blob) throw new Error('the PDF page could not be drawn');
        drawn = URL.createObjectURL(blob);
        if (live) setThumb({ kind: 'img', url: drawn });
      } finally {
        void doc.destroy();
      }
    })().catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
      if (drawn) URL.revokeObjectURL(drawn);
    };
  }, [visible, previewable, kind, messageId, attachment.id]);

  return (
    <div
      ref={ref}
      className={`att-thumb att-thumb-${kind}`}
      data-testid="attachment-preview"
      data-kind={kind}
      data-ready={thumb !== null || !previewable ? 'true' : 'false'}
    >
      {!previewable && <Icon name="file" size={40} />}
      {previewable && !thumb && !error && <span className="muted small">{t('loading')}</span>}
      {error && (
        <span className="muted small" title={error}>
          {t('failed', { message: error })}
        </span>
      )}
      {thumb?.kind === 'img' && <img src={thumb.url} alt="" />}
      {thumb?.kind === 'text' && <pre className="att-thumb-text">{thumb.text}</pre>}
    </div>
  );
}
