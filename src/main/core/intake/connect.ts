/**
 * Opening the shop's mailbox: the URL it was given as, the TLS rules (implicit TLS, or STARTTLS required; cleartext
 * only to this machine), a pinned certificate, and every failure turned into a ParleyError the seller can read.
 */
import net from 'node:net';
import tls from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { ParleyError } from '../errors.js';

export interface MailboxAddress {
  host: string;
  port: number;
  secure: boolean;
  user: string;
}

/** imaps://USER@HOST[:PORT] (implicit TLS, 993) or imap://USER@HOST[:PORT] (STARTTLS, 143). */
export function parseMailboxUrl(url: string): MailboxAddress {
  const bad = () =>
    new ParleyError(
      'EBADINPUT',
      `"${url}" is not a mailbox: write imaps://USER@HOST[:PORT] or imap://USER@HOST[:PORT]`,
      {
        detail: { key: 'intake.badUrl', params: {} },
      },
    );
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw bad();
  }
  if ((u.protocol !== 'imaps:' && u.protocol !== 'imap:') || !u.hostname || !u.username || u.password) throw bad();
  if (u.pathname && u.pathname !== '/') throw bad();
  const secure = u.protocol === 'imaps:';
  const port = u.port ? Number(u.port) : secure ? 993 : 143;
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port, secure, user: decodeURIComponent(u.username) };
}

export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

export interface OpenOptions extends MailboxAddress {
  password?: string;
  accessToken?: string;
  trustFingerprint?: string | null;
  /** Bytes: the largest literal the client takes in; a bigger one ends the connection instead of filling memory. */
  maxLiteralSize?: number;
}

/**
 * Why a certificate failed, as the `reason` param of `intake.certificate`: a word key (src/shared/errors.ts
 * PARAM_WORD_KEYS) the UI words in the seller's language; the English here is for the CLI and the log.
 */
export const CERT_REASONS = {
  'cert.selfSigned': 'self-signed',
  'cert.expired': 'expired or not valid yet',
  'cert.name': 'made out for another name',
  'cert.unknownIssuer': 'issued by an unknown authority',
  'cert.changed': 'changed since it was trusted',
  'cert.other': 'not accepted',
} as const;
type CertReason = keyof typeof CERT_REASONS;

/** OpenSSL's verify codes and Node's name check → the reason. */
const REASONS: Record<string, CertReason> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'cert.selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'cert.selfSigned',
  CERT_HAS_EXPIRED: 'cert.expired',
  CERT_NOT_YET_VALID: 'cert.expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'cert.name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'cert.unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT: 'cert.unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'cert.unknownIssuer',
  CERT_UNTRUSTED: 'cert.unknownIssuer',
};

function certificateProblem(host: string, reason: CertReason, fingerprint: string): ParleyError {
  const where = fingerprint ? `; its SHA-256 fingerprint is ${fingerprint}` : '';
  return new ParleyError('EBADINPUT', `the certificate of ${host} is not trusted (${CERT_REASONS[reason]})${where}`, {
    detail: { key: 'intake.certificate', params: { reason, fingerprint } },
  });
}

