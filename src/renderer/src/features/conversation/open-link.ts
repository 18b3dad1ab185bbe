/**
 * Opens a web link the seller confirmed. In the desktop app the main process opens it in the system browser
 * (`links.openExternal`, which refuses anything but http and https itself); in a browser over the bridge a new tab
 * with no way back to Parley (noopener, noreferrer).
 */
import { openExternal } from './api';

export async function openInBrowser(url: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`not a web link: ${parsed.protocol}`);
  if (window.parley) {
    await openExternal({ url: parsed.href });
    return;
  }
  window.open(parsed.href, '_blank', 'noopener,noreferrer');
}
