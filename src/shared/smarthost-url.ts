/**
 * The smarthost URL's security mode, for the core (transports.ts) and the Settings form alike: smtps:// is TLS from
 * the first byte (port 465), `?starttls=never` is none, anything else smtp:// is STARTTLS, required of any smarthost
 * off this machine. Plain string work, no `URL`: the renderer must read smtp:// the same way.
 */

export type SmarthostSecurity = 'starttls' | 'tls' | 'none';
export const SMARTHOST_SECURITIES: readonly SmarthostSecurity[] = ['starttls', 'tls', 'none'];

const SHAPE = /^(smtps?):\/\/([^/?#]*?)(?::(\d+))?\/?(?:\?(.*))?$/i;

/** The security mode a smarthost URL asks for. */
export function smarthostSecurity(url: string): SmarthostSecurity {
  const m = SHAPE.exec(url.trim());
  if (m?.[1].toLowerCase() === 'smtps') return 'tls';
  return (m?.[4] ?? '').split('&').includes('starttls=never') ? 'none' : 'starttls';
}

/**
 * The URL with its security mode set: the scheme for TLS, `?starttls=never` for none. The usual port of one mode
 * becomes the usual port of the other (587/25 ↔ 465); any other port stays. A string that is no smarthost URL stays.
 */
export function withSmarthostSecurity(url: string, security: SmarthostSecurity): string {
  const m = SHAPE.exec(url.trim());
  if (!m) return url;
  const [, , host, port, query] = m;
  let newPort = port;
  if (security === 'tls' && (port === '587' || port === '25')) newPort = '465';
  if (security !== 'tls' && port === '465') newPort = '587';
  const params = (query ?? '').split('&').filter((p) => p !== '' && !p.startsWith('starttls='));
  if (security === 'none') params.unshift('starttls=never');
  const scheme = security === 'tls' ? 'smtps' : 'smtp';
  return `${scheme}://${host}${newPort ? `:${newPort}` : ''}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

/** "ab:cd…" or "ABCD…" → "AB:CD:…", Node's `fingerprint256` form; null unless it is 32 bytes of hex. */
export function normalizeFingerprint(value: string): string | null {
  const hex = value.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : null;
}
