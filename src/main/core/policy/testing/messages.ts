/**
 * Test data for the policy tests only: the first bytes of real files of each type, built by
 * hand from their formats so no binary files need to live in the repository.
 */
import type { PolicyAttachment, PolicyContext, PolicyMessage } from '../../../../shared/domain.js';

function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(...[...part].map((c) => c.charCodeAt(0)));
    else out.push(...part);
  }
  return Uint8Array.from(out);
}

function padTo64(head: Uint8Array, fill = 0): Uint8Array {
  const out = new Uint8Array(Math.max(64, head.length)).fill(fill);
  out.set(head);
  return out;
}

/** A zip local file header whose first entry is `name`. */
function zipHead(name: string): Uint8Array {
  const header = [
    0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ];
  return padTo64(bytes(header, [name.length & 0xff, name.length >> 8, 0, 0], name));
}

export const HEADS = {
  pdf: padTo64(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n')),
  png: padTo64(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR')),
  jpeg: padTo64(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0])),
  gif: padTo64(bytes('GIF89a', [0x01, 0x00, 0x01, 0x00])),
  tiffLittle: padTo64(bytes([0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0])),
  tiffBig: padTo64(bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 0x08])),
  bmp: padTo64(bytes('BM', [0x36, 0x00, 0x0c, 0x00, 0, 0, 0, 0, 0x36, 0, 0, 0])),
  ole2: padTo64(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
  docx: zipHead('[Content_Types].xml'),
  docxWordFirst: zipHead('word/document.xml'),
  docxRelsFirst: zipHead('_rels/.rels'),
  zip: zipHead('photos/holiday.jpg'),
  exe: padTo64(bytes('MZ', [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])),
  elf: padTo64(bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00])),
  text: new TextEncoder().encode('Sehr geehrte Kundin, anbei die Maße für Ihre Bestellung.\r\n'),
  binary: padTo64(bytes([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff])),
};

export function attachment(filename: string, head: Uint8Array, size = 200 * 1024): PolicyAttachment {
  return { filename, declaredType: 'application/octet-stream', size, head };
}

export function sellerMessage(overrides: Partial<PolicyMessage> = {}): PolicyMessage {
  return {
    direction: 'seller-to-buyer',
    via: 'mail-client',
    subject: 'Your order',
    text: 'Hello, a note about your order.',
    attachments: [],
    repliesToBuyer: false,
    ...overrides,
  };
}

export function context(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    language: 'en',
    buyerOptedOut: false,
    orders: [{ orderId: '302-1111111-1111111', category: 'standard' }],
    senderAuthorized: true,
    senderIsOtherSeller: false,
    strict: false,
    quota: { sentToday: 0, ordersInWindow: 96, windowDays: 30 },
    ...overrides,
  };
}
