/**
 * Made-up inbox data for the renderer's tests and its in-browser harness: rows are computed
 * from their index, so 10,000 conversations cost nothing until they are listed. Not part of
 * the app bundle (only tests and the harness import it).
 */
import type { AttachmentView, ConversationDetail, ConversationRow, MessageView } from '../../../../shared/contract';
import { fakeOrder } from './fake-orders';

const NAMES = [
  'Anna Becker',
  'James Miller',
  'Lena Schmidt',
  'Oliver Brown',
  'Mia Wagner',
  'Noah Fischer',
  'Emma Wilson',
  'Paul Weber',
];
const LINES = [
  'Could you engrave the board with our initials?',
  'Wann kommt meine Bestellung an?',
  'The parcel arrived damaged, photos attached.',
  'Können Sie die Lieferadresse noch ändern?',
  'Thanks, all good!',
];
const HOUR = 3_600_000;

export const FIXED_NOW = Date.parse('2025-03-12T12:00:00Z');

export function aliasOf(id: number): string {
  return `b${id.toString(36).padStart(6, '0')}x7k2q9m1`.slice(0, 15);
}

export function orderOf(id: number): string {
  return `302-${String(1000000 + id).slice(-7)}-${String(4400000 + id * 7).slice(-7)}`;
}

/** The conversation at position `id - 1` of the 'all' list. */
export function rowFor(id: number, now = FIXED_NOW): ConversationRow {
  const needsResponse = id % 3 === 1;
  const badges: ConversationRow['badges'] = [];
  if (id % 11 === 4) badges.push('undeliverable');
  if (id % 13 === 5) badges.push('reported');
  if (id % 17 === 6) badges.push('opted-out');
  return {
    id,
    alias: aliasOf(id),
    aliasAddress: `${aliasOf(id)}@relay.parley.localhost`,
    buyerName: id % 9 === 8 ? null : NAMES[id % NAMES.length],
    orderIds: [orderOf(id)],
    subject: `Order ${orderOf(id)}`,
    lastLine: LINES[id % LINES.length],
    lastMessageAt: new Date(now - id * 0.37 * HOUR).toISOString(),
    lastDirection: needsResponse ? 'buyer-to-seller' : 'seller-to-buyer',
    hasAttachments: id % 4 === 1,
    messageCount: 3,
    needsResponse,
    responseDueAt: needsResponse ? new Date(now - id * 0.37 * HOUR + 24 * HOUR).toISOString() : null,
    badges,
  };
}

function attachment(
  id: number,
  filename: string,
  sniffedType: string,
  size: number,
  extra: Partial<AttachmentView> = {},
): AttachmentView {
  return {
    id,
    filename,
    declaredType: 'application/octet-stream',
    sniffedType,
    size,
    removed: false,
    removedWhy: null,
    contentId: null,
    addressInside: false,
    ...extra,
  };
}

export function message(conversationId: number, n: number, extra: Partial<MessageView> = {}): MessageView {
  const fromBuyer = n % 2 === 0;
  return {
    id: conversationId * 1000 + n,
    conversationId,
    direction: fromBuyer ? 'buyer-to-seller' : 'seller-to-buyer',
    via: fromBuyer ? 'mail-client' : 'app',
    fromLabel: fromBuyer ? NAMES[conversationId % NAMES.length] : 'Holzwerkstatt Jansen',
    subject: `Order ${orderOf(conversationId)}`,
    receivedAt: new Date(FIXED_NOW - (10 - n) * HOUR).toISOString(),
    text: fromBuyer
      ? `${LINES[(conversationId + n) % LINES.length]}\n\nBest regards`
      : 'Thank you for your message, we will take care of it.',
    hasHtml: false,
    state: 'delivered',
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    reasons: [],
    warnings: [],
    category: null,
    attachments: [],
    reported: null,
    noResponseNeeded: false,
    relayMessageId: `<${conversationId}.${n}@relay.parley.localhost>`,
    releasable: false,
    releasedAt: null,
    auth: fromBuyer ? { spf: 'pass', dkim: 'none', dmarc: 'pass' } : null,
    senderNotVerified: false,
    ...extra,
  };
}

