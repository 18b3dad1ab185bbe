/**
 * R15 over real SMTP: what the other side finds in its mailbox when a message carries a text
 * file in a legacy encoding or a program disguised as one, and the words it reads (in the
 * shop's language) where an attachment was removed or a message was blocked (R10).
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN, OTHER_SELLER, SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import type { SunkMessage } from '../support/sink.js';
import { sqlGet } from '../../src/main/core/store/inspect.js';

const CRLF = '\r\n';

/** "Maße für Größe" as a German Windows editor saves it: ISO-8859-1 (ß = 0xDF, ö = 0xF6, ü = 0xFC). */
const LATIN1_TXT = Buffer.from(
  'Maße für Größe L: 52 × 74 cm' +
    CRLF +
    'Ärmellänge 61 cm, Schulterbreite 46 cm' +
    CRLF +
    'Mit freundlichen Grüßen' +
    CRLF,
  'latin1',
);
/** Windows-1252: € = 0x80, „ = 0x84, “ = 0x93. */
const CP1252_TXT = Buffer.concat([
  Buffer.from('Preis: 49,90 ', 'latin1'),
  Buffer.of(0x80),
  Buffer.from(CRLF + 'Gravur: ', 'latin1'),
  Buffer.of(0x84),
  Buffer.from('Für Oma', 'latin1'),
  Buffer.of(0x93),
  Buffer.from(CRLF, 'latin1'),
]);
const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(200, 0),
]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
/** Bytes with NULs and control characters and no magic number, like the inside of a compressed file. */
const NOISE = Buffer.from(Uint8Array.from({ length: 600 }, (_v, i) => (i * 151 + 7) % 256));

/** Quoted-printable byte for byte (RFC 2045), keeping the file's own CRLF line breaks as hard breaks. */
function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split(CRLF)) {
    let out = '';
    let width = 0;
    for (const ch of line) {
      const b = ch.charCodeAt(0);
      const piece =
        (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20 ? ch : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + piece.length > 75) {
        out += `=${CRLF}`;
        width = 0;
      }
      out += piece;
      width += piece.length;
    }
    lines.push(out.endsWith(' ') ? `${out.slice(0, -1)}=20` : out);
  }
  return lines.join(CRLF);
}

interface Attached {
  filename: string;
  contentType: string;
  encoding: 'base64' | 'quoted-printable';
  content: Buffer;
}

/** A buyer's message as a mail client writes it: ASCII text, one attachment, every header byte under our control. */
function buyerMail(from: string, to: string, subject: string, a: Attached): Buffer {
  const body =
    a.encoding === 'base64' ? a.content.toString('base64').replace(/.{76}/g, `$&${CRLF}`) : quotedPrintable(a.content);
  return Buffer.from(
    [
      `From: Buyer <${from}>`,
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: <${subject.replace(/\W/g, '')}@buyers.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b-1"',
      '',
      '--b-1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Hello, the file is attached.',
      '',
      '--b-1',
      `Content-Type: ${a.contentType}`,
      `Content-Disposition: attachment; filename="${a.filename}"`,
      `Content-Transfer-Encoding: ${a.encoding}`,
      '',
      body,
      '--b-1--',
      '',
    ].join(CRLF),
    'latin1',
  );
}

