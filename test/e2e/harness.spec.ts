/**
 * Controls for the e2e harness itself: the seller's-day checks "no request reached the trap"
 * and "the smarthost came back on the same port" are only worth something if the trap does see
 * a page that reaches for it and the smarthost really goes away and comes back.
 */
import nodemailer from 'nodemailer';
import { expect, test } from '@playwright/test';
import { test as appTest } from './support/fixtures.js';
import { hostileHtml, Trap } from './support/hostile.js';
import { Smarthost } from './support/smarthost.js';

test('the trap sees a page that loads its pixel (control for the hostile-HTML test)', async ({ browser }) => {
  const trap = new Trap();
  await trap.start();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // The same hostile HTML, as a plain page with scripts allowed: it must hit the trap.
    await page.setContent(hostileHtml(trap.origin));
    await expect.poll(() => trap.hits.length).toBeGreaterThan(3);
    expect(trap.hits).toEqual(expect.arrayContaining(['/pixel', '/script']));
  } finally {
    await context.close();
    await trap.stop();
  }
});

test('the smarthost refuses mail while stopped and takes it again on the same port', async () => {
  const smarthost = new Smarthost();
  const port = await smarthost.start(0);
  const send = (n: number) => {
    const t = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 2_000,
    });
    return t
      .sendMail({ from: 'a@example.org', to: 'b@example.org', subject: `n${n}`, text: 'x' })
      .finally(() => t.close());
  };
  try {
    await send(1);
    await smarthost.stop();
    await expect(send(2)).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(await smarthost.start()).toBe(port);
    await send(3);
    expect((await smarthost.waitFor('b@example.org', { count: 2 })).map((m) => m.subject)).toEqual(['n1', 'n3']);
  } finally {
    await smarthost.stop();
  }
});

appTest('the page fixture fails a test whose page reaches beyond the bridge', async ({ page }) => {
  appTest.fail(); // expected: the fixture's check after the test must catch the request below
  const trap = new Trap();
  await trap.start();
  try {
    await page.setContent(`<img src="${trap.origin}/leak">`);
    await expect.poll(() => trap.hits).toEqual(['/leak']);
  } finally {
    await trap.stop();
  }
});
