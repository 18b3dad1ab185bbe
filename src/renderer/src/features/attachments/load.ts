/**
 * Attachment bytes come over the contract as base64 (attachment.get); we turn them into a Blob
 * and an object URL once and keep the last few, revoking the URLs of those we drop so a long
 * day of previews does not pile up memory.
 */
import type { AttachmentView } from '../../../../shared/contract';
import { onApiChange } from '../../state/backend';
import { getAttachment } from './api';

export interface LoadedAttachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  blob: Blob;
  url: string;
}

const KEEP = 16; // loaded attachments kept (each up to 10 MB, R15)
const cache = new Map<string, Promise<LoadedAttachment>>();
onApiChange(() => forgetLoadedAttachments());

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data.replace(/\s/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function loadAttachment(messageId: number, attachmentId: number): Promise<LoadedAttachment> {
  const key = `${messageId}/${attachmentId}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const loading = getAttachment({ messageId, attachmentId }).then((content) => {
    const bytes = decodeBase64(content.dataBase64);
    const blob = new Blob([bytes], { type: content.contentType || 'application/octet-stream' });
    return {
      filename: content.filename,
      contentType: content.contentType,
      bytes,
      blob,
      url: URL.createObjectURL(blob),
    };
  });
  loading.catch(() => cache.delete(key));
  cache.set(key, loading);
  while (cache.size > KEEP) {
    const [oldest, promise] = cache.entries().next().value!;
    cache.delete(oldest);
    promise.then((a) => URL.revokeObjectURL(a.url)).catch(() => {});
  }
  return loading;
}

export type PreviewKind = 'image' | 'tiff' | 'pdf' | 'docx' | 'doc' | 'text' | 'other';

const BY_SNIFF: Record<string, PreviewKind> = {
  png: 'image',
  jpeg: 'image',
  jpg: 'image',
  gif: 'image',
  bmp: 'image',
  tiff: 'tiff',
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  txt: 'text',
  text: 'text',
};
const BY_EXT: Record<string, PreviewKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  bmp: 'image',
  tif: 'tiff',
  tiff: 'tiff',
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  txt: 'text',
};

/** What preview an attachment gets: by its content (sniffed) first, its name second. */
export function previewKind(a: Pick<AttachmentView, 'sniffedType' | 'filename'>): PreviewKind {
  const sniffed = BY_SNIFF[a.sniffedType.toLowerCase()];
  if (sniffed) return sniffed;
  // content says something else (an exe named .pdf): no preview
  if (a.sniffedType && a.sniffedType !== 'unknown') return 'other';
  const ext = a.filename.toLowerCase().split('.').pop() ?? '';
  return BY_EXT[ext] ?? 'other';
}

/** Text files of any size are shown from their first bytes only. */
export const TEXT_PREVIEW_BYTES = 200_000;

export function decodeText(bytes: Uint8Array, limit = TEXT_PREVIEW_BYTES): string {
  const slice = bytes.subarray(0, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(slice);
  } catch {
    return new TextDecoder('windows-1252').decode(slice);
  }
}

/** Drops every loaded attachment (another backend was installed: tests, a reconnect). */
export function forgetLoadedAttachments(): void {
  for (const promise of cache.values()) promise.then((a) => URL.revokeObjectURL(a.url)).catch(() => {});
  cache.clear();
}