describe('attachments on the relay (R15) and the words the shop reads', () => {
  let h: Harness;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The message for `to` whose bytes contain `marker`; waits for it without sleeping. */
  async function arrival(to: string, marker: string): Promise<SunkMessage> {
    for (let count = 1; ; count++) {
      const found = (await h.sink.waitFor(count, { to })).find((m) => m.raw.includes(marker));
      if (found) return found;
    }
  }

  /** A buyer writes to the shop's public relay address; resolves to what reaches the shop, parsed. */
  async function fromBuyer(seller: { id: string; email: string }, a: Attached) {
    const subject = `Attachment test ${++n}`;
    const buyer = `buyer${n}@buyers.example`;
    await expect(
      h.inbound({ from: buyer, to: `${seller.id}@${DOMAIN}` }, buyerMail(buyer, `${seller.id}@${DOMAIN}`, subject, a)),
    ).resolves.toMatch(/queued/);
    const got = await arrival(seller.email, subject);
    return { mail: await simpleParser(got.raw), stored: storedAttachment(buyer, a.filename) };
  }

  function storedAttachment(envelopeFrom: string, filename: string) {
    return sqlGet(
      h.ctx.store,
      `SELECT a.sniffed_type, a.removed FROM attachments a JOIN messages m ON m.id = a.message_id
      WHERE m.envelope_from = ? AND a.filename = ?`,
      envelopeFrom,
      filename,
    );
  }

  it.each([
    ['ISO-8859-1, base64', 'masse.txt', 'text/plain; charset=iso-8859-1', 'base64', LATIN1_TXT],
    ['ISO-8859-1, quoted-printable', 'masse.txt', 'text/plain; charset=iso-8859-1', 'quoted-printable', LATIN1_TXT],
    [
      'Windows-1252 with € „ “, quoted-printable',
      'preise.txt',
      'text/plain; charset=windows-1252',
      'quoted-printable',
      CP1252_TXT,
    ],
  ] as const)(
    'a .txt in %s reaches the seller byte for byte, with no removal note',
    async (_name, filename, contentType, encoding, content) => {
      const { mail, stored } = await fromBuyer(SELLER, { filename, contentType, encoding, content });
      expect(mail.attachments.map((a) => a.filename)).toEqual([filename]);
      const [file] = mail.attachments;
      expect(file.content.equals(content)).toBe(true);
      expect(file.contentType).toBe('text/plain');
      expect(file.headers.get('content-type')).toMatchObject({ params: { charset: contentType.split('charset=')[1] } });
      expect(mail.text).not.toContain('was removed');
      expect(stored).toEqual({ sniffed_type: 'text', removed: 0 });
    },
  );

  it.each([
    ['a Windows program', EXE, 'exe', 'it is named .txt but its content is a Windows program'],
    ['a Linux program', ELF, 'elf', 'it is named .txt but its content is a Linux program'],
    ['a PNG image', PNG, 'png', 'it is named .txt but its content is a PNG file'],
    [
      'bytes with NULs and control characters',
      NOISE,
      'unknown',
      'it is named .txt but its content is not recognizable',
    ],
  ] as const)(
    '%s named .txt is removed and the message still arrives, with a note',
    async (_name, content, sniffed, why) => {
      const { mail, stored } = await fromBuyer(SELLER, {
        filename: 'readme.txt',
        contentType: 'text/plain; charset=iso-8859-1',
        encoding: 'base64',
        content,
      });
      expect(mail.attachments).toEqual([]);
      expect(mail.text).toContain('Hello, the file is attached.');
      expect(mail.text).toContain(`The attachment "readme.txt" was removed by the marketplace: ${why} (R15).`);
      expect(stored).toEqual({ sniffed_type: sniffed, removed: 1 });
    },
  );

  describe('a German shop (seller language de)', () => {
    it("a buyer's disallowed attachment is replaced by a German note", async () => {
      const { mail, stored } = await fromBuyer(OTHER_SELLER, {
        filename: 'rechnung.pdf',
        contentType: 'application/pdf',
        encoding: 'base64',
        content: EXE,
      });
      expect(mail.attachments).toEqual([]);
      expect(mail.text).toContain(
        'Der Anhang „rechnung.pdf“ wurde vom Marktplatz entfernt: Die Datei heißt .pdf, enthält aber ein Windows-Programm (R15).',
      );
      expect(mail.text).not.toContain('The attachment');
      expect(stored).toEqual({ sniffed_type: 'exe', removed: 1 });
    });

    it("the shop's own disallowed attachment reaches its buyer as a German note", async () => {
      const buyer = 'kunde@buyers.example';
      h.ctx.orders.upsert({
        sellerId: OTHER_SELLER.id,
        orderId: '303-0000000-0000001',
        buyerEmail: buyer,
        buyerName: 'Kunde',
        category: 'standard',
      });
      const alias = h.aliasOf(buyer, OTHER_SELLER.id);
      await expect(
        h.submit(
          OTHER_SELLER,
          { from: OTHER_SELLER.email, to: alias },
          {
            subject: 'Ihre Bestellung 303-0000000-0000001: Lieferadresse',
            text: 'Bitte prüfen Sie die Hausnummer Ihrer Lieferadresse.',
            attachments: [{ filename: 'werkzeug.exe', content: EXE, contentType: 'application/octet-stream' }],
          },
        ),
      ).resolves.toMatch(/queued/);
      const mail = await simpleParser((await arrival(buyer, 'Lieferadresse')).raw);
      expect(mail.attachments).toEqual([]);
      expect(mail.text).toContain(
        'Der Anhang „werkzeug.exe“ wurde vom Marktplatz entfernt: .exe-Dateien sind als Anhang nicht erlaubt; ' +
          'erlaubt sind .txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png (R15).',
      );
    });

    it('the bounce notice for an opted-out buyer gives the reason in German, words first and the rule behind', async () => {
      const buyer = 'abgemeldet@buyers.example';
      h.ctx.orders.upsert({
        sellerId: OTHER_SELLER.id,
        orderId: '303-0000000-0000002',
        buyerEmail: buyer,
        buyerName: 'Abgemeldet',
        category: 'standard',
      });
      h.ctx.pairs.setOptOut(buyer, true);
      const subject = 'Wie gefällt Ihnen Ihr Becher?';
      await expect(
        h.submit(
          OTHER_SELLER,
          { from: OTHER_SELLER.email, to: h.aliasOf(buyer, OTHER_SELLER.id) },
          { subject, text: 'Bitte bewerten Sie uns!' },
        ),
      ).resolves.toMatch(/blocked by policy \(R10\)/);
      const notice = await simpleParser((await arrival(OTHER_SELLER.email, 'X-Parley-Notice: blocked')).raw);
      expect(notice.subject).toBe(`Unzustellbar: ${subject}`);
      expect(notice.text).toContain(
        'Grund:\n- Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Diese Nachricht ist keine Antwort an den Käufer und wird deshalb nicht zugestellt. ' +
          'Wenn sie dringend und zur Abwicklung der Bestellung nötig ist, setzen Sie [Wichtig] in den Betreff ' +
          '(oder senden Sie sie aus Parley mit dem Betreff „Zusätzliche Informationen erforderlich“) oder antworten Sie in einer Unterhaltung, ' +
          'die der Käufer begonnen hat. Nutzen Sie das nur für Nachrichten, die zur Abwicklung der Bestellung nötig sind: ' +
          'Missbrauch kann Ihre Verkaufsberechtigung kosten. (R10)\n',
      );
      expect(notice.text).not.toMatch(/opted out|Important/);
      expect(h.sink.messages.filter((m) => m.to.includes(buyer))).toEqual([]);
    });
  });
});
