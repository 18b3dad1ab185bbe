/**
 * `links.openExternal`: a web link from a message, opened in the system browser after the seller confirmed it. The
 * window is not trusted to have checked the scheme: only http and https with a host pass, as the URL parser reads
 * them (so "javascript:", "file:", "HTTPS:\\\\evil" spelled oddly and credentials-only tricks are refused here).
 */
import { errorDetail } from '../../../shared/errors.js';
import { ParleyError } from '../errors.js';

/** Hands a checked URL to the system browser (Electron: shell.openExternal). */
export type OpenExternal = (url: string) => Promise<void>;

/** The URL to open, normalized, or a ParleyError (links.scheme) for anything that is not an http(s) web address. */
export function checkedWebUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ParleyError('EBADINPUT', 'The link is not a valid address', {
      detail: errorDetail('links.scheme', { scheme: '?' }),
    });
  }
  const scheme = url.protocol.replace(/:$/, '');
  if ((scheme !== 'http' && scheme !== 'https') || !url.hostname) {
    throw new ParleyError('EBADINPUT', `Only http and https links are opened, not ${scheme}:`, {
      detail: errorDetail('links.scheme', { scheme }),
    });
  }
  return url.href;
}

export async function openExternalLink(raw: string, open: OpenExternal | undefined): Promise<{ opened: true }> {
  const url = checkedWebUrl(raw);
  if (!open) {
    throw new ParleyError('EBADINPUT', 'There is no system browser to open links in here; the page opens them', {
      detail: errorDetail('links.notAvailable', {}),
    });
  }
  await open(url);
  return { opened: true };
}
