/**
 * Test fixture: a conversation whose recorded originals name the buyer's real address everywhere it can hide — the
 * From display name, Reply-To, an RFC 2047 subject, a Received line, a quoted-printable body (`=40`, a soft line
 * break inside the address), a base64 HTML body (`&#64;`, `%40`), a quoted reply, a text attachment's name and
 * content, a PDF attachment's bytes, a bounce notice quoting a smarthost error — for the seller's copy of the export
 * (R5). Used by tests only.
 */
import type { CoreContext } from '../../context.js';
import type { NewAttachment, NewMessage } from '../../store/record.js';

/** As the buyer's mail client writes it; the store keeps it lowercased. */
export const LEAKY_BUYER = 'Anna.Mueller@Example.de';

export interface LeakyConversation {
  alias: string;
  aliasAddress: string;
  buyer: string;
  pairId: number;
  messageIds: number[];
}

const b64 = (text: string | Buffer) =>
  (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64').replace(/.{76}/g, '$&\r\n');

const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Author (${LEAKY_BUYER}) >> endobj\n%%EOF\n`, 'latin1');
const notes = `Kontakt: ${LEAKY_BUYER.toLowerCase()}\nTelefon: 0123\n`;

function firstMail(): string {
  const subject = `=?utf-8?B?${b64(`Frage von ${LEAKY_BUYER}`)}?=`;
  return [
    `Received: from laptop (${LEAKY_BUYER}) by mx.example.de; Mon, 1 Dec 2025 10:00:00 +0100`,
    `From: "${LEAKY_BUYER}" <${LEAKY_BUYER}>`,
    `Reply-To: Anna <${LEAKY_BUYER.toUpperCase()}>`,
    'To: shop-one@relay.test',
    `Subject: ${subject}`,
    'Message-ID: <leaky-1@example.de>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Gr=FC=DFe, bitte schreiben Sie an anna.mueller=40example.de oder an anna.muel=',
    'ler@example.de.',
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(
      '<p>Mail: <a href="mailto:anna.mueller&#64;example.de">anna.mueller%40example.de</a>, ' +
        'anna.mueller&#x40;example.de</p>',
    ),
    '--inner--',
    '',
    '--outer',
    `Content-Type: text/plain; charset=utf-8; name="notes-${LEAKY_BUYER}.txt"`,
    `Content-Disposition: attachment; filename*=utf-8''notes-anna.mueller%40example.de.txt`,
    'Content-Transfer-Encoding: base64',
    '',
    b64(notes),
    '--outer',
    'Content-Type: application/pdf; name="scan.pdf"',
    'Content-Disposition: attachment; filename="scan.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(pdf),
    '--outer--',
    '',
  ].join('\r\n');
}

function quotedReply(): string {
  return [
    `From: Anna Müller <${LEAKY_BUYER.toLowerCase()}>`,
    'To: shop-one@relay.test',
    'Subject: Re: Frage',
    'Message-ID: <leaky-3@example.de>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Danke!',
    '',
    `Am 1.12.2025 schrieb Anna Müller <${LEAKY_BUYER}>:`,
    `> bitte schreiben Sie an ${LEAKY_BUYER}`,
    '',
  ].join('\r\n');
}

function bounceNotice(aliasAddress: string): string {
  return [
    'From: Parley <postmaster@relay.test>',
    'To: cs@shop.example',
    'Subject: Undeliverable: Re: Frage',
    'Message-ID: <notice-1@relay.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Your message to ${aliasAddress} could not be delivered.`,
    `The mail server said: 550 5.1.1 <${LEAKY_BUYER.toLowerCase()}>: Recipient address rejected`,
    '',
  ].join('\r\n');
}

