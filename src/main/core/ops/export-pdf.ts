/**
 * The dispute record's transcript as a PDF (R21), made with pdfkit: what an arbiter of a
 * guarantee claim or chargeback reads. It says who the seller and the buyer's alias are, then
 * every message with its time, direction, subject, text and attachments, and it states the
 * SHA-256 of every file of the export listed before it, so a printed copy can be checked against
 * the files. (It cannot state its own hash; manifest.json's chain covers it.)
 *
 * It is written in the shop's language (headings, labels, dates) and set in an embedded Unicode font (pdf-fonts.ts),
 * so names and text outside Latin-1 read as written. The hashes are set in pdfkit's Courier, whose text the
 * (uncompressed) file holds as plain character codes: they read back from its bytes without the font's tables.
 */
import PDFDocument from 'pdfkit';
import { RULE_IDS, RULE_TEXT, type Language, type RuleId } from '../../../shared/rules.js';
import { contentsNote, WITHHELD, type TranscriptMessage, type TranscriptMeta } from './export-transcript.js';
import { pdfFont } from './pdf-fonts.js';

export const TRANSCRIPT_PDF_FILE = 'transcript.pdf';

const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/** The PDF's words in each language; values the relay stores (verdicts, states) fall back to themselves. */
const WORDS = {
  en: {
    title: 'Parley dispute record (R21)',
    docSubject: 'Dispute record (R21)',
    seller: 'Seller',
    alias: 'Buyer alias',
    exportedAt: 'Exported at',
    kind: 'Kind',
    'kind.seller-copy': "the seller's copy (aliases only, R5)",
    'kind.authority': 'for a dispute authority',
    messages: 'Messages',
    manifest:
      'manifest.json lists every file with its SHA-256, chained in order; its "head" hash covers all files, this one ' +
      'included. Check the export with: parley verify --export <folder or zip>.',
    noMessages: '(There are no messages in this conversation.)',
    message: 'Message',
    direction: 'Direction',
    via: 'via',
    'direction.buyer-to-seller': 'from the buyer to the seller',
    'direction.seller-to-buyer': 'from the seller to the buyer',
    'via.app': 'the Parley app',
    'via.cli': 'the parley command',
    'via.mail-client': 'a mail client',
    'via.automatic': 'Parley itself',
    from: 'From',
    to: 'To',
    subject: 'Subject',
    verdict: 'Verdict',
    'verdict.deliver': 'delivered',
    'verdict.block': 'blocked',
    'verdict.reject': 'refused',
    'verdict.hold': 'held',
    'verdict.held': 'held',
    released: 'held, released by the seller {at} (R11)',
    rules: 'rules',
    delivery: 'Delivery',
    'delivery.forward': 'forwarding',
    'delivery.bounce-notice': 'bounce notice',
    'delivery.shipping-confirmation': 'shipping confirmation',
    'delivery.delivery-failure': 'delivery failure notice',
    'state.queued': 'queued',
    'state.deferred': 'deferred',
    'state.delivered': 'delivered',
    'state.failed': 'failed',
    'state.bounced': 'bounced',
    'state.cancelled': 'cancelled',
    deliveredAt: 'at {at}',
    atExport: '(at export time)',
    original: 'Original',
    originalMissing: '(missing from the store)',
    attachment: 'Attachment',
    bytes: '{n} bytes',
    withheld: WITHHELD,
    notKept: '(file not kept)',
    removed: 'removed by the relay',
    warning: 'WARNING',
    noText: '(no text)',
    hashes: 'Files and their SHA-256',
    originals: 'Originals as stored and their SHA-256',
  },
  de: {
    title: 'Parley-Nachweis für einen Streitfall (R21)',
    docSubject: 'Nachweis für einen Streitfall (R21)',
    seller: 'Verkäufer',
    alias: 'Alias des Käufers',
    exportedAt: 'Exportiert am',
    kind: 'Art',
    'kind.seller-copy': 'Kopie des Verkäufers (nur Aliasse, R5)',
    'kind.authority': 'für eine Streitschlichtungsstelle',
    messages: 'Nachrichten',
    manifest:
      'manifest.json führt jede Datei mit ihrem SHA-256 auf, der Reihe nach verkettet; ihr „head“-Hash deckt alle ' +
      'Dateien ab, diese eingeschlossen. Prüfen Sie den Export mit: parley verify --export <Ordner oder ZIP>.',
    noMessages: '(Diese Unterhaltung enthält keine Nachrichten.)',
    message: 'Nachricht',
    direction: 'Richtung',
    via: 'über',
    'direction.buyer-to-seller': 'vom Käufer an den Verkäufer',
    'direction.seller-to-buyer': 'vom Verkäufer an den Käufer',
    'via.app': 'die Parley-App',
    'via.cli': 'den Befehl parley',
    'via.mail-client': 'ein Mailprogramm',
    'via.automatic': 'Parley selbst',
    from: 'Von',
    to: 'An',
    subject: 'Betreff',
    verdict: 'Entscheidung',
    'verdict.deliver': 'zugestellt',
    'verdict.block': 'blockiert',
    'verdict.reject': 'abgelehnt',
    'verdict.hold': 'zurückgehalten',
    'verdict.held': 'zurückgehalten',
    released: 'zurückgehalten, vom Verkäufer freigegeben am {at} (R11)',
    rules: 'Regeln',
    delivery: 'Zustellung',
    'delivery.forward': 'Weiterleitung',
    'delivery.bounce-notice': 'Unzustellbarkeitsnachricht',
    'delivery.shipping-confirmation': 'Versandbestätigung',
    'delivery.delivery-failure': 'Nachricht über einen Zustellfehler',
    'state.queued': 'wartet',
    'state.deferred': 'verschoben',
    'state.delivered': 'zugestellt',
    'state.failed': 'fehlgeschlagen',
    'state.bounced': 'zurückgewiesen',
    'state.cancelled': 'abgebrochen',
    deliveredAt: 'am {at}',
    atExport: '(Stand beim Export)',
    original: 'Original',
    originalMissing: '(fehlt im Speicher)',
    attachment: 'Anhang',
    bytes: '{n} Bytes',
    withheld: '(in der Kopie des Verkäufers weggelassen: Sie enthält die echte Adresse des Käufers, R5)',
    notKept: '(Datei nicht aufbewahrt)',
    removed: 'vom Relay entfernt',
    warning: 'WARNUNG',
    noText: '(kein Text)',
    hashes: 'Dateien und ihr SHA-256',
    originals: 'Originale, wie gespeichert, und ihr SHA-256',
  },
} satisfies Record<Language, Record<string, string>>;

