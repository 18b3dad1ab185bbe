/**
 * First run: a shop is set up from its name and customer-service address, with a
 * seller id derived from the name and a random submission password kept with the secrets; and
 * the smarthost's "Test connection" button (the outbox's own client, certificate checks included).
 */
import crypto from 'node:crypto';
import type { SmarthostTest } from '../../../shared/contract.js';
import type { Language } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { SmarthostTransport, type SmarthostError } from '../relay/transports.js';
import { isValidSellerId, SELLER_ID_MAX } from '../store/seller-ids.js';
import type { Seller } from '../store/sellers.js';
import { SECRET_KEYS, type SecretStore } from './secrets.js';

/**
 * "Holzwerkstatt Müller & Söhne" → "holzwerkstatt-mueller-soehne": a seller id (and relay address) from a shop name.
 */
export function slugFromName(name: string): string {
  let slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(slug)) slug = `shop-${slug}`.replace(/-+$/, '');
  slug = slug.slice(0, SELLER_ID_MAX).replace(/-+$/, '');
  // Too short, 15 letters and digits (a buyer alias, R1) or a name the relay domain needs: made a shop's name.
  if (!isValidSellerId(slug)) slug = `${slug.slice(0, SELLER_ID_MAX - 5)}-shop`.replace(/^-/, 'shop-');
  return slug;
}

export function uniqueSellerId(ctx: CoreContext, name: string): string {
  const base = slugFromName(name);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const id = `${base.slice(0, SELLER_ID_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (isValidSellerId(id) && !ctx.sellers.get(id)) return id;
  }
}

/**
 * Adds the shop (SellerRepo.add refuses an address another shop owns, R9); its submission password (for a mail client,
 * AUTH as the seller id) goes to the secrets.
 */
export async function addShop(
  ctx: CoreContext,
  secrets: SecretStore,
  input: { name: string; email: string; language: Language },
): Promise<Seller> {
  const id = uniqueSellerId(ctx, input.name);
  const password = crypto.randomBytes(18).toString('base64url');
  const seller = await ctx.sellers.create({
    id,
    name: input.name,
    email: input.email,
    language: input.language,
    password,
  });
  secrets.set(SECRET_KEYS.sellerPassword(id), password);
  return seller;
}

/**
 * A new submission password for a shop's mail client: a random one (or the one the seller chose) replaces the stored
 * hash (the old password stops working at once) and the copy in the secrets. The caller shows it once; it is never
 * part of a status.
 */
export async function resetSubmissionPassword(
  ctx: CoreContext,
  secrets: SecretStore,
  sellerId: string,
  chosen?: string,
): Promise<{ user: string; password: string }> {
  const password = chosen ?? crypto.randomBytes(18).toString('base64url');
  await ctx.sellers.setPassword(sellerId, password);
  secrets.set(SECRET_KEYS.sellerPassword(sellerId), password);
  return { user: sellerId, password };
}

// ms: the seller waits on "Test connection"; a working smarthost greets within seconds. The relay itself waits longer
// for a slow one (transports.ts: 10 s to connect, 1 min for the greeting).
const TEST_TIMEOUT_MS = 10_000;

const TEST_WORDS: Record<
  Language,
  {
    ok: (where: string, secured: string, user?: string) => string;
    /** How the test connection was secured, when not by TLS. */
    plain: string;
    refused: string;
    timeout: string;
    auth: string;
    host: string;
    failed: string;
    cert: Record<CertProblem, (fingerprint: string, pinned: string) => string>;
    noStarttls: string;
  }
> = {
  en: {
    ok: (where, secured, user) =>
      `Connected to ${where} (${secured}): the server is ready to take mail${user ? ` and accepted the login of ${user}` : ''}.`,
    plain: 'unencrypted',
    refused: 'Nothing answers at this address (connection refused). Check host and port.',
    timeout: 'The server did not answer within 10 seconds.',
    auth: 'The server refused the login.',
    host: 'This host name is not known.',
    failed: 'The connection failed.',
    cert: {
      selfSigned: (fp) =>
        `The server shows a self-signed certificate (SHA-256 ${fp}). If it is your own server, trust this certificate.`,
      expired: (fp) => `The server's certificate has expired or is not valid yet (SHA-256 ${fp}).`,
      name: (fp) => `The server's certificate is made out for another name (SHA-256 ${fp}).`,
      unknownIssuer: (fp) =>
        `The server's certificate comes from an authority this computer does not know (SHA-256 ${fp}).`,
      changed: (fp, pinned) =>
        `The server's certificate has changed: it is now SHA-256 ${fp}, the trusted one is ${pinned}.`,
    },
    noStarttls: 'The server does not offer STARTTLS, but the security setting requires an encrypted connection.',
  },
  de: {
    ok: (where, secured, user) =>
      `Verbunden mit ${where} (${secured}): Der Server nimmt Nachrichten an${user ? ` und hat die Anmeldung von ${user} akzeptiert` : ''}.`,
    plain: 'unverschlüsselt',
    refused: 'Unter dieser Adresse antwortet nichts (Verbindung abgelehnt). Prüfen Sie Host und Port.',
    timeout: 'Der Server hat nicht innerhalb von 10 Sekunden geantwortet.',
    auth: 'Der Server hat die Anmeldung abgelehnt.',
    host: 'Dieser Hostname ist unbekannt.',
    failed: 'Die Verbindung ist fehlgeschlagen.',
    cert: {
      selfSigned: (fp) =>
        `Der Server zeigt ein selbstsigniertes Zertifikat (SHA-256 ${fp}). Wenn es Ihr eigener Server ist, vertrauen Sie diesem Zertifikat.`,
      expired: (fp) => `Das Zertifikat des Servers ist abgelaufen oder noch nicht gültig (SHA-256 ${fp}).`,
      name: (fp) => `Das Zertifikat des Servers ist auf einen anderen Namen ausgestellt (SHA-256 ${fp}).`,
      unknownIssuer: (fp) =>
        `Das Zertifikat des Servers stammt von einer Stelle, die dieser Computer nicht kennt (SHA-256 ${fp}).`,
      changed: (fp, pinned) =>
        `Das Zertifikat des Servers hat sich geändert: Es ist jetzt SHA-256 ${fp}, vertraut wird ${pinned}.`,
    },
    noStarttls:
      'Der Server bietet kein STARTTLS an, die Sicherheitseinstellung verlangt aber eine verschlüsselte Verbindung.',
  },
};