async function append(
  ctx: CoreContext,
  raw: string,
  message: Partial<NewMessage> & Pick<NewMessage, 'direction' | 'subject' | 'text' | 'conversationId'>,
  attachments: { filename: string; declaredType: string; content: Buffer }[] = [],
): Promise<number> {
  const bytes = Buffer.from(raw, 'utf8');
  const stored: NewAttachment[] = [];
  for (const a of attachments)
    stored.push({
      filename: a.filename,
      declaredType: a.declaredType,
      sniffedType: a.declaredType.split('/')[1],
      size: a.content.length,
      sha256: await ctx.store.blobs.put(a.content),
      removed: false,
    });
  const id = `<leaky-${message.subject.length}-${Math.random().toString(36).slice(2)}@relay.test>`;
  const full: NewMessage = {
    sellerId: 'shop-one',
    via: 'mail-client',
    envelopeFrom: LEAKY_BUYER.toLowerCase(),
    envelopeTo: ['shop-one@relay.test'],
    fromName: null,
    messageId: id,
    relayMessageId: id,
    inReplyTo: null,
    references: [],
    auth: { spf: 'pass', dkim: 'none', dmarc: 'none' },
    verdict: 'deliver',
    decision: { verdict: 'deliver', rules: ['R5'], reasons: [] },
    ...message,
    rawSha256: await ctx.store.blobs.put(bytes),
    rawSize: bytes.length,
    attachments: stored,
  };
  return ctx.store.transaction(() => ctx.record.append(full).id);
}

/** Anna's conversation with shop-one (which the test has added). */
export async function seedLeakyConversation(ctx: CoreContext): Promise<LeakyConversation> {
  const pair = ctx.pairs.ensurePair('shop-one', LEAKY_BUYER.toLowerCase(), LEAKY_BUYER);
  const conversationId = ctx.pairs.ensureConversation(pair.id, 'buyer', 'Frage');
  const aliasAddress = ctx.addresses.aliasAddress(pair.alias);
  const first = await append(
    ctx,
    firstMail(),
    {
      conversationId,
      direction: 'buyer-to-seller',
      fromName: LEAKY_BUYER,
      subject: `Frage von ${LEAKY_BUYER}`,
      text: `Grüße, bitte schreiben Sie an ${LEAKY_BUYER.toLowerCase()} oder an ${LEAKY_BUYER.toLowerCase()}.`,
    },
    [
      { filename: `notes-${LEAKY_BUYER}.txt`, declaredType: 'text/plain', content: Buffer.from(notes, 'utf8') },
      { filename: 'scan.pdf', declaredType: 'application/pdf', content: pdf },
    ],
  );
  const reply = await append(
    ctx,
    [
      'From: Shop One <cs@shop.example>',
      `To: ${aliasAddress}`,
      'Subject: Re: Frage',
      'Message-ID: <leaky-2@shop.example>',
      '',
      'Gern, wir melden uns.',
      '',
    ].join('\r\n'),
    {
      conversationId,
      direction: 'seller-to-buyer',
      via: 'app',
      envelopeFrom: 'cs@shop.example',
      envelopeTo: [aliasAddress],
      fromName: 'Shop One',
      subject: 'Re: Frage',
      text: 'Gern, wir melden uns.',
      decision: {
        verdict: 'deliver',
        rules: ['R10a'],
        reasons: [{ rule: 'R10a', code: 'reply', message: `a reply to ${LEAKY_BUYER.toLowerCase()}` }],
      },
    },
  );
  const quoted = await append(ctx, quotedReply(), {
    conversationId,
    direction: 'buyer-to-seller',
    fromName: 'Anna Müller',
    subject: 'Re: Frage',
    text: `Danke!\n\nAm 1.12.2025 schrieb Anna Müller <${LEAKY_BUYER}>:\n> bitte schreiben Sie an ${LEAKY_BUYER}`,
  });
  const notice = await append(ctx, bounceNotice(aliasAddress), {
    conversationId,
    direction: 'relay-to-seller',
    via: 'relay',
    envelopeFrom: 'postmaster@relay.test',
    envelopeTo: ['cs@shop.example'],
    subject: 'Undeliverable: Re: Frage',
    text: `The mail server said: 550 5.1.1 <${LEAKY_BUYER.toLowerCase()}>: Recipient address rejected`,
  });
  return {
    alias: pair.alias,
    aliasAddress,
    buyer: LEAKY_BUYER.toLowerCase(),
    pairId: pair.id,
    messageIds: [first, reply, quoted, notice],
  };
}
