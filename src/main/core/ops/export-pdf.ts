/**
 * The dispute record's transcript as a PDF (R21), made with pdfkit: what an arbiter of a
 * guarantee claim or chargeback reads. It says who the seller and the buyer's alias are, then
 * every message with its time, direction, subject, text and attachments, and it states the
 * SHA-256 of every file of the export listed before it, so a printed copy can be checked against
 * the files. (It cannot state its own hash; manifest.json's chain covers it.)
 */
import PDFDocument from 'pdfkit';
import { contentsNote, WITHHELD, type TranscriptMessage, type TranscriptMeta } from './export-transcript.js';

export const TRANSCRIPT_PDF_FILE = 'transcript.pdf';

const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

/** Renders synchronously: pdfkit's stream is paused, so its chunks are read back right after end(). */
export function renderTranscriptPdf(
  meta: TranscriptMeta,
  messages: TranscriptMessage[],
  hashes: { path: string; sha256: string }[],
): Buffer {
  const doc = new PDFDocument({
    // Uncompressed: the hashes stay searchable in the file itself, and the PDF stays small anyway.
    size: 'A4',
    margin: 50,
    bufferPages: false,
    compress: false,
    info: {
      Title: `Parley dispute record — ${meta.alias}`,
      Author: meta.sellerName,
      Subject: 'Dispute record (R21)',
      CreationDate: new Date(meta.exportedAt),
    },
  });
  const hashOf = new Map(hashes.map((h) => [h.path, h.sha256]));

  doc.font('Helvetica-Bold').fontSize(16).text('Parley dispute record (R21)');
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  doc.text(`Seller: ${meta.seller} (${oneLine(meta.sellerName)})`);
  doc.text(`Buyer alias: ${meta.alias}`);
  doc.text(`Exported at: ${meta.exportedAt}`);
  if (meta.kind)
    doc.text(
      `Kind: ${meta.kind === 'seller-copy' ? "the seller's copy (aliases only, R5)" : 'for a dispute authority'}`,
    );
  doc.text(`Messages: ${messages.length}`);
  doc
    .moveDown(0.5)
    .fontSize(9)
    .fillColor('#444')
    .text(
      contentsNote(meta.kind).join(' ') +
        ' manifest.json lists every file with its SHA-256, chained in order; its "head" hash covers all files, this one included. ' +
        'Check the export with: parley verify --export <folder or zip>.',
    )
    .fillColor('black');
  if (messages.length === 0) doc.moveDown().fontSize(10).text('(There are no messages in this conversation.)');

  for (const m of messages) {
    doc
      .moveDown()
      .fontSize(11)
      .font('Helvetica-Bold')
      .text(`Message ${String(m.number).padStart(4, '0')} — ${m.receivedAt}`);
    doc.font('Helvetica').fontSize(9);
    doc.text(`Direction: ${m.direction.replace(/-/g, ' ')} (via ${m.via})`);
    doc.text(`From: ${oneLine(m.from)}`);
    doc.text(`To: ${oneLine(m.to.join(', '))}`);
    doc.text(`Subject: ${oneLine(m.subject)}`);
    doc.text(`Verdict: ${m.verdict}${m.rules.length > 0 ? ` (rules: ${m.rules.join(', ')})` : ''}`);
    for (const r of m.reasons) doc.text(`  ${oneLine(r)}`);
    for (const d of m.deliveries)
      doc.text(
        `Delivery: ${d.kind} ${d.state}${d.deliveredAt ? ` at ${d.deliveredAt}` : d.lastError ? `: ${oneLine(d.lastError)}` : ''} (at export time)`,
      );
    doc.text(`Original: ${m.file ? `${m.file}  SHA-256 ${hashOf.get(m.file) ?? '?'}` : '(missing from the store)'}`);
    for (const a of m.attachments) {
      const kept = a.file
        ? `${a.file}  SHA-256 ${hashOf.get(a.file) ?? '?'}`
        : a.withheld
          ? WITHHELD
          : '(file not kept)';
      const removed = a.removed
        ? ` — removed by the relay${a.removedWhy ? `: ${oneLine(a.removedWhy)}` : ''} (R15)`
        : '';
      doc.text(`Attachment: ${oneLine(a.filename)} (${a.declaredType}, ${a.size} bytes) ${kept}${removed}`);
    }
    for (const w of m.warnings) doc.fillColor('#a00').text(`WARNING: ${w}`).fillColor('black');
    doc
      .moveDown(0.3)
      .fontSize(10)
      .text(m.text.replace(/\r\n?/g, '\n').trimEnd() || '(no text)');
  }

  doc.addPage().font('Helvetica-Bold').fontSize(12).text('Files and their SHA-256');
  doc.font('Courier').fontSize(8);
  for (const h of hashes) doc.text(`${h.sha256}  ${h.path}`);
  if (meta.originals) {
    doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Originals as stored and their SHA-256');
    doc.font('Courier').fontSize(8);
    for (const o of meta.originals) doc.text(`${o.sha256}  ${o.path}`);
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}
