/**
 * `parley serve --tls-cert --tls-key [--submission-tls]`: a submission port off loopback does not start without a
 * certificate and says why in one line; the flags go together; with them the submission port speaks implicit TLS on
 * request. Certificates made by openssl; the refused runs stop before any port is bound (192.0.2.1 is a documentation
 * address, never this machine's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertKit, type CertKit, type TestCert } from '../support/certs.js';
import { serveOnce, spawnServe, stopProcess } from '../support/serve-process.js';

describe('parley serve with TLS on the listeners', () => {
  let dir: string;
  let kit: CertKit;
  let cert: TestCert;
  const serve = (...args: string[]) => serveOnce(dir, args);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-tls-'));
    kit = makeCertKit();
    cert = kit.leaf(['localhost', '127.0.0.1']);
  });
  afterAll(() => {
    kit?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a submission port off loopback without a certificate, in one line', () => {
    const r = serve('--smtp', '127.0.0.1:0', '--submission', '192.0.2.1:0');
    expect(r.err.split('\n')).toEqual([
      expect.stringMatching(
        /^parley: The submission port 192\.0\.2\.1:0 is not on loopback and has no TLS certificate/,
      ),
    ]);
    expect(r.code).toBe(1);
  });

  it('refuses flags that do not fit and certificate files it cannot use', () => {
    expect(serve('--tls-cert', cert.certFile)).toEqual({
      code: 2,
      err: 'parley: --tls-cert and --tls-key go together',
    });
    expect(serve('--submission-tls', 'sometimes').err).toBe(
      'parley: --submission-tls must be starttls or implicit, got "sometimes"',
    );
    expect(serve('--submission-tls', 'implicit').err).toBe(
      'parley: --submission-tls implicit needs --tls-cert and --tls-key',
    );
    const missing = path.join(kit.dir, 'none.crt');
    const r = serve(
      '--smtp',
      '127.0.0.1:0',
      '--submission',
      '127.0.0.1:0',
      '--tls-cert',
      missing,
      '--tls-key',
      cert.keyFile,
    );
    expect(r).toEqual({ code: 1, err: `parley: The TLS certificate file ${missing} does not exist` });
  });

  it('speaks implicit TLS on the submission port with the certificate given', async () => {
    const served = await spawnServe([
      '--data',
      dir,
      '--dns',
      'offline',
      '--tls-cert',
      cert.certFile,
      '--tls-key',
      cert.keyFile,
      '--submission-tls',
      'implicit',
    ]);
    try {
      const greeting = await new Promise<string>((resolve, reject) => {
        const socket = tls.connect(
          { host: '127.0.0.1', port: served.submissionPort, ca: kit.ca.cert, servername: 'localhost' },
          () => socket.once('data', (d) => (resolve(String(d)), socket.destroy())),
        );
        socket.once('error', reject);
      });
      expect(greeting).toMatch(/^220 /);
    } finally {
      await stopProcess(served.child);
    }
  });
});
