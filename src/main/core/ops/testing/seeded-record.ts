/**
 * Test fixtures: a small recorded conversation written straight through MessageRecord.append,
 * as the relay would leave it, for the record checks and the export. Used by tests only.
 */
import fs from 'node:fs';
import type { CoreContext } from '../../context.js';
import type { NewAttachment, NewMessage } from '../../store/record.js';

export interface FixtureAttachment {
  filename: string;
  declaredType: string;
  content: Buffer;
  removed?: boolean;
  removedWhy?: string;
}

type MessageInput = Partial<Omit<NewMessage, 'attachments' | 'rawSha256' | 'rawSize'>> & {
  subject: string;
  text: string;
};

let counter = 0;

/** Stores the raw message and attachments as blobs, then appends the record in a transaction. */
export async function appendMessage(
  ctx: CoreContext,
  input: MessageInput,
  attachments: FixtureAttachment[] = [],
): Promise<number> {
  counter++;
  const relayMessageId = input.relayMessageId ?? `<fixture-${counter}-${Date.now()}@relay.test>`;
  const raw = Buffer.from(
    [
      `From: ${input.fromName ?? ''} <${input.envelopeFrom ?? 'someone@example.com'}>`,
      `To: ${(input.envelopeTo ?? ['cs@shop.example']).join(', ')}`,
      `Subject: ${input.subject}`,
      `Message-ID: ${relayMessageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      input.text,
      '',
    ].join('\r\n'),
    'utf8',
  );
  const rawSha256 = await ctx.store.blobs.put(raw);
  const stored: NewAttachment[] = [];
  for (const a of attachments) {
    stored.push({
      filename: a.filename,
      declaredType: a.declaredType,
      sniffedType: a.declaredType.split('/')[1] ?? 'unknown',
      size: a.content.length,
      sha256: await ctx.store.blobs.put(a.content),
      removed: a.removed ?? false,
      removedWhy: a.removedWhy,
    });
  }
  const message: NewMessage = {
    sellerId: 'shop-one',
    conversationId: null,
    direction: 'buyer-to-seller',
    via: 'mail-client',
    envelopeFrom: 'someone@example.com',
    envelopeTo: ['cs@shop.example'],
    fromName: null,
    messageId: relayMessageId,
    relayMessageId,
    inReplyTo: null,
    references: [],
    auth: { spf: 'pass' },
    verdict: 'deliver',
    decision: { verdict: 'deliver', rules: ['R5'], reasons: [] },
    ...input,
    rawSha256,
    rawSize: raw.length,
    attachments: stored,
  };
  return ctx.store.transaction(() => ctx.record.append(message).id);
}

export interface SeededConversation {
  alias: string;
  pairId: number;
  /** The conversation's messages, in order. */
  messageIds: number[];
  /** A message of another buyer, appended between them (must never be exported here). */
  otherMessageId: number;
}

/** Changes one byte of a file in place (XOR, so doing it twice restores the file). */
export function flipByte(file: string, at?: number): void {
  const data = fs.readFileSync(file);
  const i = at ?? Math.floor(data.length / 2);
  data[i] ^= 0x01;
  fs.writeFileSync(file, data);
}

/** Anna's conversation with shop-one (which the test has added), plus one message from Ben. */
export async function seedConversation(ctx: CoreContext): Promise<SeededConversation> {
  const anna = ctx.pairs.ensurePair('shop-one', 'anna@example.de', 'Anna B');
  const annaConversation = ctx.pairs.ensureConversation(anna.id, 'buyer', 'Mug arrived broken');
  const ben = ctx.pairs.ensurePair('shop-one', 'ben@example.com', 'Ben');
  const benConversation = ctx.pairs.ensureConversation(ben.id, 'buyer', 'Where is my order?');

  const first = await appendMessage(
    ctx,
    {
      conversationId: annaConversation,
      direction: 'buyer-to-seller',
      envelopeFrom: 'anna@example.de',
      fromName: 'Anna B',
      subject: 'Mug arrived broken',
      text: 'Hello,\nthe mug arrived in pieces. Photo attached.\nAnna',
    },
    [
      {
        filename: 'photo.png',
        declaredType: 'image/png',
        content: Buffer.from('\x89PNG\r\n\x1a\nfake photo bytes', 'latin1'),
      },
    ],
  );
  ctx.store.transaction(() =>
    ctx.outbox.enqueue({
      messageId: first,
      kind: 'forward',
      envelopeFrom: 'bounce@relay.test',
      recipients: ['cs@shop.example'],
      blobSha256: '0'.repeat(64),
      lifetimeMs: 60_000,
    }),
  );

  const otherMessageId = await appendMessage(ctx, {
    conversationId: benConversation,
    envelopeFrom: 'ben@example.com',
    subject: 'Where is my order?',
    text: 'Any news?',
  });

  const second = await appendMessage(
    ctx,
    {
      conversationId: annaConversation,
      direction: 'seller-to-buyer',
      via: 'app',
      envelopeFrom: 'cs@shop.example',
      fromName: 'Shop One',
      envelopeTo: [`${anna.alias}@relay.test`],
      subject: 'Re: Mug arrived broken',
      text: 'Sorry! Here is a return label.',
      decision: {
        verdict: 'deliver',
        rules: ['R10a', 'R15'],
        reasons: [{ rule: 'R15', code: 'type-not-allowed', message: 'setup.exe is not an allowed type' }],
      },
    },
    [
      { filename: 'Rücksendeetikett.pdf', declaredType: 'application/pdf', content: Buffer.from('%PDF-1.4 label') },
      {
        filename: '../../photo.png',
        declaredType: 'image/png',
        content: Buffer.from('\x89PNG\r\n\x1a\nanother photo', 'latin1'),
      },
      {
        filename: 'photo.png',
        declaredType: 'image/png',
        content: Buffer.from('\x89PNG\r\n\x1a\nthird photo', 'latin1'),
      },
      {
        filename: 'setup.exe',
        declaredType: 'application/octet-stream',
        content: Buffer.from('MZ fake exe'),
        removed: true,
        removedWhy: 'setup.exe is not an allowed type',
      },
    ],
  );

  const third = await appendMessage(ctx, {
    conversationId: annaConversation,
    direction: 'seller-to-buyer',
    via: 'mail-client',
    envelopeFrom: 'cs@shop.example',
    envelopeTo: [`${anna.alias}@relay.test`],
    subject: 'Please leave a review',
    text: 'Would you review us?',
    verdict: 'block',
    decision: {
      verdict: 'block',
      rules: ['R10'],
      reasons: [{ rule: 'R10', code: 'opted-out', message: 'The buyer opted out of unsolicited messages.' }],
    },
  });

  return { alias: anna.alias, pairId: anna.id, messageIds: [first, second, third], otherMessageId };
}
