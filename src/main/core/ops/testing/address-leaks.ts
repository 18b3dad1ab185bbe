/**
 * Test helper: where an export file still shows the buyer's real address (R5). Independent of the product's search
 * (ops/seller-copy.ts): a mail file is read by mailparser, the reference parser, with every header, body and
 * attachment decoded; a PDF's text strings are decoded; every file is read as Latin-1, UTF-8 and UTF-16, with the
 * `@` in any of its HTML and URL forms.
 */
import { simpleParser } from 'mailparser';

const at = /&#0*64;?|&#x0*40;?|&commat;|%40/gi;

function count(text: string, address: string): number {
  const hay = text.replace(at, '@').toLowerCase();
  const needle = address.toLowerCase();
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

/** `name: where` for each place `data` (a file called `name`) shows `address`; empty when it shows none. */
export async function addressLeaks(name: string, data: Buffer, address: string): Promise<string[]> {
  const found: string[] = [];
  const check = (where: string, text: string | undefined | null) => {
    const n = text ? count(text, address) : 0;
    if (n > 0) found.push(`${name}: ${where} (${n}×)`);
  };
  check('file name', name);
  check('bytes as Latin-1', data.toString('latin1'));
  check('bytes as UTF-8', data.toString('utf8'));
  check('bytes as UTF-16', data.toString('utf16le'));
  if (name.endsWith('.eml')) {
    const mail = await simpleParser(data);
    check('subject', mail.subject);
    for (const line of mail.headerLines) check(`header ${line.key}`, line.line);
    check('text body', mail.text);
    check('HTML body', typeof mail.html === 'string' ? mail.html : '');
    for (const a of mail.attachments) {
      check(`attachment name ${a.filename}`, a.filename);
      check(`attachment ${a.filename}`, a.content.toString('latin1'));
    }
  }
  if (name.endsWith('.pdf')) {
    // pdfkit writes text as hex strings (uncompressed in the export).
    const text = [...data.toString('latin1').matchAll(/<([0-9a-f]+)>/gi)]
      .map((m) => Buffer.from(m[1], 'hex').toString('latin1'))
      .join('');
    check('PDF text', text);
  }
  return found;
}
