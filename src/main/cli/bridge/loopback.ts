/**
 * Loopback only (DESIGN.md "One contract, two transports"): the bridge refuses to bind anywhere
 * else, and answers only requests whose Host header names it, so a web page that rebinds its own
 * DNS name to 127.0.0.1 cannot talk to it (DNS rebinding).
 */
import net from 'node:net';

/** The address to bind for a loopback host name, or an Error that says why not. */
export function loopbackAddress(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return '127.0.0.1';
  if (net.isIPv4(bare) && bare.startsWith('127.')) return bare;
  if (net.isIPv6(bare) && (bare === '::1' || bare === '0:0:0:0:0:0:0:1')) return '::1';
  throw new Error(
    `the web bridge listens on loopback only (127.0.0.1, ::1 or localhost), not on "${host}": anyone who can reach it could act as the seller`,
  );
}

/** host:port as it appears in a URL and in a Host header. */
export function authority(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The Host header values a browser sends for this bridge: the bound address, or localhost. */
export function allowedHosts(address: string, port: number): Set<string> {
  return new Set([authority(address, port), `localhost:${port}`].map((h) => h.toLowerCase()));
}
