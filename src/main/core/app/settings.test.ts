import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCertKit } from '../../../../test/support/certs.js';
import { Sink } from '../../../../test/support/sink.js';
import { SECRET_KEYS, type SecretStore } from './secrets.js';
import { slugFromName } from './setup.js';
import { removeTestDirs, startDemoApp, startTestApp, type TestApp } from './testing/test-app.js';

const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAtest\n-----END PRIVATE KEY-----\n';

const open: TestApp[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  for (const c of cleanups.splice(0)) await c();
  removeTestDirs();
});
async function track(app: Promise<TestApp>): Promise<TestApp> {
  const a = await app;
  open.push(a);
  return a;
}

describe('settings', () => {
  it('keeps relay settings in the store and secrets with the SecretStore, never in what the UI gets', async () => {
    let app = await track(startDemoApp());
    const status = await app.call('settings.update', {
      relay: {
        smarthost: 'smtp://mailer:s3cret-pw@127.0.0.1:2599?starttls=never',
        dkimSelector: 'parley1',
        dkimKey: PEM,
      },
    });
    expect(status.relay).toMatchObject({
      smarthost: 'smtp://127.0.0.1:2599?starttls=never',
      smarthostUser: 'mailer',
      hasSmarthostPassword: true,
      dkimSelector: 'parley1',
      hasDkimKey: true,
    });
    expect(JSON.stringify(status)).not.toMatch(/s3cret-pw|PRIVATE KEY/);
    const file = path.join(app.dataDir, 'secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      [SECRET_KEYS.smarthostPassword]: 's3cret-pw',
      [SECRET_KEYS.dkimKey]: PEM,
    });
    // The relay was restarted with the smarthost (the login stays out of the status too).
    expect(status.relayStatus).toMatchObject({
      running: true,
      outbound: 'smarthost smtp://127.0.0.1:2599',
      error: null,
    });

    app = await app.reopen();
    open.splice(0, 1, app);
    const again = await app.call('app.status', {});
    expect(again.relay).toEqual(status.relay);
    const cleared = await app.call('settings.update', {
      relay: { smarthost: null, smarthostPassword: null, dkimKey: null, dkimSelector: null, smarthostUser: null },
    });
    expect(cleared.relay).toMatchObject({
      smarthost: null,
      smarthostUser: null,
      hasSmarthostPassword: false,
      hasDkimKey: false,
      dkimSelector: null,
    });
    expect(cleared.relayStatus.outbound).toMatch(/^local mailbox /);
  });

  it('uses the SecretStore it is given (the desktop passes an OS-backed one) and writes no secrets file', async () => {
    const kept = new Map<string, string>();
    const secrets: SecretStore = {
      get: (k) => kept.get(k) ?? null,
      set: (k, v) => (v === null ? kept.delete(k) : kept.set(k, v)),
    };
    const app = await track(startTestApp({ secrets }));
    await app.call('setup.shop', {
      name: 'Kerzen Koch',
      email: 'info@kerzen-koch.example',
      language: 'de',
      smarthostPassword: 'pw-1',
      smarthostUser: 'koch',
      smarthost: 'smtp://127.0.0.1:2599',
    });
    expect(kept.get(SECRET_KEYS.smarthostPassword)).toBe('pw-1');
    expect(kept.get(SECRET_KEYS.sellerPassword('kerzen-koch'))).toMatch(/^[\w-]{20,}$/);
    expect(fs.existsSync(path.join(app.dataDir, 'secrets.json'))).toBe(false);
  });

  it('sets up a shop: id from its name, a submission password that logs in, domain and smarthost', async () => {
    const app = await track(startTestApp());
    const status = await app.call('setup.shop', {
      name: 'Holzwerkstatt Müller & Söhne',
      email: 'Service@Mueller-Holz.example',
      language: 'de',
      domain: 'mail.mueller-holz.example',
    });
    expect(status).toMatchObject({
      firstRun: false,
      seller: {
        id: 'holzwerkstatt-mueller-soehne',
        email: 'service@mueller-holz.example',
        relayAddress: 'holzwerkstatt-mueller-soehne@mail.mueller-holz.example',
      },
    });
    expect(status.relay.domain).toBe('mail.mueller-holz.example');
    expect(status.relayStatus.running).toBe(true);
    const password = JSON.parse(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8'))[
      SECRET_KEYS.sellerPassword('holzwerkstatt-mueller-soehne')
    ];
    await expect(app.ctx.sellers.checkPassword('holzwerkstatt-mueller-soehne', password)).resolves.toBe(true);
    const second = await app.call('setup.shop', {
      name: 'Holzwerkstatt Müller & Söhne',
      email: 'zwei@mueller-holz.example',
      language: 'en',
    });
    expect(second.seller!.id).toBe('holzwerkstatt-mueller-soehne-2'); // and it became the current shop
    await expect(
      app.call('setup.shop', { name: 'Dritte', email: 'zwei@mueller-holz.example', language: 'en' }),
    ).rejects.toMatchObject({ code: 'EEXISTS' });
    // The demo's buyers and messages never go into a folder that holds a real shop.
    await expect(app.call('setup.demo', {})).rejects.toMatchObject({
      code: 'EEXISTS',
      detail: { key: 'shop.demoBesideShop' },
    });
    expect(app.ctx.sellers.get('holzwerkstatt')).toBeUndefined();
  });

  it('derives seller ids that cannot be mistaken for an alias or a relay address (R1)', () => {
    expect(slugFromName('Holzwerkstatt Müller & Söhne')).toBe('holzwerkstatt-mueller-soehne');
    expect(slugFromName('Café Crème')).toBe('cafe-creme');
    expect(slugFromName('abcdefghijklmno')).toBe('abcdefghijklmno-shop'); // 15 letters would read as an alias
    expect(slugFromName('Postmaster')).toBe('postmaster-shop');
    expect(slugFromName('4 Wände')).toBe('shop-4-waende');
    expect(slugFromName('AB')).toBe('ab-shop');
    expect(slugFromName('x'.repeat(80))).toHaveLength(40);
  });

  it('updates the shop, its authorized senders (R7, R9) and the UI settings', async () => {
    const app = await track(startDemoApp());
    app.ctx.sellers.add({ id: 'other-shop', name: 'Other', email: 'cs@other.example', password: 'x', language: 'en' });
    const status = await app.call('settings.update', {
      seller: {
        name: 'Holzwerkstatt B.',
        email: 'neu@holzwerkstatt-berger.example',
        language: 'en',
        bounceNotices: false,
        strict: true,
      },
      ui: { language: 'de', theme: 'dark' },
    });
    expect(status.seller).toMatchObject({
      name: 'Holzwerkstatt B.',
      email: 'neu@holzwerkstatt-berger.example',
      language: 'en',
      bounceNotices: false,
      strict: true,
    });
    expect(status.ui).toEqual({
      language: 'de',
      languageChosen: true,
      theme: 'dark',
      notifications: true,
      startAtLogin: false,
      closeHintShown: false,
    });
    await expect(app.call('settings.update', { seller: { email: 'cs@other.example' } })).rejects.toMatchObject({
      code: 'EEXISTS',
    });

    expect(await app.call('senders.add', { email: 'Lager@Holzwerkstatt-Berger.example' })).toEqual([
      'lager@holzwerkstatt-berger.example',
    ]);
    expect(app.ctx.sellers.isAuthorizedSender('holzwerkstatt', 'lager@holzwerkstatt-berger.example')).toBe(true);
    expect(await app.call('senders.add', { email: 'neu@holzwerkstatt-berger.example' })).toEqual([
      'lager@holzwerkstatt-berger.example',
    ]);
    await expect(app.call('senders.add', { email: 'cs@other.example' })).rejects.toMatchObject({
      code: 'EOTHERSELLER',
    });
    expect(await app.call('senders.remove', { email: 'lager@holzwerkstatt-berger.example' })).toEqual([]);
    expect(app.ctx.sellers.isAuthorizedSender('holzwerkstatt', 'lager@holzwerkstatt-berger.example')).toBe(false);
    expect((await app.call('app.status', {})).seller!.authorizedSenders).toEqual([]);
  });

  it('keeps the desktop switches: notifications on and start at login off until changed', async () => {
    const app = await track(startDemoApp());
    const off = await app.call('settings.update', { ui: { notifications: false, startAtLogin: true } });
    expect(off.ui).toMatchObject({ notifications: false, startAtLogin: true, closeHintShown: false });
    await app.call('settings.update', { ui: { closeHintShown: true } });
    expect((await app.call('app.status', {})).ui).toMatchObject({ notifications: false, closeHintShown: true });
    const back = await app.call('settings.update', { ui: { notifications: true, startAtLogin: false } });
    expect(back.ui).toMatchObject({ notifications: true, startAtLogin: false, closeHintShown: true });
  });

  it('reports a relay port in use as a status, not an error, and recovers when the port is changed', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => busy.close(() => resolve())));
    const port = (busy.address() as net.AddressInfo).port;
    const app = await track(startTestApp({ relayOverrides: { smtp: undefined, submission: undefined } }));
    await app.call('settings.update', { relay: { smtp: `127.0.0.1:${port}`, submission: '127.0.0.1:0' } });
    const status = await app.call('setup.shop', {
      name: 'Kerzen Koch',
      email: 'info@kerzen-koch.example',
      language: 'en',
    });
    expect(status.relayStatus).toMatchObject({ running: false });
    expect(status.relayStatus.error).toContain(`127.0.0.1:${port} is already in use`);
    // The UI words it in the seller's language from the key.
    expect(status.relayStatus.errorDetail).toEqual({ key: 'relay.portInUse', params: { where: `127.0.0.1:${port}` } });
    expect(app.service.relayInfo()).toEqual(status.relayStatus);
    app.events.length = 0;
    const fixed = await app.call('settings.update', { relay: { smtp: '127.0.0.1:0' } });
    expect(fixed.relayStatus).toMatchObject({ running: true, error: null });
    expect(fixed.relay.smtp).toBe('127.0.0.1:0');
    await app.waitForEvent('relay.status', (s) => s.running);
    await expect(app.call('settings.update', { relay: { smtp: '127.0.0.1:99999' } })).rejects.toMatchObject({
      code: 'EBADINPUT',
    });
  });

  it('keeps a public submission port stopped without a certificate, in words, and checks the TLS files before storing them', async () => {
    const kit = makeCertKit();
    cleanups.push(() => kit.remove());
    const cert = kit.leaf(['localhost']);
    const other = kit.selfSigned(['localhost']);
    const app = await track(startTestApp({ relayOverrides: { smtp: undefined, submission: undefined, public: true } }));
    await app.call('settings.update', { relay: { smtp: '127.0.0.1:0', submission: '127.0.0.1:0' } });
    const status = await app.call('setup.shop', {
      name: 'Kerzen Koch',
      email: 'info@kerzen-koch.example',
      language: 'en',
    });
    expect(status.relayStatus).toMatchObject({ running: false });
    expect(status.relayStatus.error).toContain('is not on loopback and has no TLS certificate');
    expect(status.relayStatus.errorDetail).toMatchObject({ key: 'relay.submissionNeedsTls' });

    await expect(app.call('settings.update', { relay: { tlsCert: cert.certFile } })).rejects.toMatchObject({
      detail: { key: 'settings.tlsPair' },
    });
    const missing = path.join(kit.dir, 'gone.crt');
    await expect(
      app.call('settings.update', { relay: { tlsCert: missing, tlsKey: cert.keyFile } }),
    ).rejects.toMatchObject({ detail: { key: 'relay.tlsFileMissing', params: { file: missing } } });
    await expect(
      app.call('settings.update', { relay: { tlsCert: cert.certFile, tlsKey: other.keyFile } }),
    ).rejects.toMatchObject({ detail: { key: 'relay.tlsKeyMismatch' } });
    expect((await app.call('app.status', {})).relay.tlsCert).toBeNull();

    const fixed = await app.call('settings.update', {
      relay: { tlsCert: cert.certFile, tlsKey: cert.keyFile, submissionTls: 'implicit' },
    });
    expect(fixed.relay).toMatchObject({ tlsCert: cert.certFile, tlsKey: cert.keyFile, submissionTls: 'implicit' });
    expect(fixed.relayStatus).toMatchObject({ running: true, error: null });
  });

  it('tests a smarthost connection and says in words why it failed', async () => {
    const sink = new Sink();
    await sink.start();
    cleanups.push(() => sink.stop());
    const app = await track(startTestApp());
    const ok = await app.call('smarthost.test', { url: sink.url });
    expect(ok).toMatchObject({ ok: true, message: expect.stringContaining(`127.0.0.1:${sink.port}`) });
    await sink.stop();
    const down = await app.call('smarthost.test', { url: sink.url });
    expect(down.ok).toBe(false);
    expect(down.message).toContain('connection refused');
  });
});