export const HOSTILE_HTML = `<html><head><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/refresh">
<style>@import url("http://127.0.0.1:9/import.css"); body { background: url(http://127.0.0.1:9/bg.png) }</style>
<script>document.title='pwned';fetch('http://127.0.0.1:9/script')</script></head>
<body onload="fetch('http://127.0.0.1:9/onload')"><h1>Great offer</h1><p>Click <a href="javascript:alert(1)">here</a> or
<a href="https://shop.example/">our shop</a>.</p><img src="http://127.0.0.1:9/pixel.gif" onerror="fetch('http://127.0.0.1:9/onerror')">
<iframe src="http://127.0.0.1:9/frame"></iframe><form action="http://127.0.0.1:9/post"><input name="q"><button>Go</button></form>
<img src="cid:logo@shop" alt="logo"></body></html>`;

/**
 * Conversation 1: every attachment type; 2: hostile HTML; 4: a blocked seller message; 5: a seller message held for
 * [Important] (R11); 7: a long thread.
 */
export function detailFor(
  id: number,
  state: { reported: Set<number>; noResponse: Set<number>; released?: Map<number, string> },
): ConversationDetail {
  const row = rowFor(id);
  const count = id === 7 ? 61 : 3; // odd: the thread ends with the buyer
  const messages: MessageView[] = [];
  for (let n = 0; n < count; n++) messages.push(message(id, n));
  if (id === 1) {
    messages[0].attachments = [
      attachment(1, 'delivery-note.pdf', 'pdf', 48_213),
      attachment(2, 'damage.png', 'png', 12_004),
      attachment(3, 'scan.tiff', 'tiff', 90_112),
      attachment(4, 'notes.txt', 'txt', 310),
      attachment(5, 'sketch.docx', 'docx', 20_480),
      attachment(6, 'old-letter.doc', 'doc', 30_720),
      attachment(7, 'invoice.exe', 'exe', 4096, { removed: true, removedWhy: 'type not allowed (.exe)' }),
    ];
  }
  if (id === 2) {
    messages[2] = {
      ...messages[2],
      hasHtml: true,
      text: 'Great offer\nClick here or our shop.',
      attachments: [attachment(8, 'logo.png', 'png', 68, { contentId: 'logo@shop', declaredType: 'image/png' })],
    };
  }
  if (id === 4) {
    messages[1] = {
      ...messages[1],
      state: 'blocked',
      category: {
        category: 'review-request',
        necessary: false,
        confidence: 0.9,
        phrases: ['leave a review'],
        language: 'en',
      },
      reasons: [{ rule: 'R10', code: 'opted-out', message: 'The buyer has opted out of unsolicited seller messages.' }],
      warnings: [
        {
          rule: 'R11',
          code: 'important-not-necessary',
          message: '[Important] is only for messages needed to complete an order.',
        },
      ],
    };
  }
  if (id === 5) {
    messages[1] = {
      ...messages[1],
      via: 'mail-client',
      subject: '[Important] Please review us',
      state: 'held',
      releasable: true,
      category: {
        category: 'review-request',
        necessary: false,
        confidence: 0.97,
        phrases: ['review us'],
        language: 'en',
      },
      reasons: [
        {
          rule: 'R11',
          code: 'important-needs-confirmation',
          message:
            '[Important] is only for messages needed to complete an order. Parley held the message; release it in Parley if it really is needed.',
        },
      ],
      warnings: [
        {
          rule: 'R11',
          code: 'important-not-necessary',
          message: '[Important] is only for messages needed to complete an order.',
        },
      ],
    };
  }
  for (const m of messages) {
    const releasedAt = state.released?.get(m.id);
    if (releasedAt && m.releasable) Object.assign(m, { state: 'queued', releasable: false, releasedAt, reasons: [] });
    if (state.reported.has(m.id)) m.reported = { reason: 'spam', note: null, at: new Date(FIXED_NOW).toISOString() };
    if (state.noResponse.has(m.id)) m.noResponseNeeded = true;
  }
  const orders = row.orderIds.map((orderId) =>
    fakeOrder({
      orderId,
      buyerName: row.buyerName,
      productName: 'Walnut cutting board',
      category: id % 2 ? 'handmade' : 'standard',
      purchasedAt: new Date(FIXED_NOW - 72 * HOUR).toISOString(),
      shippedAt: id % 2 ? null : new Date(FIXED_NOW - 24 * HOUR).toISOString(),
      carrier: id % 2 ? null : 'DHL',
      tracking: id % 2 ? null : '00340434161234567890',
    }),
  );
  return { conversation: row, messages, orders, buyerOptedOut: row.badges.includes('opted-out') };
}
