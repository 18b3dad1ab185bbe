/**
 * PDF previews with pdf.js, loaded on first use so the inbox starts without it. The worker is a
 * bundled asset of our own origin (the CSP allows worker-src 'self' blob:); evaluation of
 * PDF-supplied code is off.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

let ready: Promise<typeof import('pdfjs-dist')> | null = null;

function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  ready ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(
    ([lib, worker]) => {
      lib.GlobalWorkerOptions.workerSrc = worker.default;
      return lib;
    },
  );
  return ready;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  // pdf.js transfers the buffer to its worker: give it a copy, the cached attachment keeps its bytes.
  return lib.getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false, stopAtErrors: false })
    .promise;
}

/**
 * Renders one page into `canvas`, scaled to `width` CSS pixels (sharp on high-DPI screens). The height follows the
 * page's own shape, portrait or landscape, also where a narrow window shrinks the width (`max-width: 100%`).
 */
export async function renderPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = 'auto';
  canvas.style.aspectRatio = `${canvas.width} / ${canvas.height}`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}
