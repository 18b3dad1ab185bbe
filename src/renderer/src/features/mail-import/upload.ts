/**
 * The mbox from the seller's disk to the backend in pieces (`mailImport.upload`): the same over Electron's IPC and the
 * web bridge, and never the whole file in memory. The upload's id is made from the file's name, size and date, so the
 * same file dropped again after a stop is the same source and its import goes on where it stopped.
 */
import { uploadPiece } from './api';

const PIECE_BYTES = 2 * 1024 * 1024; // per call: well under the contract's base64 limit and the bridge's body limit

export const isMboxName = (name: string) => /\.(mbox|mbx)$/i.test(name) || !/\.[a-z0-9]{1,5}$/i.test(name);

export function uploadIdOf(file: File): string {
  let h = 0;
  for (const c of file.name) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return `mbox-${file.size.toString(36)}-${Math.max(0, file.lastModified).toString(36)}-${h.toString(36)}`;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000; // String.fromCharCode takes this many arguments safely
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

function readPiece(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(blob);
  });
}

export async function uploadFile(file: File, uploadId: string, onSent: (sent: number) => void): Promise<void> {
  for (let offset = 0; offset < file.size || offset === 0; offset += PIECE_BYTES) {
    const piece = await readPiece(file.slice(offset, offset + PIECE_BYTES));
    const { received } = await uploadPiece({ uploadId, offset, dataBase64: base64Of(piece) });
    onSent(received);
    if (file.size === 0) break;
  }
}
