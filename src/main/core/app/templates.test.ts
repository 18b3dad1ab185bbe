import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { isParleyError } from '../errors.js';
import { createDemo } from '../ops/demo.js';
import { sqlValue } from '../store/inspect.js';
import type { Seller } from '../store/sellers.js';
import { fillTemplate, getSignature, listTemplates, removeTemplate, saveTemplate, setSignature } from './templates.js';

describe('saved replies and signatures', () => {
  let dataDir: string;
  let ctx: CoreContext;
  let seller: Seller;
  const open = () => new CoreContext({ dataDir, dns: 'offline' });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-templates-'));
    ctx = open();
    const demo = await createDemo(ctx);
    seller = ctx.sellers.get(demo.sellerId)!;
  }, 60_000);
  afterAll(() => {
    ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps templates per shop across a reopen, by name, and updates one saved again under its name', () => {
    const first = saveTemplate(ctx, seller, {
      name: 'Lieferung',
      language: 'de',
      subject: 'Ihre Bestellung {orderId}',
      body: 'Hallo {buyerName},\n\nwann dürfen wir liefern?',
    });
    saveTemplate(ctx, seller, { name: 'Adresse', language: 'de', subject: '', body: 'Die Adresse fehlt.' });
    const again = saveTemplate(ctx, seller, { ...first, id: undefined, body: 'Hallo {buyerName}, wann passt es?' });
    expect(again.id).toBe(first.id);
    ctx.close();
    ctx = open();
    seller = ctx.sellers.get(seller.id)!;
    expect(listTemplates(ctx, seller).map((t) => [t.name, t.body])).toEqual([
      ['Adresse', 'Die Adresse fehlt.'],
      ['Lieferung', 'Hallo {buyerName}, wann passt es?'],
    ]);
    expect(sqlValue(ctx.store, 'SELECT COUNT(*) FROM templates')).toBe(2);
    // Asked for a conversation, only that conversation's shop answers.
    expect(() => listTemplates(ctx, seller, 999_999)).toThrow(/no conversation 999999/);
    removeTemplate(ctx, seller, first.id);
    expect(() => removeTemplate(ctx, seller, first.id)).toThrow(/no template/);
    const missing = (() => {
      try {
        saveTemplate(ctx, seller, { id: 9999, name: 'x', language: 'de', subject: '', body: 'x' });
      } catch (err) {
        return isParleyError(err) ? err.code : err;
      }
    })();
    expect(missing).toBe('ENOTFOUND');
  });

  it("fills the buyer's name, latest order, product and shop; an unknown variable stays visible and is named", () => {
    const order = ctx.orders.search(seller.id, '', 0, 50).orders.find((o) => o.conversationId !== null && !o.tracking)!;
    const t = saveTemplate(ctx, seller, {
      name: 'Danke',
      language: 'de',
      subject: 'Bestellung {orderId}',
      body: 'Hallo {buyerName}, {productName} ist unterwegs: {trackingNumber}. Ihr {shopName} {unknown}',
    });
    const filled = fillTemplate(ctx, seller, { id: t.id, conversationId: order.conversationId! });
    const buyer = ctx.pairs.byId(order.pairId)!.buyerName ?? order.buyerName;
    expect(filled.subject).toBe(`Bestellung ${order.orderId}`);
    expect(filled.body).toBe(
      `Hallo ${buyer}, ${order.productName} ist unterwegs: {trackingNumber}. Ihr Holzwerkstatt Berger {unknown}`,
    );
    expect(filled.missing).toEqual(['trackingNumber']);
    // Without a buyer nothing but the shop is known.
    expect(fillTemplate(ctx, seller, { id: t.id }).missing).toEqual([
      'buyerName',
      'orderId',
      'productName',
      'trackingNumber',
    ]);
  });

  it('flags a review request when it is saved (R11/R12), keeps it savable, and leaves a necessary one alone', () => {
    const review = saveTemplate(ctx, seller, {
      name: 'Bewertung',
      language: 'de',
      subject: 'Ihre Meinung ist uns wichtig',
      body: 'Hallo {buyerName},\n\nwir würden uns sehr über eine positive Bewertung freuen. Bitte bewerten Sie uns!',
    });
    expect(review.warning).toMatchObject({ rules: ['R11', 'R12'], category: 'review-request' });
    expect(review.warning!.phrases.length).toBeGreaterThan(0);
    // The warning crosses as its category and phrases, no prose: the UI words it in its own language.
    expect(Object.keys(review.warning!).sort()).toEqual(['category', 'phrases', 'rules']);
    expect(listTemplates(ctx, seller).find((t) => t.name === 'Bewertung')!.warning?.category).toBe('review-request');
    const address = saveTemplate(ctx, seller, {
      name: 'Adressproblem',
      language: 'de',
      subject: 'Problem mit Ihrer Lieferadresse',
      body: 'Hallo {buyerName},\n\ndie Hausnummer fehlt in Ihrer Lieferadresse. Können Sie uns die vollständige Adresse schicken?',
    });
    expect(address.warning).toBeNull();
  });

  it('keeps one signature per shop and language; an empty one removes it', () => {
    expect(getSignature(ctx, seller)).toEqual({ language: 'de', body: '' });
    setSignature(ctx, seller, 'de', 'Viele Grüße\nHolzwerkstatt Berger\n\n');
    setSignature(ctx, seller, 'en', 'Kind regards');
    expect(getSignature(ctx, seller).body).toBe('Viele Grüße\nHolzwerkstatt Berger');
    expect(getSignature(ctx, seller, 'en').body).toBe('Kind regards');
    setSignature(ctx, seller, 'en', '  ');
    expect(getSignature(ctx, seller, 'en').body).toBe('');
  });
});
