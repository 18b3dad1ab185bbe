/**
 * The readable half of a dispute export (R21): one plain-text file a person (or an arbiter of a
 * guarantee claim) can read without tools. The originals beside it are the evidence; this says
 * what each one is and what the relay decided about it.
 */
import type { Language } from '../../../shared/domain.js';
import { originalsSection, transcriptFacts, type ExportMeta } from './export-manifest.js';

export interface TranscriptAttachment {
  filename: string;
  declaredType: string;
  size: number;
  removed: boolean;
  removedWhy: string | null;
  /** Where the export put it; absent when its file was not kept. */
  file?: string;
  /** Seller's copy: left out, it holds the buyer's real address and cannot be rewritten (R5). */
  withheld?: boolean;
}

export interface TranscriptMessage {
  number: number;
  receivedAt: string;
  direction: string;
  via: string;
  from: string;
  to: string[];
  subject: string;
  verdict: string;
  /** When the seller released a held message (R11); the verdict above says so in English. */
  releasedAt?: string;
  rules: string[];
  reasons: string[];
  /** Outbox rows of the message: delivery state as it stands at export time (R8). */
  deliveries: { kind: string; state: string; deliveredAt: string | null; lastError: string | null }[];
  /** The original in messages/, absent when its file is missing from the store. */
  file?: string;
  text: string;
  attachments: TranscriptAttachment[];
  /** Problems found while exporting this message (altered or missing stored files). */
  warnings: string[];
}

export interface TranscriptMeta extends ExportMeta {
  sellerName: string;
  /** The shop's language: the PDF's words and dates. The text transcript stays English (verifyExport reads it). */
  language?: Language;
}

/** What the messages/ folder holds, in the words of the export's kind. */
export function contentsNote(kind: ExportMeta['kind'], language: Language = 'en'): string[] {
  if (language === 'de') return contentsNoteDe(kind);
  return kind === 'seller-copy'
    ? [
        "This is the seller's copy: every message between the seller and this buyer is in messages/ as the seller saw",
        "it, with the buyer's alias wherever the buyer's real address was (R5); attachments are in attachments/. The",
        'originals as stored are not in it: they go only into an export for a dispute authority. The SHA-256 of each',
        'original is listed at the end, so that export can be checked against this one.',
      ]
    : [
        'Every message between the seller and this buyer, as the relay received it, is in messages/',
        '(the exact bytes, openable in any mail program); attachments are in attachments/.',
        ...(kind === 'authority'
          ? ["This export for a dispute authority holds the buyer's real address: do not pass it to anyone else."]
          : []),
      ];
}

function contentsNoteDe(kind: ExportMeta['kind']): string[] {
  return kind === 'seller-copy'
    ? [
        'Dies ist die Kopie des Verkäufers: Jede Nachricht zwischen dem Verkäufer und diesem Käufer liegt in messages/,',
        'wie der Verkäufer sie gesehen hat, mit dem Alias des Käufers an jeder Stelle seiner echten Adresse (R5); Anhänge',
        'liegen in attachments/. Die Originale, wie gespeichert, sind nicht enthalten: Sie gehen nur in einen Export für',
        'eine Streitschlichtungsstelle. Der SHA-256 jedes Originals steht am Ende, damit jener Export gegen diesen geprüft',
        'werden kann.',
      ]
    : [
        'Jede Nachricht zwischen dem Verkäufer und diesem Käufer liegt, wie das Relay sie empfangen hat, in messages/',
        '(die genauen Bytes, in jedem Mailprogramm zu öffnen); Anhänge liegen in attachments/.',
        ...(kind === 'authority'
          ? [
              'Dieser Export für eine Streitschlichtungsstelle enthält die echte Adresse des Käufers: Geben Sie ihn an niemanden sonst weiter.',
            ]
          : []),
      ];
}

const RULE = '='.repeat(72);
export const WITHHELD = "(withheld from the seller's copy: it holds the buyer's real address, R5)";

// Header values come from mail; a line break in one would fake a line of the transcript.
const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

export function renderTranscript(meta: TranscriptMeta, messages: TranscriptMessage[]): string {
  // The first block is read back by verifyExport: keep it `Label: value` lines, then a blank line.
  const out: string[] = [
    'Parley dispute record (R21)',
    ...transcriptFacts(meta).map(([label, value]) => `${label}: ${value}`),
    `Shop name: ${oneLine(meta.sellerName)}`,
    `Messages: ${messages.length}`,
    '',
    ...contentsNote(meta.kind),
    'manifest.json lists every file of this export with its SHA-256, chained in order; this',
    'transcript is listed last. Its "head" hash, in manifest.json, covers all the files, this',
    'one included; it cannot be written here, since a file cannot contain its own hash.',
    'Check the export with: parley verify --export <this directory>',
    '',
  ];
  if (messages.length === 0) out.push('(There are no messages in this conversation.)', '');
  for (const m of messages) out.push(...renderMessage(m));
  // Last, so no message text can follow it: verifyExport compares it with the manifest's list.
  return out.join('\n') + (meta.originals ? `\n${originalsSection(meta.originals)}` : '');
}

function renderMessage(m: TranscriptMessage): string[] {
  const lines = [
    RULE,
    `Message ${String(m.number).padStart(4, '0')}`,
    `Date:      ${m.receivedAt}`,
    `Direction: ${m.direction.replace(/-/g, ' ')} (via ${m.via})`,
    `From:      ${oneLine(m.from)}`,
    `To:        ${oneLine(m.to.join(', '))}`,
    `Subject:   ${oneLine(m.subject)}`,
    `Verdict:   ${m.verdict}${m.rules.length > 0 ? ` (rules: ${m.rules.join(', ')})` : ''}`,
    ...m.reasons.map((r) => `           ${r}`),
  ];
  for (const d of m.deliveries) {
    const detail = d.deliveredAt ? ` at ${d.deliveredAt}` : d.lastError ? `: ${d.lastError}` : '';
    lines.push(`Delivery:  ${d.kind} ${d.state}${detail} (state at export time)`);
  }
  lines.push(`Original:  ${m.file ?? '(not in this export: the stored file is missing)'}`);
  for (const a of m.attachments) {
    const kept = a.file ? `→ ${a.file}` : a.withheld ? WITHHELD : '(file not kept)';
    const removed = a.removed ? ` — removed by the relay${a.removedWhy ? `: ${a.removedWhy}` : ''} (R15)` : '';
    lines.push(`Attachment: ${oneLine(a.filename)} (${a.declaredType}, ${a.size} bytes) ${kept}${removed}`);
  }
  for (const w of m.warnings) lines.push(`WARNING:   ${w}`);
  lines.push('', m.text.replace(/\r\n?/g, '\n').trimEnd(), '', '');
  return lines;
}