type CertProblem = 'selfSigned' | 'expired' | 'name' | 'unknownIssuer' | 'changed';
const CERT_KEYS: Record<string, CertProblem> = {
  'smarthost.certSelfSigned': 'selfSigned',
  'smarthost.certExpired': 'expired',
  'smarthost.certName': 'name',
  'smarthost.certUnknownIssuer': 'unknownIssuer',
  'smarthost.certChanged': 'changed',
};
/** What a seller may accept for their own server; an expired certificate is for its owner to renew. */
const TRUSTABLE: readonly CertProblem[] = ['selfSigned', 'name', 'unknownIssuer', 'changed'];

/**
 * Opens one SMTP connection to the smarthost as the outbox would (greeting, EHLO, STARTTLS or TLS as the URL says,
 * the certificate verified or pinned, login) and closes it. A certificate failure names the certificate's
 * fingerprint, which "Trust this certificate" then stores.
 */
export async function testSmarthost(
  input: { url: string; user?: string; password?: string; fingerprint?: string | null },
  language: Language,
  name: string,
  opts: { ca?: string } = {},
): Promise<SmarthostTest> {
  const w = TEST_WORDS[language];
  const url = new URL(input.url);
  if (input.user) {
    url.username = encodeURIComponent(input.user);
    url.password = encodeURIComponent(input.password ?? '');
  }
  const where = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 25)}`;
  const transport = new SmarthostTransport(url.toString(), {
    name,
    fingerprint: input.fingerprint,
    ca: opts.ca,
    timeouts: { replyMs: TEST_TIMEOUT_MS },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const { secured, fingerprint } = await Promise.race([
      transport.verify(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), TEST_TIMEOUT_MS);
      }),
    ]);
    const how = secured === 'TLS' ? (fingerprint ? `TLS, SHA-256 ${fingerprint}` : 'TLS') : w.plain;
    return {
      ok: true,
      message: w.ok(where, how, input.user || decodeURIComponent(url.username) || undefined),
      fingerprint,
    };
  } catch (err) {
    const e = err as SmarthostError;
    const problem = e.detail ? CERT_KEYS[e.detail.key] : undefined;
    if (problem) {
      const params = e.detail!.params as Record<string, string>;
      return {
        ok: false,
        message: `${where}: ${w.cert[problem](params.fingerprint, params.pinned ?? '')}`,
        fingerprint: e.fingerprint,
        trustable: TRUSTABLE.includes(problem) && Boolean(e.fingerprint),
      };
    }
    if (e.detail?.key === 'smarthost.noStarttls') return { ok: false, message: `${where}: ${w.noStarttls}` };
    const detail = (e as Error & { response?: string }).response ?? e.message;
    const why =
      e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)
        ? w.refused
        : e.code === 'ETIMEDOUT' || e.code === 'ETIMEOUT' || (e.code === 'ECONNECTION' && /timeout/i.test(e.message))
          ? w.timeout
          : e.code === 'EAUTH'
            ? w.auth
            : e.code === 'EDNS' || e.code === 'ENOTFOUND' || /ENOTFOUND|EAI_AGAIN/.test(e.message)
              ? w.host
              : w.failed;
    return { ok: false, message: `${where}: ${why} (${detail})` };
  } finally {
    clearTimeout(timer);
    void transport.close(); // the answer does not wait for the thread to end
  }
}
