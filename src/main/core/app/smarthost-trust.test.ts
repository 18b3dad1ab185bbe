/**
 * A self-hosted smarthost with a self-signed certificate, as the seller meets it: the reply waits in the outbox with
 * the certificate problem in words, "Test connection" names the fingerprint, "Trust this certificate" stores it, and
 * the waiting reply goes out — over TLS, once. Another certificate later is refused again.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCertKit, type CertKit } from '../../../../test/support/certs.js';
import { startTlsSmarthost, type TlsSmarthost } from '../../../../test/support/tls-smarthost.js';
import { eventually, removeTestDirs, startDemoApp, startTestApp, type TestApp } from './testing/test-app.js';

let kit: CertKit;
beforeAll(() => {
  kit = makeCertKit();
});
afterAll(() => kit.remove());

const open: TestApp[] = [];
const servers: TlsSmarthost[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  removeTestDirs();
});

async function replyToJames(app: TestApp): Promise<number> {
  const conversation = (await app.call('inbox.list', { filter: 'all' })).rows.find(
    (r) => r.buyerName === 'James Smith',
  )!;
  const original = (await app.call('conversation.get', { id: conversation.id })).messages.find(
    (m) => m.direction === 'buyer-to-seller',
  )!;
  const sent = await app.call('composer.send', {
    conversationId: conversation.id,
    replyToMessageId: original.id,
    subject: '',
    body: 'Thursday works.',
  });
  return sent.messageId;
}

describe('trusting a self-hosted smarthost certificate', () => {
  it('refuses a self-signed certificate in words, accepts it after "trust this certificate", and not another one', async () => {
    const cert = kit.selfSigned(['mail.shop.example']);
    const server = await startTlsSmarthost(cert);
    servers.push(server);
    const app = await startDemoApp();
    open.push(app);
    const url = `smtp://127.0.0.1:${server.port}?starttls=required`;
    await app.call('settings.update', { relay: { smarthost: url } });

    // The reply waits: a certificate problem is temporary, nothing is lost and nothing went out in clear.
    const messageId = await replyToJames(app);
    const deferred = await app.waitForEvent('delivery.changed', (e) => e.messageId === messageId);
    expect(deferred.state).toBe('deferred');
    expect(deferred.lastError).toContain('self-signed certificate');
    expect(deferred.lastError).toContain(cert.fingerprint256);
    expect(server.got).toHaveLength(0);
    // The relay status says it too, for the UI to word.
    expect((await app.call('app.status', {})).relayStatus).toMatchObject({
      running: true,
      smarthostError: expect.stringContaining(cert.fingerprint256),
      smarthostErrorDetail: {
        key: 'smarthost.certSelfSigned',
        params: { host: '127.0.0.1', fingerprint: cert.fingerprint256 },
      },
    });

    // "Test connection" says so and offers the fingerprint to trust.
    const test = await app.call('smarthost.test', { url });
    expect(test).toMatchObject({ ok: false, trustable: true, fingerprint: cert.fingerprint256 });
    expect(test.message).toContain('selbstsigniertes Zertifikat'); // the demo shop speaks German
    expect(test.message).toContain(cert.fingerprint256);

    // Trusted: stored for this smarthost, the test passes and the waiting reply goes out over TLS.
    const status = await app.call('settings.update', { relay: { smarthostFingerprint: cert.fingerprint256 } });
    expect(status.relay.smarthostFingerprint).toBe(cert.fingerprint256);
    expect(status.relayStatus.smarthostError ?? null).toBeNull();
    expect(await app.call('smarthost.test', { url })).toMatchObject({
      ok: true,
      fingerprint: cert.fingerprint256,
      message: expect.stringContaining(`(TLS, SHA-256 ${cert.fingerprint256})`),
    });
    const item = (await app.call('outbox.list', {})).find((o) => o.messageId === messageId)!;
    await app.call('outbox.retry', { id: item.id });
    await server.waitFor(1);
    expect(server.got[0]).toMatch(/^tls:/);
    await eventually(
      async () => (await app.call('outbox.list', {})).find((o) => o.id === item.id)!.state === 'delivered',
      5_000,
      'delivered',
    );

    // The server's certificate changes: the old pin does not let the new one through.
    const other = kit.selfSigned(['mail.shop.example']);
    const moved = await startTlsSmarthost(other);
    servers.push(moved);
    const changed = await app.call('smarthost.test', {
      url: `smtp://127.0.0.1:${moved.port}?starttls=required`,
      fingerprint: cert.fingerprint256,
    });
    expect(changed).toMatchObject({ ok: false, trustable: true, fingerprint: other.fingerprint256 });
    expect(changed.message).toContain('hat sich geändert');
    expect(changed.message).toContain(cert.fingerprint256);

    // Another smarthost host forgets the pin: it belonged to the old one.
    const cleared = await app.call('settings.update', { relay: { smarthost: 'smtp://mail.other.example:587' } });
    expect(cleared.relay.smarthostFingerprint).toBeNull();
  });

  it('first run: the shop is set up with the certificate trusted during its connection test', async () => {
    const app = await startTestApp();
    open.push(app);
    const fp = kit.selfSigned(['mail.shop.example']).fingerprint256;
    const status = await app.call('setup.shop', {
      name: 'Drechslerei Vogel',
      email: 'kontakt@drechslerei-vogel.example',
      language: 'de',
      smarthost: 'smtp://mail.shop.example:587',
      smarthostFingerprint: fp,
    });
    expect(status.relay).toMatchObject({ smarthost: 'smtp://mail.shop.example:587', smarthostFingerprint: fp });
  });

  it('accepts a fingerprint with or without colons, in either case, and refuses anything else', async () => {
    const app = await startDemoApp();
    open.push(app);
    const fp = kit.selfSigned(['a.example']).fingerprint256;
    const status = await app.call('settings.update', {
      relay: { smarthost: 'smtp://mail.shop.example:587', smarthostFingerprint: fp.replace(/:/g, '').toLowerCase() },
    });
    expect(status.relay.smarthostFingerprint).toBe(fp);
    await expect(app.call('settings.update', { relay: { smarthostFingerprint: 'AB:CD' } })).rejects.toThrow();
  });
});