type Word = keyof (typeof WORDS)['en'];

/** The transcript's words, dates and numbers in one language. */
function wordsFor(language: Language) {
  const words: Record<string, string> = WORDS[language];
  const dates = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeStyle: 'long' });
  const numbers = new Intl.NumberFormat(LOCALE[language]);
  const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k]);
  return {
    w: (key: Word, vars: Record<string, string> = {}) => fill(words[key], vars),
    /** A stored value (verdict, state …) in words, or as stored when it has none. */
    value: (prefix: string, raw: string) => words[`${prefix}.${raw}`] ?? raw.replace(/-/g, ' '),
    date: (iso: string) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? iso : dates.format(at);
    },
    number: (n: number) => numbers.format(n),
    /** A decision's reason: in German the rule's own words (the English reason stays in transcript.txt). */
    reason: (text: string) => {
      const rule = /^(R\d+[a-z]?):/.exec(text)?.[1];
      return language !== 'en' && rule && (RULE_IDS as readonly string[]).includes(rule)
        ? `${rule}: ${RULE_TEXT[rule as RuleId][language]}`
        : text;
    },
  };
}

/** Renders synchronously: pdfkit's stream is paused, so its chunks are read back right after end(). */
export function renderTranscriptPdf(
  meta: TranscriptMeta,
  messages: TranscriptMessage[],
  hashes: { path: string; sha256: string }[],
): Buffer {
  const language = meta.language ?? 'en';
  const { w, value, date, number, reason } = wordsFor(language);
  const doc = new PDFDocument({
    // Uncompressed: the hashes stay searchable in the file itself, and the PDF stays small anyway.
    size: 'A4',
    margin: 50,
    bufferPages: false,
    compress: false,
    lang: LOCALE[language],
    info: {
      Title: `${w('title')} — ${meta.alias}`,
      Author: meta.sellerName,
      Subject: w('docSubject'),
      CreationDate: new Date(meta.exportedAt),
    },
  });
  const font = registerFonts(doc);
  const hashOf = new Map(hashes.map((h) => [h.path, h.sha256]));
  /** A file and its hash: the hash in Courier (plain bytes in the PDF), the file's name in the Unicode font. */
  const hashLine = (sha256: string, file: string) =>
    doc.font('Courier').text(sha256, { continued: true }).font(font.mono).text(`  ${file}`);

  doc.font(font.bold).fontSize(16).text(w('title'));
  doc.moveDown(0.5).font(font.regular).fontSize(10);
  doc.text(`${w('seller')}: ${meta.seller} (${oneLine(meta.sellerName)})`);
  doc.text(`${w('alias')}: ${meta.alias}`);
  doc.text(`${w('exportedAt')}: ${date(meta.exportedAt)}`);
  if (meta.kind) doc.text(`${w('kind')}: ${value('kind', meta.kind)}`);
  doc.text(`${w('messages')}: ${number(messages.length)}`);
  doc
    .moveDown(0.5)
    .fontSize(9)
    .fillColor('#444')
    .text(`${contentsNote(meta.kind, language).join(' ')} ${w('manifest')}`)
    .fillColor('black');
  if (messages.length === 0) doc.moveDown().fontSize(10).text(w('noMessages'));

  for (const m of messages) {
    doc
      .moveDown()
      .fontSize(11)
      .font(font.bold)
      .text(`${w('message')} ${String(m.number).padStart(4, '0')} — ${date(m.receivedAt)}`);
    doc.font(font.regular).fontSize(9);
    doc.text(`${w('direction')}: ${value('direction', m.direction)} (${w('via')} ${value('via', m.via)})`);
    doc.text(`${w('from')}: ${oneLine(m.from)}`);
    doc.text(`${w('to')}: ${oneLine(m.to.join(', '))}`);
    doc.text(`${w('subject')}: ${oneLine(m.subject)}`);
    const verdict = m.releasedAt ? w('released', { at: date(m.releasedAt) }) : value('verdict', m.verdict);
    doc.text(`${w('verdict')}: ${verdict}${m.rules.length > 0 ? ` (${w('rules')}: ${m.rules.join(', ')})` : ''}`);
    for (const r of m.reasons) doc.text(`  ${oneLine(reason(r))}`);
    for (const d of m.deliveries) {
      const detail = d.deliveredAt
        ? ` ${w('deliveredAt', { at: date(d.deliveredAt) })}`
        : d.lastError
          ? `: ${oneLine(d.lastError)}`
          : '';
      doc.text(`${w('delivery')}: ${value('delivery', d.kind)} ${value('state', d.state)}${detail} ${w('atExport')}`);
    }
    if (m.file) {
      doc.text(`${w('original')}: ${m.file}`);
      hashLine(`  SHA-256 ${hashOf.get(m.file) ?? '?'}`, '').font(font.regular);
    } else doc.text(`${w('original')}: ${w('originalMissing')}`);
    for (const a of m.attachments) {
      const removed = a.removed ? ` — ${w('removed')}${a.removedWhy ? `: ${oneLine(a.removedWhy)}` : ''} (R15)` : '';
      const kept = a.file ? a.file : a.withheld ? w('withheld') : w('notKept');
      doc.text(
        `${w('attachment')}: ${oneLine(a.filename)} (${a.declaredType}, ${w('bytes', { n: number(a.size) })}) ${kept}${removed}`,
      );
      if (a.file) hashLine(`  SHA-256 ${hashOf.get(a.file) ?? '?'}`, '').font(font.regular);
    }
    for (const warning of m.warnings)
      doc
        .fillColor('#a00')
        .text(`${w('warning')}: ${warning}`)
        .fillColor('black');
    doc
      .moveDown(0.3)
      .fontSize(10)
      .text(m.text.replace(/\r\n?/g, '\n').trimEnd() || w('noText'));
  }

  doc.addPage().font(font.bold).fontSize(12).text(w('hashes'));
  doc.fontSize(8);
  for (const h of hashes) hashLine(h.sha256, h.path);
  if (meta.originals) {
    doc.moveDown().font(font.bold).fontSize(12).text(w('originals'));
    doc.fontSize(8);
    for (const o of meta.originals) hashLine(o.sha256, o.path);
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The embedded Unicode fonts by role, or pdfkit's standard fonts where one is missing. */
function registerFonts(doc: PDFKit.PDFDocument): Record<'regular' | 'bold' | 'mono', string> {
  const fallback = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' } as const;
  const names = { ...fallback } as Record<'regular' | 'bold' | 'mono', string>;
  for (const role of ['regular', 'bold', 'mono'] as const) {
    const data = pdfFont(role);
    if (!data) continue;
    names[role] = `DejaVu-${role}`;
    doc.registerFont(names[role], data);
  }
  return names;
}
