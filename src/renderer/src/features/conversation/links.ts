/**
 * What a click on a link in a message may do. Mail is hostile input: nothing opens by itself. An http(s) link asks
 * first, showing the real target and warning when the visible text names another domain; `mailto:` the
 * conversation's own alias opens the composer; every other target (another scheme, another address) is refused.
 */

/** A link as the message carries it: where it goes and what it shows. */
export interface MessageLink {
  href: string;
  text: string;
}

export type LinkAction =
  | {
      kind: 'web';
      /** The full URL as the browser would open it (normalized by URL). */
      url: string;
      /** The host, without a leading "www.". */
      domain: string;
      /** The domain the visible text names when it is another one ("paypal.com" shown, "evil.example" meant). */
      claimed: string | null;
    }
  | { kind: 'mailto'; address: string }
  | { kind: 'refused'; reason: 'scheme' | 'address' | 'invalid'; scheme: string };

// eslint-disable-next-line no-control-regex -- browsers ignore these inside a URL; so must we, to see its scheme
const IGNORED = /[\u0000-\u0020\u007f]/g;

export function bareDomain(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** The registrable-looking tail of a domain (last two labels; three for "co.uk"-style second levels). */
function siteOf(domain: string): string {
  const labels = domain.split('.');
  const n = labels.length >= 3 && /^(co|com|org|net|ac|gov|edu)$/.test(labels[labels.length - 2]) ? 3 : 2;
  return labels.slice(-n).join('.');
}

const DOMAIN_IN_TEXT = /(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?=[/:?#\s]|$)/i;

/** The domain the visible text of a link names, if any ("www.paypal.com/login" → "paypal.com"). */
export function domainInText(text: string): string | null {
  const match = DOMAIN_IN_TEXT.exec(text.trim());
  return match ? bareDomain(match[1]) : null;
}

/** Decides what a click on `link` does; `alias` is the conversation's alias address. */
export function classifyLink(link: MessageLink, alias: string | null): LinkAction {
  const raw = link.href.replace(IGNORED, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase() ?? '';
  if (scheme === 'http' || scheme === 'https') {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { kind: 'refused', reason: 'invalid', scheme };
    }
    if (!url.hostname) return { kind: 'refused', reason: 'invalid', scheme };
    const domain = bareDomain(url.hostname);
    const named = domainInText(link.text);
    const claimed = named && siteOf(named) !== siteOf(domain) ? named : null;
    return { kind: 'web', url: url.href, domain, claimed };
  }
  if (scheme === 'mailto') {
    let address = raw.slice('mailto:'.length).split('?')[0];
    try {
      address = decodeURIComponent(address);
    } catch {
      return { kind: 'refused', reason: 'invalid', scheme };
    }
    address = address.trim().toLowerCase();
    if (alias && address === alias.toLowerCase()) return { kind: 'mailto', address };
    return { kind: 'refused', reason: 'address', scheme };
  }
  return { kind: 'refused', reason: 'scheme', scheme: scheme || raw.slice(0, 20) };
}

/** Splits a URL for display: everything before the host, the host (emphasized), and the rest. */
export function splitUrl(url: string): { before: string; host: string; after: string } {
  const parsed = new URL(url);
  const at = url.indexOf(parsed.host);
  if (at < 0) return { before: '', host: '', after: url };
  return { before: url.slice(0, at), host: parsed.host, after: url.slice(at + parsed.host.length) };
}

const URL_IN_TEXT = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;

/** Plain text cut into text and links (http, https, mailto), trailing punctuation left out of a link. */
export function linkify(text: string): Array<string | MessageLink> {
  const parts: Array<string | MessageLink> = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let href = match[0];
    const trail = /[.,;:!?)\]}'»“”]+$/.exec(href);
    if (trail) href = href.slice(0, -trail[0].length);
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push({ href, text: href });
    last = start + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
