// The smarthost's certificate: verified always, a seller's pinned SHA-256 fingerprint for a self-hosted server, and a
// failure in words that name the certificate's fingerprint. Used by the SMTP client thread (smtp-client-thread.js),
// for the outbox's connections and for the "Test connection" button alike.
// Plain JavaScript: it must load in a worker without the TypeScript loader.
//
// A pin is enforced by the TLS handshake itself, not by switching verification off: Node has no verify callback, so
// the pinned certificate is first fetched over a connection that sends nothing but EHLO and QUIT (`peekCertificate`),
// and, if its fingerprint is the pinned one, the real connections trust exactly that certificate (`ca`) and accept
// its names (`checkServerIdentity`). Any other certificate still fails the handshake.
import tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

/** OpenSSL's verify codes and Node's name check → what the seller is told. */
const PROBLEMS = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownIssuer',
  CERT_UNTRUSTED: 'unknownIssuer',
  CERT_SIGNATURE_FAILURE: 'unknownIssuer',
};

const WORDS = {
  selfSigned: (host, fp) =>
    `the smarthost ${host} presented a self-signed certificate (SHA-256 ${fp}); if it is your own server, trust this ` +
    'certificate in Settings or with --smarthost-trust',
  expired: (host, fp) => `the certificate of the smarthost ${host} has expired or is not valid yet (SHA-256 ${fp})`,
  name: (host, fp) => `the certificate of the smarthost ${host} is made out for another name (SHA-256 ${fp})`,
  unknownIssuer: (host, fp) =>
    `the certificate of the smarthost ${host} was issued by an authority this computer does not know (SHA-256 ${fp})`,
  changed: (host, fp, pinned) =>
    `the certificate of the smarthost ${host} changed: it is now SHA-256 ${fp}, the trusted one is ${pinned}`,
  noStarttls: (host) =>
    `the smarthost ${host} does not offer STARTTLS, and the security setting requires an encrypted connection`,
};

/** The error keys (src/shared/errors.ts ERROR_KEYS) of each problem. */
const KEYS = {
  selfSigned: 'smarthost.certSelfSigned',
  expired: 'smarthost.certExpired',
  name: 'smarthost.certName',
  unknownIssuer: 'smarthost.certUnknownIssuer',
  changed: 'smarthost.certChanged',
  noStarttls: 'smarthost.noStarttls',
};

/**
 * The `tls` options of a connection: verification on, the system's authorities plus `ca` (tests), and with a pinned
 * certificate (`pinned`: { pem, fingerprint }) that one certificate trusted for whatever names it carries.
 */
export function tlsOptions({ servername, ca, pinned }) {
  // Only keys with a value: an undefined one would replace Node's default (checkServerIdentity above all).
  const options = { rejectUnauthorized: true };
  if (servername && !/^[\d.]+$|:/.test(servername)) options.servername = servername;
  const extra = [ca, pinned?.pem].filter(Boolean);
  if (extra.length > 0) options.ca = [...tls.rootCertificates, ...extra];
  // The pinned certificate is a trust anchor of its own even when it is no CA (a leaf of an authority we do not know).
  if (pinned) options.allowPartialTrustChain = true;
  if (pinned)
    options.checkServerIdentity = (host, cert) =>
      cert.fingerprint256 === pinned.fingerprint ? undefined : tls.checkServerIdentity(host, cert);
  return options;
}

/**
 * Opens an SMTP connection that verifies nothing, only to read the server's certificate (after STARTTLS, or at once
 * for implicit TLS), and closes it: EHLO and QUIT are all it sends. Resolves { pem, fingerprint }, or null when the
 * server shows no certificate (no STARTTLS offered, not reachable).
 */
export function peekCertificate(connectionOptions) {
  return new Promise((resolve) => {
    const conn = new SMTPConnection({
      ...connectionOptions,
      auth: undefined,
      ignoreTLS: false,
      requireTLS: !connectionOptions.secure,
      tls: connectionOptions.tls?.servername
        ? { rejectUnauthorized: false, servername: connectionOptions.tls.servername }
        : { rejectUnauthorized: false },
    });
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    conn.on('error', () => finish(null));
    conn.once('end', () => finish(null));
    conn.connect(() => {
      const cert = conn._socket?.getPeerX509Certificate?.();
      finish(cert ? { pem: cert.toString(), fingerprint: cert.fingerprint256 } : null);
      conn.quit();
    });
  });
}

/** A certificate problem of `err` ('selfSigned', 'expired', …), or null for any other failure. */
export function certificateProblem(err) {
  return PROBLEMS[err?.originalCode] ?? PROBLEMS[err?.code] ?? PROBLEMS[err?.cause?.code] ?? null;
}

/** STARTTLS required but not offered: nodemailer's words for the server's refusal of the STARTTLS command. */
export function isStarttlsRefused(err) {
  return err?.code === 'ETLS' && err?.command === 'STARTTLS' && /upgrading connection/i.test(err.message);
}

/**
 * The error the seller reads: English words (the outbox's lastError, the CLI, the log) and a message key with params
 * for the UI. No responseCode: a certificate or a missing STARTTLS is for the seller to fix, the message waits
 * (deferred) instead of failing.
 */
export function smarthostTlsError(problem, host, fingerprint, pinned) {
  const fp = fingerprint ?? 'unknown';
  const message = WORDS[problem](host, fp, pinned);
  const params = problem === 'noStarttls' ? { host } : { host, fingerprint: fp };
  if (problem === 'changed') params.pinned = pinned;
  return Object.assign(new Error(message), {
    code: problem === 'noStarttls' ? 'ENOSTARTTLS' : 'ECERT',
    problem,
    fingerprint: fingerprint ?? undefined,
    detail: { key: KEYS[problem], params },
  });
}
