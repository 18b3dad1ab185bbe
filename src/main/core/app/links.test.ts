import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.js';
import { checkedWebUrl, openExternalLink } from './links.js';

describe('opening a confirmed link in the system browser', () => {
  it('hands an http(s) link to the browser, normalized', async () => {
    const opened: string[] = [];
    await expect(
      openExternalLink(' https://Shop.Example/track?id=1#top ', async (u) => void opened.push(u)),
    ).resolves.toEqual({ opened: true });
    expect(opened).toEqual(['https://shop.example/track?id=1#top']);
    expect(checkedWebUrl('http://example.org')).toBe('http://example.org/');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'data:text/html,x', 'ms-settings:', 'x'])(
    'refuses %s whatever the window sends, and opens nothing',
    async (url) => {
      const opened: string[] = [];
      const err = await openExternalLink(url, async (u) => void opened.push(u)).catch((e: unknown) => e);
      expect(isParleyError(err) && err.detail?.key).toBe('links.scheme');
      expect(opened).toEqual([]);
    },
  );

  it('says so where there is no system browser (the web bridge)', async () => {
    const err = await openExternalLink('https://example.org/', undefined).catch((e: unknown) => e);
    expect(isParleyError(err) && err.detail?.key).toBe('links.notAvailable');
  });
});
