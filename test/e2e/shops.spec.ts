/**
 * Two shops in one store, in a real Chromium over the bridge: the demo shop and a second one set up through first run's
 * own call, with one buyer message. The switcher in the top bar shows the second shop's inbox and counts, then the
 * first's again; "All shops" merges them with a shop per row. In both languages, at the smallest and a large window.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

const DEMO = { id: 'holzwerkstatt', name: 'Holzwerkstatt Berger' };
const SECOND = { name: 'Kerzenladen Sommer', email: 'laden@kerzen-sommer.example' };
const WORDS = {
  en: { all: 'All shops', switcher: 'Shop:' },
  de: { all: 'Alle Shops', switcher: 'Shop:' },
} as const;

test.describe.configure({ mode: 'serial' });

let demoWaiting = 0;

test.beforeAll(async ({ demoEnv }) => {
  const server = demoEnv.server;
  demoWaiting = (await server.call('inbox.counts', {}))['response-needed'];
  // First run's "set up your shop" adds the second shop and shows it; a buyer writes to it.
  await server.call('setup.shop', { name: SECOND.name, email: SECOND.email, language: 'de' });
  await demoEnv.mailFromBuyer({
    from: { name: 'Erika Muster', address: 'erika@buyer.example' },
    subject: 'Wo bleibt meine Kerze?',
    text: 'Guten Tag,\nwann kommt meine Bienenwachskerze an?',
  });
  await expect
    .poll(async () => (await server.call('inbox.counts', {}))['response-needed'], { timeout: 15_000 })
    .toBe(1);
  await server.call('shops.select', { shop: DEMO.id });
});

async function pick(page: Page, name: string | RegExp) {
  await page.getByTestId('shop-switcher').click();
  await page.getByRole('menu').getByRole('menuitemradio', { name }).click();
}

for (const language of ['en', 'de'] as const)
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1440, height: 900 },
  ])
    test(`the switcher shows the second shop's inbox and counts, then the first's (${language}, ${size.width})`, async ({
      page,
      demoEnv,
      shoot,
    }) => {
      const words = WORDS[language];
      await demoEnv.server.call('settings.update', { ui: { language } });
      await page.setViewportSize(size);
      await page.goto(demoEnv.server.url);
      const switcher = page.getByTestId('shop-switcher');
      await expect(switcher).toContainText(DEMO.name);
      const waiting = page.getByTestId('count-response-needed');
      await expect(waiting).toHaveText(String(demoWaiting));
      const rows = page.getByTestId('conversation-row');
      await expect(rows).toHaveCount(demoWaiting);

      await switcher.click();
      const menu = page.getByRole('menu');
      await expect(menu.getByRole('menuitemradio')).toHaveText([
        `${DEMO.name}${demoWaiting}`,
        `${SECOND.name}1`,
        `${words.all}${demoWaiting + 1}`,
      ]);
      await shoot(page, `shops-menu-${language}-${size.width}`);
      await menu.getByRole('menuitemradio', { name: new RegExp(SECOND.name) }).click();

      await expect(switcher).toContainText(SECOND.name);
      await expect(waiting).toHaveText('1');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('Erika Muster');
      await expect(rows.first()).toContainText('Bienenwachskerze');
      await rows.first().click();
      await expect(page.getByRole('main', { name: /conversation|unterhaltung/i })).toContainText(
        'Wo bleibt meine Kerze?',
      );
      await shoot(page, `shops-second-${language}-${size.width}`);

      await pick(page, words.all);
      await expect(waiting).toHaveText(String(demoWaiting + 1));
      await expect(rows).toHaveCount(demoWaiting + 1);
      await expect(page.getByTestId('row-shop').filter({ hasText: SECOND.name })).toHaveCount(1);
      await shoot(page, `shops-all-${language}-${size.width}`);

      await pick(page, new RegExp(DEMO.name));
      await expect(switcher).toContainText(DEMO.name);
      await expect(waiting).toHaveText(String(demoWaiting));
      await expect(rows).toHaveCount(demoWaiting);
      await expect(page.getByTestId('row-shop')).toHaveCount(0);
      // The choice is the store's: the next window opens on it.
      expect((await demoEnv.server.call('shops.list', {})).selected).toBe(DEMO.id);

      // Another shop is added with first run's own form, from the same menu.
      await switcher.click();
      await page.getByTestId('shop-add').click();
      const dialog = page.getByTestId('shop-add-dialog');
      await expect(dialog.getByRole('textbox').first()).toBeVisible();
      await shoot(page, `shops-add-${language}-${size.width}`);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });
