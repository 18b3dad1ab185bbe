/**
 * Turns received HTML (a buyer's mail, a converted .docx) into the srcdoc of a sandboxed frame
 * (R14): DOMPurify removes scripts, event handlers, forms, frames and objects; we then block
 * remote content (images, backgrounds, fonts, style sheets) unless the seller allowed it for
 * this message, swap cid: images for data: URLs, and wrap the result in a document whose own
 * CSP lets nothing load but inline styles and data:/cid: images. The frame adds sandbox="" on
 * top, so even a sanitizer bug runs no script and reaches no network.
 */
import DOMPurify from 'dompurify';
import { isDangling, resolveImageUrl, rewriteCss, urlKind } from './urls';

export interface SanitizeOptions {
  /** The seller clicked "Show remote content" for this message. */
  allowRemote: boolean;
  /** Inline parts: Content-ID (lower case, no brackets) → data: URL. */
  inline?: ReadonlyMap<string, string>;
  /**
   * Links are asked about, not followed: each link's href becomes `http://<linkSink>-<n>.invalid/`, a host the
   * page's CSP (frame-src) refuses to load into the frame. The refusal tells the page which link was clicked
   * (linkSinkIndex), and the seller is asked (features/links). Without it a link cannot leave the frame at all.
   */
  linkSink?: string;
}

export interface SafeDocument {
  srcdoc: string;
  /** Remote URLs that were removed (0 when allowed or none). */
  blockedRemote: number;
  /**
   * Nothing left to see: no text, no image (a frameset-only document, say, whose frames are all removed). The
   * message's text alternative is shown instead of an empty frame.
   */
  empty: boolean;
  /** The links, in the order linkSink numbers them (empty without linkSink). */
  links: { href: string; text: string }[];
}

/** The link number a refused frame load stands for, or null when `blockedUrl` is not one of `sink`'s links. */
export function linkSinkIndex(blockedUrl: string, sink: string): number | null {
  const match = /^https?:\/\/([a-z0-9-]+)-(\d+)\.invalid(?::\d+)?\/?$/i.exec(blockedUrl.trim());
  return match && match[1].toLowerCase() === sink.toLowerCase() ? Number(match[2]) : null;
}

const FORBID_TAGS = [
  'script',
  'noscript',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'base',
  'link',
  'meta',
  'audio',
  'video',
  'source',
  'track',
  'template',
];
const FORBID_ATTR = [
  'action',
  'formaction',
  'ping',
  'srcdoc',
  'lowsrc',
  'dynsrc',
  'poster',
  'data',
  'xmlns',
  'http-equiv',
];
const IMAGE_ATTRS = ['src', 'background'];

const FRAME_STYLE = `html{color-scheme:light}body{margin:0;padding:12px 16px;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1e24;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}pre{white-space:pre-wrap}table{max-width:100%}a{color:#1d5bbf}img[data-blocked]{display:inline-block;min-width:16px;min-height:16px;background:#eef0f3;outline:1px dashed #b9c0ca}`;

export function frameCsp(allowRemote: boolean): string {
  // Allowed remote content is images and fonts (urls.ts keeps a url() only where one of them loads).
  const remote = allowRemote ? ' https: http:' : '';
  const fonts = allowRemote ? `; font-src${remote}` : '';
  return `default-src 'none'; img-src data: cid:${remote}${fonts}; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'`;
}

type Options = Required<Omit<SanitizeOptions, 'linkSink'>> & { linkSink?: string; links: SafeDocument['links'] };

