/**
 * What a new seller saw wrong in three places, checked as drawn in Chromium: a landscape PDF page keeps its shape in
 * the viewer (it was stretched to a portrait height), "Export record" answers with a toast that leaves the header's
 * buttons as tall as they were (it grew them to about 160 px), and the Performance chart draws a point for every day
 * with buyer messages (it drew nothing). German and English at the small window, English at the large one.
 */
import PDFDocument from 'pdfkit';
import { expect, test } from './support/fixtures.js';
import { ParleyEnv } from './support/parley-env.js';
import { inkOf } from './support/page-actions.js';

const BUYER = { name: 'Sophie Lindqvist', address: 'sophie.lindqvist@mail.example' };
// PDF points: A4 landscape, then A4 portrait.
const PAGES = [
  { width: 841.89, height: 595.28 },
  { width: 595.28, height: 841.89 },
];

/** Two pages, landscape then portrait, with large text: a squashed page shows. */
function twoShapesPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 48 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(40).text('Lieferschein quer', { align: 'center' });
    doc.rect(48, 300, 745, 200).lineWidth(4).stroke();
    doc.addPage({ size: 'A4', layout: 'portrait', margin: 48 });
    doc.fontSize(40).text('Rechnung hoch', { align: 'center' });
    doc.rect(48, 300, 499, 400).lineWidth(4).stroke();
    doc.end();
  });
}

/** The canvas as the page sees it (the e2e tests compile without the DOM's types). */
interface Canvas {
  width: number;
  height: number;
  getBoundingClientRect(): { width: number; height: number };
}

test.describe.configure({ mode: 'serial' });

// An environment of its own: the buyer mail below must not change what the other specs count in the demo.
let env: ParleyEnv | undefined;
test.afterAll(async () => {
  await env?.dispose();
});

test.beforeAll(async () => {
  env = await ParleyEnv.create({ demo: true });
  await env.mailFromBuyer({
    from: BUYER,
    subject: 'Lieferschein und Rechnung',
    text: 'Hallo,\n\nanbei Lieferschein (quer) und Rechnung (hoch).\n\nSophie\n',
    attachments: [
      { filename: 'lieferschein-rechnung.pdf', content: await twoShapesPdf(), contentType: 'application/pdf' },
    ],
  });
});

for (const run of [
  { language: 'de' as const, width: 1024, height: 700 },
  { language: 'en' as const, width: 1024, height: 700 },
  { language: 'en' as const, width: 1440, height: 900 },
]) {
  const tag = `${run.language}-${run.width}x${run.height}`;
  test(`PDF pages keep their shape, the export toast keeps the buttons' height, the chart has its points (${tag})`, async ({
    page,
    shoot,
  }) => {
    await env!.server.call('settings.update', { ui: { language: run.language } });
    await page.setViewportSize({ width: run.width, height: run.height });
    await page.goto(env!.server.url);
    await page.getByTestId('filter-all').click();
    await page.getByTestId('conversation-row').filter({ hasText: BUYER.name }).first().click();
    const message = page.getByTestId('message').filter({ hasText: 'lieferschein-rechnung.pdf' });
    await expect(message).toBeVisible();

    // Export record: a toast outside the row; Reply and New message stay as tall as they were.
    const buttons = [page.getByTestId('reply-button'), page.getByTestId('new-message-button')];
    const before = await Promise.all(buttons.map(async (b) => (await b.boundingBox())!.height));
    await page.getByTestId('export-record-button').first().click();
    const toast = page.getByTestId('export-result');
    await expect(toast).toBeVisible({ timeout: 15_000 });
    await expect(toast).toContainText(run.language === 'de' ? 'Nachweis gespeichert' : 'Record saved');
    await expect(toast.getByTestId('export-record-head')).toBeHidden();
    const after = await Promise.all(buttons.map(async (b) => (await b.boundingBox())!.height));
    for (const [i, h] of after.entries())
      expect(Math.abs(h - before[i]), `${before[i]} → ${h} px`).toBeLessThanOrEqual(1);
    await shoot(page, `export-result-${tag}`);
    await toast.getByRole('button', { name: run.language === 'de' ? 'Schließen' : 'Dismiss' }).click();
    await expect(toast).toBeHidden();

    // The PDF viewer: each page shown in its own shape, within 2 %.
    await message.getByTestId('attachment-preview').first().click();
    const viewer = page.getByTestId('attachment-viewer');
    const canvases = viewer.getByTestId('pdf-preview-canvas');
    await expect(canvases).toHaveCount(2, { timeout: 15_000 });
    for (const [i, size] of PAGES.entries()) {
      const canvas = canvases.nth(i);
      await canvas.scrollIntoViewIfNeeded();
      await expect
        .poll(async () => canvas.evaluate((c) => (c as unknown as Canvas).width), { timeout: 15_000 })
        .not.toBe(300);
      const shape = await canvas.evaluate((c) => {
        const el = c as unknown as Canvas;
        const box = el.getBoundingClientRect();
        return { drawn: el.width / el.height, shown: box.width / box.height };
      });
      const want = size.width / size.height;
      expect(Math.abs(shape.drawn / want - 1), `page ${i + 1} drawn ${shape.drawn} vs ${want}`).toBeLessThan(0.02);
      expect(Math.abs(shape.shown / want - 1), `page ${i + 1} shown ${shape.shown} vs ${want}`).toBeLessThan(0.02);
    }
    await canvases.first().scrollIntoViewIfNeeded();
    await expect.poll(async () => (await inkOf(viewer.getByTestId('pdf-viewer'))).ratio).toBeGreaterThan(0.001);
    await shoot(page, `pdf-preview-${tag}`);
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();

    // Performance: a point for every day in the chart's table (the days with buyer messages).
    await page.getByTestId('nav-performance').click();
    await expect(page.getByTestId('performance-view')).toBeVisible({ timeout: 15_000 });
    const days = await page.locator('.pf-chart-table tbody tr').count();
    expect(days).toBeGreaterThan(0);
    await expect(page.getByTestId('chart-point')).toHaveCount(days);
    const box = (await page.getByTestId('chart-point').last().boundingBox())!;
    expect(box.width).toBeGreaterThan(4);
    await page.getByTestId('share-chart').scrollIntoViewIfNeeded();
    await shoot(page, `performance-chart-${tag}`);
  });
}
