/**
 * The smarthost client's TLS against a real smtp-server on 127.0.0.1 with generated certificates: verification always
 * on, each certificate problem in words with the server's fingerprint, a pinned fingerprint that lets exactly one
 * certificate through, STARTTLS required where the mode says so, implicit TLS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCertKit, type CertKit, type TestCert } from '../../../../test/support/certs.js';
import { startTlsSmarthost } from '../../../../test/support/tls-smarthost.js';
import { SmarthostTransport, smarthostSecurity, withSmarthostSecurity, type SmarthostError } from './transports.js';

let kit: CertKit;
beforeAll(() => {
  kit = makeCertKit();
});
afterAll(() => kit.remove());

const running: { stop(): Promise<void> }[] = [];
const transports: SmarthostTransport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function smarthost(cert: TestCert | null, opts: { secure?: boolean } = {}) {
  const s = await startTlsSmarthost(cert, opts);
  running.push(s);
  return s;
}

function client(url: string, opts: ConstructorParameters<typeof SmarthostTransport>[1] = {}) {
  const t = new SmarthostTransport(url, { name: 'relay.test', ...opts });
  transports.push(t);
  return t;
}

const raw = Buffer.from('From: a@relay.test\r\nTo: b@buyer.example\r\nSubject: Hallo\r\n\r\nHallo\r\n');
const send = (t: SmarthostTransport) => t.send({ from: 'a@relay.test', to: ['b@buyer.example'] }, raw);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: SmarthostError) => err,
  );

describe('smarthost TLS', () => {
  it('STARTTLS with a certificate of a trusted authority: delivered over TLS', async () => {
    const s = await smarthost(kit.leaf(['localhost', '127.0.0.1']));
    const t = client(`smtp://127.0.0.1:${s.port}?starttls=required`, { ca: kit.ca.cert });
    expect(await send(t)).toMatch(/^250/);
    expect(s.got).toHaveLength(1);
    expect(s.got[0]).toMatch(/^tls:/);
  });

  it('a self-signed certificate is refused in words with its fingerprint; nothing is delivered', async () => {
    const cert = kit.selfSigned(['localhost', '127.0.0.1']);
    const s = await smarthost(cert);
    const err = await failure(send(client(`smtp://127.0.0.1:${s.port}`, { ca: kit.ca.cert })));
    expect(err.message).toContain('self-signed certificate');
    expect(err.message).toContain(cert.fingerprint256);
    expect(err.detail).toEqual({
      key: 'smarthost.certSelfSigned',
      params: { host: '127.0.0.1', fingerprint: cert.fingerprint256 },
    });
    expect(err.fingerprint).toBe(cert.fingerprint256);
    // Temporary: the outbox defers it, nothing is lost.
    expect(err.responseCode).toBeUndefined();
    expect(s.got).toHaveLength(0);
  });

  it('after "trust this certificate" the same self-signed certificate is accepted, also for another name', async () => {
    const cert = kit.selfSigned(['mail.self-hosted.example']);
    const s = await smarthost(cert);
    const t = client(`smtp://127.0.0.1:${s.port}?starttls=required`, { fingerprint: cert.fingerprint256 });
    expect(await send(t)).toMatch(/^250/);
    expect(await send(t)).toMatch(/^250/);
    expect(s.got.map((g) => g.slice(0, 4))).toEqual(['tls:', 'tls:']);
    expect((await t.verify()).fingerprint).toBe(cert.fingerprint256);
  });

  it('a trusted certificate of an unknown authority, made out for another name, is accepted too', async () => {
    const cert = kit.leaf(['mail.other.example']);
    const s = await smarthost(cert);
    const t = client(`smtp://127.0.0.1:${s.port}?starttls=required`);
    expect((await failure(t.verify())).detail?.key).toBe('smarthost.certUnknownIssuer');
    const trusted = client(`smtp://127.0.0.1:${s.port}?starttls=required`, { fingerprint: cert.fingerprint256 });
    expect(await send(trusted)).toMatch(/^250/);
  });

  it('another self-signed certificate with the old pin is refused, naming both fingerprints', async () => {
    const trusted = kit.selfSigned(['localhost', '127.0.0.1']);
    const other = kit.selfSigned(['localhost', '127.0.0.1']);
    const s = await smarthost(other);
    const err = await failure(send(client(`smtp://127.0.0.1:${s.port}`, { fingerprint: trusted.fingerprint256 })));
    expect(err.message).toContain('changed');
    expect(err.message).toContain(other.fingerprint256);
    expect(err.message).toContain(trusted.fingerprint256);
    expect(err.detail?.key).toBe('smarthost.certChanged');
    expect(s.got).toHaveLength(0);
  });

  it('an expired certificate is refused as expired', async () => {
    const cert = kit.leaf(['localhost', '127.0.0.1'], { expired: true });
    const s = await smarthost(cert);
    const err = await failure(send(client(`smtp://127.0.0.1:${s.port}`, { ca: kit.ca.cert })));
    expect(err.message).toContain('has expired');
    expect(err.message).toContain(cert.fingerprint256);
    expect(err.detail?.key).toBe('smarthost.certExpired');
  });

  it('a certificate for another name is refused as such', async () => {
    const cert = kit.leaf(['mail.other.example']);
    const s = await smarthost(cert);
    const err = await failure(send(client(`smtp://127.0.0.1:${s.port}`, { ca: kit.ca.cert })));
    expect(err.message).toContain('another name');
    expect(err.detail?.key).toBe('smarthost.certName');
  });

  it('a certificate of an unknown authority is refused as such', async () => {
    const s = await smarthost(kit.leaf(['localhost', '127.0.0.1']));
    const err = await failure(send(client(`smtp://127.0.0.1:${s.port}`)));
    expect(err.message).toContain('authority this computer does not know');
    expect(err.detail?.key).toBe('smarthost.certUnknownIssuer');
  });

  it('STARTTLS required and the server offers none: refused in words, deferred, nothing sent', async () => {
    const s = await smarthost(null);
    const err = await failure(send(client(`smtp://127.0.0.1:${s.port}?starttls=required`)));
    expect(err.message).toContain('does not offer STARTTLS');
    expect(err.detail).toEqual({ key: 'smarthost.noStarttls', params: { host: '127.0.0.1' } });
    expect(err.responseCode).toBeUndefined();
    expect(s.got).toHaveLength(0);
  });

  it('implicit TLS (smtps://) with a trusted certificate', async () => {
    const s = await smarthost(kit.leaf(['localhost', '127.0.0.1']), { secure: true });
    const t = client(`smtps://127.0.0.1:${s.port}`, { ca: kit.ca.cert });
    expect(await t.verify()).toMatchObject({ secured: 'TLS' });
    expect(await send(t)).toMatch(/^250/);
    expect(s.got[0]).toMatch(/^tls:/);
  });

  it('implicit TLS with a self-signed certificate: refused, then trusted by its fingerprint', async () => {
    const cert = kit.selfSigned(['localhost', '127.0.0.1']);
    const s = await smarthost(cert, { secure: true });
    const err = await failure(client(`smtps://127.0.0.1:${s.port}`).verify());
    expect(err.fingerprint).toBe(cert.fingerprint256);
    expect(await send(client(`smtps://127.0.0.1:${s.port}`, { fingerprint: err.fingerprint }))).toMatch(/^250/);
  });
});

describe('smarthost security modes in the URL', () => {
  it.each([
    ['smtp://mail.example.com:587', 'starttls'],
    ['smtps://mail.example.com', 'tls'],
    ['smtp://127.0.0.1:2525?starttls=never&tls=insecure', 'none'],
  ])('%s is %s', (url, mode) => expect(smarthostSecurity(url)).toBe(mode));

  it('switching the mode rewrites scheme, usual port and ?starttls=never', () => {
    expect(withSmarthostSecurity('smtp://mail.example.com:587', 'tls')).toBe('smtps://mail.example.com:465');
    expect(withSmarthostSecurity('smtps://mail.example.com:465', 'starttls')).toBe('smtp://mail.example.com:587');
    expect(withSmarthostSecurity('smtp://mail.example.com:2525', 'none')).toBe(
      'smtp://mail.example.com:2525?starttls=never',
    );
    expect(withSmarthostSecurity('smtp://mail.example.com:25?starttls=never', 'starttls')).toBe(
      'smtp://mail.example.com:25',
    );
  });
});
