/**
 * Hands bytes from the backend to the seller as a download (Blob + <a download>): in Electron
 * this opens the save dialog, in a browser it lands in Downloads. The object URL is released
 * once the download has started.
 */
const REVOKE_AFTER_MS = 10_000; // long enough for the browser to take the blob

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/[\r\n]/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveFile(fileName: string, dataBase64: string, type: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(dataBase64)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
