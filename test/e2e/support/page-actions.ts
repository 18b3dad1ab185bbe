/**
 * What the tests do inside the page that Playwright has no verb for: dropping a real file (a
 * DataTransfer holding a File, the same events a desktop drag produces) and measuring whether a
 * rendered preview has any ink. The callbacks run in Chromium; the Node tsconfig has no DOM
 * types, so the few browser globals they use are typed here.
 */
import type { Locator } from '@playwright/test';

interface PageGlobals {
  atob(b64: string): string;
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, opts: { type: string }) => unknown;
  DragEvent: new (type: string, init: { bubbles: boolean; cancelable: boolean; dataTransfer: unknown }) => unknown;
}

/** Drags `bytes` as a file named `name` onto `target` and drops it there. */
export async function dropFile(target: Locator, file: { name: string; type: string; bytes: Buffer }): Promise<void> {
  await target.evaluate(
    (el, f) => {
      const g = globalThis as unknown as PageGlobals;
      const binary = g.atob(f.b64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([bytes], f.name, { type: f.type }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        el.dispatchEvent(new g.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { name: file.name, type: file.type, b64: file.bytes.toString('base64') },
  );
}

export interface Ink {
  width: number;
  height: number;
  /** Share of pixels clearly darker than paper. */
  ratio: number;
}

/** Reads the pixels of the first canvas (or image) inside `preview`: a blank render has ratio 0. */
export async function inkOf(preview: Locator): Promise<Ink> {
  return preview.evaluate((el) => {
    let canvas = el.querySelector('canvas');
    const img = el.querySelector('img');
    if (!canvas && img && img.complete && img.naturalWidth > 0) {
      canvas = el.ownerDocument.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d').drawImage(img, 0, 0);
    }
    if (!canvas || canvas.width === 0 || canvas.height === 0) return { width: 0, height: 0, ratio: 0 };
    const data: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) ink++;
    return { width: canvas.width, height: canvas.height, ratio: ink / (data.length / 4) };
  });
}
