/**
 * Settings → relay domain in a real Chromium: a change asks first and says what happens, in a warning that stays inside
 * the relay column at the smallest window (1024×700) in both languages; Cancel changes nothing.
 */
import { expect, test } from './support/fixtures.js';

for (const language of ['en', 'de'] as const)
  test(`the domain change warning fits the relay column and Cancel keeps the domain (${language})`, async ({
    page,
    demoEnv,
    shoot,
  }) => {
    await demoEnv.server.call('settings.update', { ui: { language } });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(demoEnv.server.url);
    await page.getByRole('button', { name: language === 'en' ? /^settings$/i : /^einstellungen$/i }).click();
    const dialog = page.getByRole('dialog');
    const section = dialog.getByTestId('relay-domain-section');
    const before = await dialog.getByTestId('relay-domain').textContent();
    await section.getByRole('button', { name: language === 'en' ? /change domain/i : /domain ändern/i }).click();
    await section.getByRole('textbox').fill('mail.a-rather-long-shop-name.example');
    await section.getByRole('button', { name: language === 'en' ? 'Continue' : 'Weiter' }).click();
    const warning = dialog.getByTestId('domain-warning');
    await expect(warning).toContainText(before!);
    await warning.scrollIntoViewIfNeeded();
    const column = (await section.boundingBox())!;
    for (const part of [warning, ...(await warning.getByRole('button').all())]) {
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(column.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(column.x + column.width + 1);
    }
    await shoot(page, `settings-domain-warning-${language}-1024`);
    await warning.getByRole('button', { name: language === 'en' ? 'Cancel' : 'Abbrechen' }).click();
    await expect(warning).toBeHidden();
    expect((await demoEnv.server.call('domains.list', {})).find((d: { current: boolean }) => d.current)?.name).toBe(
      before,
    );
  });
