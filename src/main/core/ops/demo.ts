import nodemailer from 'nodemailer';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { startRelay } from '../relay/relay-service.js';
import { confirmShipment } from './ship.js';

export const DEMO_SELLER = {
  id: 'holzwerkstatt',
  name: 'Holzwerkstatt Berger',
  email: 'service@holzwerkstatt-berger.example',
  language: 'de' as const,
};
const DAY = 86_400_000;

const BUYERS = {
  anna: { email: 'anna.mueller@example.de', name: 'Anna Müller' },
  james: { email: 'james.smith@example.com', name: 'James Smith' },
  lukas: { email: 'lukas.weber@example.de', name: 'Lukas Weber' },
  spam: { email: 'win-big@prize-lottery.example', name: 'Prize Center' },
};

// A one-page PDF: enough for a preview, made here so the demo needs no files.
const INVOICE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj ' +
    '4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 20 80 Td (Delivery note 302-4417) Tj ET\nendstream endobj ' +
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * A data directory to explore: a seller, orders (one handmade), buyers (one opted out) and
 * conversations in German and English, all sent through the real relay on loopback ports.
 */
export async function createDemo(ctx: CoreContext): Promise<{ sellerId: string; password: string; messages: number }> {
  if (ctx.sellers.get(DEMO_SELLER.id))
    throw new ParleyError('EEXISTS', `the demo seller "${DEMO_SELLER.id}" exists already in ${ctx.store.dataDir}`, {
      detail: { key: 'shop.demoExists', params: {} },
    });
  // Demo buyers and messages in a real shop's record would stay there for good (R8): the demo gets its own folder.
  const real = ctx.sellers.first();
  if (real)
    throw new ParleyError(
      'EEXISTS',
      `${ctx.store.dataDir} holds the shop "${real.name}" (${real.id}): the demo would mix its buyers and messages ` +
        'into it. Give the demo a new or empty folder: parley demo --data DIR',
      { detail: { key: 'shop.demoBesideShop', params: { shop: real.name } } },
    );
  const password = 'demo-password';
  await ctx.sellers.create({ ...DEMO_SELLER, password });
  const now = ctx.store.clock.now().getTime();
  const order = (
    orderId: string,
    buyer: { email: string; name: string },
    category: 'standard' | 'handmade',
    daysAgo: number,
    product: string,
  ) =>
    ctx.orders.upsert({
      sellerId: DEMO_SELLER.id,
      orderId,
      buyerEmail: buyer.email,
      buyerName: buyer.name,
      category,
      productName: product,
      purchasedAt: new Date(now - daysAgo * DAY).toISOString(),
    });
  order('302-1184503-2291047', BUYERS.anna, 'handmade', 2, 'Schneidebrett aus Eiche mit Gravur');
  order('302-5520981-7730120', BUYERS.james, 'standard', 3, 'Walnut serving tray');
  order('302-7719034-1184460', BUYERS.lukas, 'standard', 6, 'Gewürzregal Buche');
  ctx.pairs.setOptOut(BUYERS.lukas.email, true);

  const relay = await startRelay(ctx, {
    smtp: { host: '127.0.0.1', port: 0 },
    submission: { host: '127.0.0.1', port: 0 },
  });
  const inbound = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const submission = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.submissionPort,
    secure: false,
    ignoreTLS: true,
    auth: { user: DEMO_SELLER.id, pass: password },
  });
  const shop = ctx.addresses.sellerAddress(DEMO_SELLER.id);
  const alias = (email: string) => ctx.addresses.aliasAddress(ctx.pairs.find(DEMO_SELLER.id, email)!.alias);
  const relayIdOf = (messageId: string) => ctx.record.relayIdOf(messageId)!;
  let sent = 0;
  const fromBuyer = async (
    b: { email: string; name: string },
    subject: string,
    text: string,
    extra: Record<string, unknown> = {},
  ) => {
    const info = await inbound.sendMail({
      from: { name: b.name, address: b.email },
      to: shop,
      subject,
      text,
      ...extra,
    });
    sent++;
    return relayIdOf(info.messageId);
  };
  const fromSeller = async (to: string, subject: string, text: string, inReplyTo?: string) => {
    await submission.sendMail({
      from: { name: DEMO_SELLER.name, address: DEMO_SELLER.email },
      to,
      subject,
      text,
      inReplyTo,
      references: inReplyTo,
    });
    sent++;
  };
  try {
    const anna = await fromBuyer(
      BUYERS.anna,
      'Frage zur Gravur – Bestellung 302-1184503-2291047',
      'Hallo,\n\nich habe das Schneidebrett aus Eiche bestellt. Kann die Gravur „Familie Müller – seit 2009“ in Schreibschrift sein?\n\nViele Grüße\nAnna Müller\n',
    );
    await fromSeller(
      alias(BUYERS.anna.email),
      'Re: Frage zur Gravur – Bestellung 302-1184503-2291047',
      'Hallo Frau Müller,\n\nja, Schreibschrift ist möglich. Wir schicken Ihnen vor dem Gravieren eine Vorschau.\n\nHerzliche Grüße\nHolzwerkstatt Berger\n\n> Kann die Gravur „Familie Müller – seit 2009“ in Schreibschrift sein?\n',
      anna,
    );
    await fromBuyer(
      BUYERS.james,
      'Delivery of order 302-5520981-7730120',
      'Hello,\n\nI will be away from Monday to Wednesday. Could the walnut tray be delivered on Thursday instead? The delivery note is attached.\n\nThanks,\nJames\n',
      { attachments: [{ filename: 'delivery-note.pdf', content: INVOICE_PDF, contentType: 'application/pdf' }] },
    );
    await fromSeller(
      alias(BUYERS.lukas.email),
      'Wie gefällt Ihnen Ihr Gewürzregal?',
      'Hallo Herr Weber,\n\nwir würden uns sehr über eine Bewertung freuen!\n\nHolzwerkstatt Berger\n',
    );
    await fromSeller(
      alias(BUYERS.lukas.email),
      '[Wichtig] Lieferadresse unvollständig – Bestellung 302-7719034-1184460',
      'Hallo Herr Weber,\n\nin Ihrer Lieferadresse fehlt die Hausnummer. Bitte teilen Sie uns die vollständige Adresse mit, damit wir versenden können.\n\nHolzwerkstatt Berger\n',
    );
    await fromBuyer(
      BUYERS.spam,
      'You have WON a prize!!!',
      'Click here to claim your prize: http://prize-lottery.example/claim\n',
    );
    await confirmShipment(ctx, { orderId: '302-5520981-7730120', carrier: 'DHL', tracking: '00340434161094042557' });
    sent++;
    // Let the outbox hand everything to the local mailbox before the relay stops.
    for (let i = 0; i < 100 && ctx.outbox.pending().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  } finally {
    inbound.close();
    submission.close();
    await relay.stop();
  }
  return { sellerId: DEMO_SELLER.id, password, messages: sent };
}
