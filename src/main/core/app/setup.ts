/**
 * First run: a shop is set up from its name and customer-service address, with a
 * seller id derived from the name and a random submission password kept with the secrets; and
 * the smarthost's "Test connection" button.
 */
import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SmarthostTest } from '../../../shared/contract.js';
import type { Language } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { smarthostOptions } from '../relay/transports.js';
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

// ms: the seller waits on "Test connection"; a working smarthost greets within seconds. The relay itself waits longer
// for a slow one (transports.ts: 10 s to connect, 1 min for the greeting).
const TEST_TIMEOUT_MS = 10_000;

const TEST_WORDS: Record<
  Language,
  {
    ok: (where: string, user?: string) => string;
    refused: string;
    timeout: string;
    auth: string;
    host: string;
    failed: string;
  }
> = {
  en: {
    ok: (where, user) =>
      `Connected to ${where}: the server is ready to take mail${user ? ` and accepted the login of ${user}` : ''}.`,
    refused: 'Nothing answers at this address (connection refused). Check host and port.',
    timeout: 'The server did not answer within 10 seconds.',
    auth: 'The server refused the login.',
    host: 'This host name is not known.',
    failed: 'The connection failed.',
  },
  de: {
    ok: (where, user) =>
      `Verbunden mit ${where}: Der Server nimmt Nachrichten an${user ? ` und hat die Anmeldung von ${user} akzeptiert` : ''}.`,
    refused: 'Unter dieser Adresse antwortet nichts (Verbindung abgelehnt). Prüfen Sie Host und Port.',
    timeout: 'Der Server hat nicht innerhalb von 10 Sekunden geantwortet.',
    auth: 'Der Server hat die Anmeldung abgelehnt.',
    host: 'Dieser Hostname ist unbekannt.',
    failed: 'Die Verbindung ist fehlgeschlagen.',
  },
};

/** Opens one SMTP connection to the smarthost (greeting, EHLO, STARTTLS/login as configured) and closes it. */
export async function testSmarthost(
  input: { url: string; user?: string; password?: string },
  language: Language,
  name: string,
): Promise<SmarthostTest> {
  const w = TEST_WORDS[language];
  const url = new URL(input.url);
  if (input.user) {
    url.username = encodeURIComponent(input.user);
    url.password = encodeURIComponent(input.password ?? '');
  }
  const where = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 25)}`;
  const transport = nodemailer.createTransport({
    ...smarthostOptions(url.toString(), { name }),
    pool: false,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.verify(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), TEST_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, message: w.ok(where, input.user || decodeURIComponent(url.username) || undefined) };
  } catch (err) {
    const e = err as Error & { code?: string; response?: string };
    const detail = e.response ?? e.message;
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
    transport.close();
  }
}