export function normalizeFingerprint(value: string | null | undefined): string | null {
  const hex = String(value ?? '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : null;
}

/**
 * The server's certificate, read over a connection that verifies nothing and sends no credentials (for STARTTLS only
 * the STARTTLS command): what a pin is checked against, and what an error shows the seller. null when none is shown.
 */
export async function peekCertificate(
  a: MailboxAddress,
  timeoutMs = 10_000,
): Promise<{ pem: string; fingerprint: string } | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: { pem: string; fingerprint: string } | null, s?: net.Socket) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s?.destroy();
      resolve(v);
    };
    const onSecure = (t: tls.TLSSocket) => {
      const cert = t.getPeerCertificate();
      if (!cert?.raw) return finish(null, t);
      const b64 = cert.raw.toString('base64').replace(/.{64}/g, '$&\n');
      finish(
        { pem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`, fingerprint: cert.fingerprint256 },
        t,
      );
    };
    const servername = net.isIP(a.host) ? undefined : a.host;
    let sock: net.Socket;
    const timer = setTimeout(() => finish(null, sock), timeoutMs);
    if (a.secure) {
      const t = tls.connect({ host: a.host, port: a.port, servername, rejectUnauthorized: false }, () => onSecure(t));
      sock = t;
      t.on('error', () => finish(null, t));
      return;
    }
    sock = net.connect(a.port, a.host);
    sock.on('error', () => finish(null, sock));
    let buf = '';
    let sent = false;
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (!sent && buf.includes('\r\n')) {
        sent = true;
        buf = '';
        sock.write('P1 STARTTLS\r\n');
      } else if (sent && /^P1 /m.test(buf)) {
        if (!/^P1 OK/m.test(buf)) return finish(null, sock);
        sock.removeAllListeners('data');
        const t = tls.connect({ socket: sock, servername, rejectUnauthorized: false }, () => onSecure(t));
        t.on('error', () => finish(null, t));
      }
    });
  });
}

export function problemOf(err: unknown, a: MailboxAddress, folder?: string): ParleyError {
  if (err instanceof ParleyError) return err;
  const e = err as { code?: string; authenticationFailed?: boolean; message?: string; responseText?: string };
  if (e.authenticationFailed)
    return new ParleyError('EUNAUTHORIZED', `the mail server refused the login of ${a.user}@${a.host}`, {
      detail: { key: 'intake.authFailed', params: {} },
    });
  const code = e.code ?? '';
  if (code in REASONS || /cert/i.test(code)) return certificateProblem(a.host, REASONS[code] ?? 'cert.other', '');
  if (folder && /NONEXISTENT|doesn't exist|does not exist|unknown mailbox/i.test(`${e.responseText} ${e.message}`))
    return new ParleyError('ENOTFOUND', `the folder "${folder}" does not exist in ${a.user}@${a.host}`, {
      detail: { key: 'intake.folderMissing', params: { folder } },
    });
  return new ParleyError('EDELIVERY', `the mail server ${a.host}:${a.port} cannot be reached (${code || e.message})`, {
    detail: { key: 'intake.unreachable', params: { host: a.host } },
  });
}

/** Connects and logs in; the mailbox is not opened yet. Throws a ParleyError with a detail key. */
export async function openClient(o: OpenOptions): Promise<ImapFlow> {
  const pinned = normalizeFingerprint(o.trustFingerprint);
  const tlsOptions: tls.ConnectionOptions = { rejectUnauthorized: true };
  if (pinned) {
    // The pin is enforced in the handshake: the pinned certificate becomes a trusted authority and its names are
    // accepted; any other certificate still fails. Credentials are only sent over that handshake.
    const peek = await peekCertificate(o);
    if (peek && peek.fingerprint === pinned) {
      tlsOptions.ca = [...tls.rootCertificates, peek.pem];
      tlsOptions.checkServerIdentity = (host, cert) =>
        cert.fingerprint256 === pinned ? undefined : tls.checkServerIdentity(host, cert);
    }
  }
  const options: ImapFlowOptions = {
    host: o.host,
    port: o.port,
    secure: o.secure,
    auth: o.accessToken ? { user: o.user, accessToken: o.accessToken } : { user: o.user, pass: o.password ?? '' },
    tls: tlsOptions,
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    maxLiteralSize: o.maxLiteralSize,
    maxResponseSize: o.maxLiteralSize ? o.maxLiteralSize + 1024 * 1024 : undefined,
    clientInfo: { name: 'Parley' },
  };
  // Cleartext only to this machine (tests, a local bridge); anywhere else the password never crosses unencrypted.
  if (!o.secure && !isLoopback(o.host)) options.doSTARTTLS = true;
  const client = new ImapFlow(options);
  client.on('error', () => {}); // surfaces as the failing command's rejection
  try {
    await client.connect();
  } catch (err) {
    client.close();
    const problem = problemOf(err, o);
    if (problem.detail?.key === 'intake.certificate') {
      const peek = await peekCertificate(o);
      const fingerprint = peek?.fingerprint ?? '';
      const reason =
        pinned && fingerprint && fingerprint !== pinned ? 'cert.changed' : (problem.detail.params.reason as CertReason);
      throw certificateProblem(o.host, reason, fingerprint);
    }
    throw problem;
  }
  return client;
}