function rewriteElement(el: Element, opts: Options): number {
  let blocked = 0;
  for (const name of IMAGE_ATTRS) {
    const value = el.getAttribute(name);
    if (value === null) continue;
    const { url, blocked: isBlocked } = resolveImageUrl(value, opts.allowRemote, opts.inline);
    if (isBlocked) blocked++;
    if (url) el.setAttribute(name, url);
    else {
      el.removeAttribute(name);
      if (el.tagName === 'IMG') el.setAttribute('data-blocked', '');
    }
  }
  const srcset = el.getAttribute('srcset');
  if (srcset !== null) {
    const candidates = srcset
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const kept = candidates.filter((c) => {
      if (isDangling(c)) return false;
      const kind = urlKind(c.split(/\s+/)[0]);
      return kind === 'data' || (kind === 'remote' && opts.allowRemote);
    });
    blocked += candidates.filter((c) => urlKind(c.split(/\s+/)[0]) === 'remote' && !opts.allowRemote).length;
    if (kept.length === candidates.length) el.setAttribute('srcset', kept.join(', '));
    else el.removeAttribute('srcset');
  }
  const style = el.getAttribute('style');
  if (style !== null) {
    const rewritten = rewriteCss(style, opts.allowRemote, opts.inline);
    blocked += rewritten.blocked;
    el.setAttribute('style', rewritten.css);
  }
  if (el.tagName === 'STYLE') {
    const rewritten = rewriteCss(el.textContent ?? '', opts.allowRemote, opts.inline);
    blocked += rewritten.blocked;
    el.textContent = rewritten.css;
  }
  if (el.tagName === 'A' || el.tagName === 'AREA') {
    const href = el.getAttribute('href') ?? '';
    if (opts.linkSink !== undefined && href.trim() && !href.trim().startsWith('#') && !isDangling(href)) {
      // Any scheme: the seller is told why a javascript: or file: link does not open.
      const n = opts.links.push({ href: href.trim(), text: (el.textContent ?? '').trim().slice(0, 500) }) - 1;
      el.setAttribute('href', `http://${opts.linkSink}-${n}.invalid/`);
      el.setAttribute('target', '_self');
      el.removeAttribute('rel');
      // The real target as a tooltip (the status bar shows the .invalid stand-in); not for a refused scheme.
      if (/^(https?|mailto):/i.test(href.trim())) el.setAttribute('title', href.trim());
      else el.removeAttribute('title');
      return blocked;
    }
    // A link may only leave through a new window, which sandbox="" (no allow-popups) refuses:
    // clicking never navigates the frame. The address stays visible as a tooltip.
    if (/^(https?|mailto):/i.test(href.trim()) && !isDangling(href)) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
      if (!el.getAttribute('title')) el.setAttribute('title', href);
    } else el.removeAttribute('href');
  } else if (el.hasAttribute('href')) el.removeAttribute('href');
  return blocked;
}

/**
 * Chromium reports a CSP violation ("Executing inline event handler…") for every on* attribute
 * the moment any parser in our page reads one — even DOMPurify's inert document, where nothing
 * runs. Dropping them from the text first keeps the console quiet; DOMPurify remains the guard.
 */
export function dropEventHandlerText(html: string): string {
  let out = html;
  // One handler per tag goes per pass; a bounded number of passes keeps a hostile mail with
  // thousands of handlers in one tag from costing quadratic time (the rest is only noise).
  for (let pass = 0; pass < 16; pass++) {
    const next = out.replace(/(<[^>]*?[\s"'/])on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '$1');
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Sanitizes `html` into a complete, self-contained document for `<iframe sandbox="" srcdoc>`. */
export function sanitizeHtml(html: string, options: SanitizeOptions): SafeDocument {
  const opts: Options = {
    allowRemote: options.allowRemote,
    inline: options.inline ?? new Map(),
    linkSink: options.linkSink,
    links: [],
  };
  const root = DOMPurify.sanitize(dropEventHandlerText(html), {
    USE_PROFILES: { html: true },
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    FORBID_TAGS,
    FORBID_ATTR,
    ADD_TAGS: ['style'],
    ALLOW_DATA_ATTR: false,
  }) as HTMLElement;
  let blocked = 0;
  for (const el of root.querySelectorAll('*')) blocked += rewriteElement(el, opts);
  const styles = [...root.querySelectorAll('style')].map(
    (s) => `<style>${(s.textContent ?? '').replace(/<\/style/gi, '')}</style>`,
  );
  root.querySelectorAll('style').forEach((s) => s.remove());
  const bodyElement = root.querySelector('body');
  const body = bodyElement?.innerHTML ?? '';
  const empty = !bodyElement || (!bodyElement.textContent?.trim() && !bodyElement.querySelector('img'));
  const srcdoc =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(opts.allowRemote)}">` +
    '<meta name="referrer" content="no-referrer"><meta http-equiv="x-dns-prefetch-control" content="off">' +
    `<style>${FRAME_STYLE}</style>${styles.join('')}</head><body>${body}</body></html>`;
  return { srcdoc, blockedRemote: opts.allowRemote ? 0 : blocked, empty, links: opts.links };
}
