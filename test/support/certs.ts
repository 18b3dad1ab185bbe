/**
 * Test certificates made with Debian's openssl: a throwaway CA and leaves it signs, a self-signed leaf, an expired
 * leaf. Files live in a temp directory the caller removes (`dir`).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCert {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** SHA-256 fingerprint of the DER certificate, upper-case hex pairs joined by ':' (Node's `fingerprint256`). */
  fingerprint256: string;
}

export interface CertKit {
  dir: string;
  /** A CA whose certificate a test may pass as trusted (`ca`). */
  ca: TestCert;
  /** A leaf for `names` (DNS names or IPs), signed by `ca`; `expired` makes it valid only in the past. */
  leaf(names: string[], opts?: { expired?: boolean }): TestCert;
  /** A self-signed leaf for `names`. */
  selfSigned(names: string[]): TestCert;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function san(names: string[]): string {
  return names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
}

function load(dir: string, name: string): TestCert {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  const cert = fs.readFileSync(certFile, 'utf8');
  return {
    certFile,
    keyFile,
    cert,
    key: fs.readFileSync(keyFile, 'utf8'),
    fingerprint256: new crypto.X509Certificate(cert).fingerprint256,
  };
}

let counter = 0;

export function makeCertKit(): CertKit {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-certs-'));
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    ['req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Parley Test CA'],
    dir,
  );
  const ca = load(dir, 'ca');
  return {
    dir,
    ca,
    selfSigned(names) {
      const name = `self${++counter}`;
      openssl(
        ['req', '-x509', ...key, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2'].concat([
          '-subj',
          `/CN=${names[0]}`,
          '-addext',
          `subjectAltName=${san(names)}`,
        ]),
        dir,
      );
      return load(dir, name);
    },
    leaf(names, opts = {}) {
      const name = `leaf${++counter}`;
      openssl(['req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${names[0]}`], dir);
      fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san(names)}\n`);
      if (opts.expired) {
        // OpenSSL 3.0's x509 has no -not_before: `openssl ca` sets past dates, with a throwaway database.
        fs.writeFileSync(path.join(dir, 'index.txt'), '');
        fs.writeFileSync(
          path.join(dir, 'ca.cnf'),
          '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nrand_serial=yes\ndefault_md=sha256\n' +
            'policy=p\nunique_subject=no\n[p]\ncommonName=supplied\n',
        );
        openssl(
          ['ca', '-batch', '-config', 'ca.cnf', '-in', `${name}.csr`, '-cert', 'ca.crt', '-keyfile', 'ca.key']
            .concat(['-out', `${name}.crt`, '-extfile', `${name}.ext`, '-notext'])
            .concat(['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']),
          dir,
        );
      } else {
        openssl(
          ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
            '-out',
            `${name}.crt`,
            '-extfile',
            `${name}.ext`,
            '-days',
            '2',
          ]),
          dir,
        );
      }
      return load(dir, name);
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
