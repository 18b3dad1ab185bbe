/**
 * `parley serve --smarthost … --smarthost-security … --smarthost-trust FP`: the flags are checked and refused in one
 * line, and the relay says at start how its smarthost connection is secured and which certificate it trusts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertKit, type CertKit } from '../support/certs.js';
import { serveOnce, spawnServe, stopProcess } from '../support/serve-process.js';

describe('parley serve with a smarthost over TLS', () => {
  let dir: string;
  let kit: CertKit;
  const serve = (...args: string[]) => serveOnce(dir, args);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-smarthost-'));
    kit = makeCertKit();
  });
  afterAll(() => {
    kit?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses security and trust flags that do not fit, in one line', () => {
    expect(serve('--smarthost', 'smtp://mail.example.com:587', '--smarthost-security', 'maybe')).toEqual({
      code: 2,
      err: 'parley: --smarthost-security must be starttls, tls or none, got "maybe"',
    });
    expect(serve('--smarthost', 'smtp://mail.example.com:587', '--smarthost-trust', 'AB:CD').err).toBe(
      'parley: --smarthost-trust must be a SHA-256 fingerprint (32 hex pairs, AB:CD:…), got "AB:CD"',
    );
    expect(serve('--smarthost-trust', kit.ca.fingerprint256).err).toBe('parley: --smarthost-trust needs --smarthost');
  });

  it('says how the smarthost connection is secured and which certificate it trusts', async () => {
    const fp = kit.selfSigned(['mail.example.com']).fingerprint256;
    const served = await spawnServe([
      '--data',
      dir,
      '--dns',
      'offline',
      '--smarthost',
      'smtp://mail.example.com:587',
      '--smarthost-security',
      'tls',
      '--smarthost-trust',
      fp.replace(/:/g, '').toLowerCase(),
    ]);
    try {
      const out = served.output();
      expect(out).toContain('"outbound": "smarthost smtps://mail.example.com:465"');
      expect(out).toContain(`"outboundSecurity": "TLS from the first byte; trusted certificate SHA-256 ${fp}"`);
    } finally {
      await stopProcess(served.child);
    }
  });
});
