/**
 * TIFF is not an image format browsers show: decode it with utif2 (loaded only when a TIFF is
 * opened) and paint each page into a canvas, turned into PNG object URLs.
 */
export interface DecodedPage {
  url: string;
  width: number;
  height: number;
}

const MAX_PAGES = 20; // a fax-style TIFF can have hundreds; the viewer shows the first ones
const MAX_PIXELS = 40_000_000; // refuse absurd dimensions instead of exhausting memory

export async function decodeTiff(bytes: Uint8Array<ArrayBuffer>, maxPages = MAX_PAGES): Promise<DecodedPage[]> {
  const UTIF = (await import('utif2')).default;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const ifds = UTIF.decode(buffer).filter((ifd) => ifd.t256 !== undefined && ifd.t257 !== undefined);
  const pages: DecodedPage[] = [];
  for (const ifd of ifds.slice(0, maxPages)) {
    UTIF.decodeImage(buffer, ifd);
    const { width, height } = ifd;
    if (!width || !height || width * height > MAX_PIXELS) continue;
    const rgba = UTIF.toRGBA8(ifd);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.putImageData(
      new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.byteLength), width, height),
      0,
      0,
    );
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) pages.push({ url: URL.createObjectURL(blob), width, height });
  }
  if (pages.length === 0) throw new Error('no readable page');
  return pages;
}
