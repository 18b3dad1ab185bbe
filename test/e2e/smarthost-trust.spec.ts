/**
 * Settings against `parley serve --http` and a real smarthost on 127.0.0.1 with a self-signed certificate: "Test
 * connection" refuses it in words with its fingerprint, "Trust this certificate" connects, Save stores the trust.
 */
import { makeCertKit, type CertKit } from '../support/certs.js';
import { startTlsSmarthost, type TlsSmarthost } from '../support/tls-smarthost.js';
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';

let kit: CertKit;
let server: TlsSmarthost;
test.beforeAll(async ({ demoEnv }) => {
  kit = makeCertKit();
  server = await startTlsSmarthost(kit.selfSigned(['mail.shop.example']));
  await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
});
test.afterAll(async () => {
  await server?.stop();
  kit?.remove();
});

test('a self-signed smarthost certificate is refused with its fingerprint, then trusted', async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await page.getByRole('button', { name: /^settings$/i }).click();
  const dialog = page.getByRole('dialog', { name: /settings/i });
  const url = `smtp://127.0.0.1:${server.port}?starttls=required`;
  await dialog.getByRole('textbox', { name: /smarthost url/i }).fill(url);
  await expect(dialog.getByRole('combobox', { name: 'Connection security' })).toHaveValue('starttls');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const result = dialog.getByTestId('smarthost-test-result');
  await expect(result).toContainText('self-signed certificate');
  const fingerprint = (await result.textContent())!.match(/SHA-256 ([0-9A-F:]{95})/)![1];

  await dialog.getByTestId('smarthost-trust').click();
  await expect(result).toContainText(`Connected: Connected to 127.0.0.1:${server.port} (TLS, SHA-256 ${fingerprint})`);
  await expect(dialog.getByTestId('smarthost-trusted')).toContainText(fingerprint);
  await shoot(dialog, 'settings-smarthost-trusted');
  // The dialog's own Save (sections such as saved replies and backup have theirs).
  await dialog.getByTestId('settings-save').click();
  await expect
    .poll(async () => (await demoEnv.server.call('app.status', {})).relay.smarthostFingerprint)
    .toBe(fingerprint);
});
