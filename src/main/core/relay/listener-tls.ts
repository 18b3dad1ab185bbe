/**
 * TLS on the relay's own listeners. On loopback nothing leaves the machine and no certificate is needed. On any other
 * address the listeners offer STARTTLS with the operator's certificate and key (PEM files, read at each start of the
 * relay), the submission port takes a password only over TLS and does not start without a certificate; the inbound
 * port starts without one, like a public MX (RFC 3207: a publicly-referenced server must not require TLS), and says so
 * once in the log. Submission may also speak TLS from the first byte (RFC 8314 implicit TLS, port 465).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { errorDetail } from '../../../shared/errors.js';
import { ParleyError } from '../errors.js';

export type SubmissionTls = 'starttls' | 'implicit';
export const SUBMISSION_TLS_MODES: readonly SubmissionTls[] = ['starttls', 'implicit'];

export interface ListenerTlsFiles {
  /** PEM certificate (the leaf, then any intermediates). */
  certFile: string;
  /** PEM private key of the leaf, unencrypted. */
  keyFile: string;
}

export interface ListenerTls {
  cert: string;
  key: string;
}

/** Options the SMTP servers get with the certificate: nothing older than TLS 1.2 (RFC 8996). */
export const TLS_SERVER_OPTIONS = { minVersion: 'TLSv1.2' } as const;

// bytes: a certificate chain or a key is a few KB; a file far larger is not one.
const PEM_LIMIT = 1024 * 1024;

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x) and "localhost": nothing there crosses the network. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

function readPem(file: string, what: 'certificate' | 'key'): string {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > PEM_LIMIT) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ParleyError('EBADINPUT', `The TLS ${what} file ${file} does not exist`, {
        detail: errorDetail('relay.tlsFileMissing', { what, file }),
      });
    throw new ParleyError('EBADINPUT', `The TLS ${what} file ${file} cannot be read (${code ?? 'error'})`, {
      detail: errorDetail('relay.tlsFileUnreadable', { what, file }),
    });
  }
  return text;
}

function notPem(file: string, what: 'certificate' | 'key'): ParleyError {
  const shape = what === 'certificate' ? '-----BEGIN CERTIFICATE-----' : '-----BEGIN PRIVATE KEY-----';
  return new ParleyError('EBADINPUT', `${file} is not a PEM ${what} (${shape}, unencrypted)`, {
    detail: errorDetail('relay.tlsFileNotPem', { what, file }),
  });
}

/**
 * Reads and checks the certificate and key: each a PEM of its kind, and the key the certificate's own. A problem is a
 * ParleyError whose detail the Settings dialog and the relay status word in the seller's language.
 */
export function loadListenerTls(files: ListenerTlsFiles): ListenerTls {
  const cert = readPem(files.certFile, 'certificate');
  const key = readPem(files.keyFile, 'key');
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(cert);
  } catch {
    throw notPem(files.certFile, 'certificate');
  }
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw notPem(files.keyFile, 'key');
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new ParleyError(
      'EBADINPUT',
      `The key ${files.keyFile} does not belong to the certificate ${files.certFile}`,
      {
        detail: errorDetail('relay.tlsKeyMismatch', { cert: files.certFile, key: files.keyFile }),
      },
    );
  if (Date.parse(x509.validTo) < Date.now())
    console.warn(
      `parley relay: the TLS certificate ${files.certFile} expired on ${x509.validTo}; clients may refuse it`,
    );
  return { cert, key };
}

/** The refusal to start a submission port off loopback without a certificate: passwords would cross in clear. */
export function submissionNeedsTls(where: string): ParleyError {
  return new ParleyError(
    'EBADINPUT',
    `The submission port ${where} is not on loopback and has no TLS certificate: passwords would cross the network ` +
      'in clear. Set a certificate and key (Settings, or --tls-cert and --tls-key) or bind it to 127.0.0.1',
    { detail: errorDetail('relay.submissionNeedsTls', { where }) },
  );
}
