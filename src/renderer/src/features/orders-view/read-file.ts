/**
 * The order report from the seller's disk to the wire: checked for its kind and size first (a
 * clear word instead of a failed call), then read as base64 for `orders.import`.
 */
export const MAX_REPORT_BYTES = 11_000_000; // the contract's base64 limit (15 MB) holds ~11 MB of file

const REPORT_NAME = /\.(txt|tsv|tab|csv)$/i; // the marketplace names it .txt; sellers rename it

export type FileProblem = { kind: 'wrongType' } | { kind: 'tooBig' };

export function checkReportFile(file: File): FileProblem | null {
  if (!REPORT_NAME.test(file.name) && !file.type.startsWith('text/')) return { kind: 'wrongType' };
  if (file.size > MAX_REPORT_BYTES) return { kind: 'tooBig' };
  return null;
}

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1)); // "data:text/plain;base64,…"
    };
    reader.readAsDataURL(file);
  });
}
