/**
 * Raw RFC 5322 messages for bench/ui's store: what the relay would have kept as the `.eml` of
 * each record (text/plain, or multipart/mixed with one file), plus the few small files that
 * the attachments are. Built by string, not nodemailer: 100,000 of them must take seconds.
 */
import { makePng } from '../../test/e2e/support/png.js';

export const FILES = {
  pdf: {
    filename: 'rechnung.pdf',
    type: 'application/pdf',
    sniffed: 'pdf',
    content: Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj ' +
        '4 0 obj<</Length 50>>stream\nBT /F1 18 Tf 20 80 Td (Rechnung / Invoice) Tj ET\nendstream endobj ' +
        '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),
  },
  png: { filename: 'foto.png', type: 'image/png', sniffed: 'png', content: makePng(64, 48, 5) },
  txt: {
    filename: 'notiz.txt',
    type: 'text/plain',
    sniffed: 'txt',
    content: Buffer.from('Maße: 40 × 25 × 2 cm\nHolz: Eiche, geölt\n'),
  },
} as const;

export type FileKind = keyof typeof FILES;

const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`);
const wrap76 = (b64: string) => b64.replace(/.{76}/g, '$&\r\n');

export interface RawInput {
  fromName: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
  inReplyTo: string | null;
  attachment: FileKind | null;
}

export function rawMessage(m: RawInput): Buffer {
  const head = [
    `From: "${encodeWord(m.fromName)}" <${m.from}>`,
    `To: <${m.to}>`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.messageId}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`, `References: ${m.inReplyTo}`] : []),
    'MIME-Version: 1.0',
  ];
  const text = m.text.replace(/\r?\n/g, '\r\n');
  if (!m.attachment) {
    return Buffer.from(
      [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text].join('\r\n'),
    );
  }
  const file = FILES[m.attachment];
  const boundary = `=_bench_${m.messageId.replace(/\W/g, '')}`;
  return Buffer.from(
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text,
      `--${boundary}`,
      `Content-Type: ${file.type}; name="${file.filename}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${file.filename}"`,
      '',
      wrap76(file.content.toString('base64')),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
