/**
 * The renderer's Content-Security-Policy as a response header. The policy is written once, in the
 * <meta> of src/renderer/index.html (it must be there: a file:// page gets no headers in some
 * Electron versions); both transports read it from the built index.html and add what a <meta>
 * cannot carry. Both policies are enforced, so the header can only tighten, never loosen.
 */

/** Directives ignored in a <meta> policy, and two that cost the renderer nothing. */
const HEADER_ONLY = [
  "frame-ancestors 'none'", // nobody frames the inbox (clickjacking); <meta> cannot say this
  "form-action 'none'", // the app submits no HTML forms; a hostile mail's <form> goes nowhere
];

/** Used when index.html carries no policy: the same as the meta in src/renderer/index.html. */
export const FALLBACK_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-src 'self' blob:";

/** The content of `<meta http-equiv="Content-Security-Policy" content="…">`, or null. */
export function metaCsp(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    if (content)
      return (content[1] ?? content[2])
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .trim();
  }
  return null;
}

/** The header value: the page's own policy plus the header-only directives it does not set itself. */
export function headerCsp(html: string | null): string {
  const base = (html && metaCsp(html)) || FALLBACK_CSP;
  const directives = base
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  const named = new Set(directives.map((d) => d.split(/\s+/)[0].toLowerCase()));
  for (const extra of HEADER_ONLY) if (!named.has(extra.split(' ')[0])) directives.push(extra);
  return directives.join('; ');
}
