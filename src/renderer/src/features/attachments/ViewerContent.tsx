/**
 * The full view of an attachment inside the viewer dialog, by kind: image, TIFF pages, every
 * PDF page (rendered as it scrolls near), text, a .docx converted and sanitized into the
 * sandboxed frame, or a card that says to save the file.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useStrings } from '../../i18n';
import { Icon } from '../../ui/Icon';
import { decodeText, TEXT_PREVIEW_BYTES, type LoadedAttachment, type PreviewKind } from './load';
import { attStrings } from './strings';
import { failure } from '../../api/errors';

const SafeHtmlFrame = lazy(() =>
  import('../../ui/html-frame/SafeHtmlFrame').then((m) => ({ default: m.SafeHtmlFrame })),
);

const MAX_PDF_PAGES = 200; // pages laid out in the viewer; each draws only when scrolled near

function PdfPage({ doc, n, width }: { doc: PDFDocumentProxy; n: number; width: number }) {
  const t = useStrings(attStrings);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let done = false;
    const draw = () => {
      if (done) return;
      done = true;
      renderPdfPage(doc, n, canvas, width);
    };
    if (typeof IntersectionObserver === 'undefined') return draw();
    const observer = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && draw(), {
      rootMargin: '600px',
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [doc, n, width]);
  return (
    <canvas
      ref={ref}
      className="pdf-page"
      data-testid="pdf-preview-canvas"
      aria-label={t('page', { n, total: doc.numPages })}
      role="img"
      // Until drawn, a portrait page's shape holds its place; drawing gives the page's own shape (pdf.ts).
      style={{ width, aspectRatio: '1 / 1.3' }}
    />
  );
}

function renderPdfPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, width: number) {
  void import('./pdf')
    .then(({ renderPage }) => renderPage(doc, n, canvas, width))
    .catch((e) => console.warn('PDF page failed', e));
}

function PdfView({ loaded }: { loaded: LoadedAttachment }) {
  const t = useStrings(attStrings);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    import('./pdf')
      .then(({ openPdf }) => openPdf(loaded.bytes))
      .then((d) => (live ? setDoc((opened = d)) : void d.destroy()))
      .catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [loaded]);
  if (error) return <p className="notice notice-danger">{t('failed', { message: error })}</p>;
  if (!doc) return <p className="muted">{t('loading')}</p>;
  const shown = Math.min(doc.numPages, MAX_PDF_PAGES);
  return (
    <div className="pdf-pages" data-testid="pdf-viewer" data-pages={doc.numPages}>
      {Array.from({ length: shown }, (_, i) => (
        <PdfPage key={i} doc={doc} n={i + 1} width={760} />
      ))}
      {shown < doc.numPages && <p className="muted">{t('morePages', { shown, total: doc.numPages })}</p>}
    </div>
  );
}

function TiffView({ loaded }: { loaded: LoadedAttachment }) {
  const t = useStrings(attStrings);
  const [pages, setPages] = useState<{ url: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: { url: string }[] = [];
    import('./tiff')
      .then(({ decodeTiff }) => decodeTiff(loaded.bytes))
      .then((p) => ((made = p), live && setPages(p)))
      .catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
      made.forEach((p) => URL.revokeObjectURL(p.url));
    };
  }, [loaded]);
  if (error) return <p className="notice notice-danger">{t('failed', { message: error })}</p>;
  if (!pages) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="viewer-pages">
      {pages.map((p, i) => (
        <img key={i} src={p.url} alt={t('page', { n: i + 1, total: pages.length })} />
      ))}
    </div>
  );
}

function DocxView({ loaded, name }: { loaded: LoadedAttachment; name: string }) {
  const t = useStrings(attStrings);
  const [doc, setDoc] = useState<{ html: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('./docx')
      .then(({ docxToHtml }) => docxToHtml(loaded.bytes))
      .then((d) => live && setDoc(d))
      .catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
    };
  }, [loaded]);
  if (error) return <p className="notice notice-danger">{t('failed', { message: error })}</p>;
  if (!doc) return <p className="muted">{t('loading')}</p>;
  return (
    <Suspense fallback={<p className="muted">{t('loading')}</p>}>
      <SafeHtmlFrame html={doc.html} text={doc.text} title={t('docxTitle', { name })} remoteAllowed={false} />
    </Suspense>
  );
}

export function ViewerContent({ kind, loaded, name }: { kind: PreviewKind; loaded: LoadedAttachment; name: string }) {
  const t = useStrings(attStrings);
  switch (kind) {
    case 'image':
      return <img className="viewer-image" src={loaded.url} alt={name} />;
    case 'tiff':
      return <TiffView loaded={loaded} />;
    case 'pdf':
      return <PdfView loaded={loaded} />;
    case 'docx':
      return <DocxView loaded={loaded} name={name} />;
    case 'text':
      return (
        <>
          {loaded.bytes.length > TEXT_PREVIEW_BYTES && <p className="muted">{t('truncated')}</p>}
          <pre className="viewer-text">{decodeText(loaded.bytes)}</pre>
        </>
      );
    default:
      return (
        <div className="file-card">
          <Icon name="file" size={48} />
          <p>{kind === 'doc' ? t('docCard') : t('noPreview')}</p>
        </div>
      );
  }
}
