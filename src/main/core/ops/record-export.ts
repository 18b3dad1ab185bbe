/**
 * Exporting the record of one buyer–seller conversation for a dispute (R21): the messages, their
 * attachments, a readable transcript and a hash-chained manifest. Two kinds: the seller's copy
 * shows the alias wherever the buyer's real address was (R5, ops/seller-copy.ts) and lists the
 * sha256 of every original as stored; the export for a dispute authority holds the originals as
 * received. Both name their files alike, so the seller's list matches the authority's files. The
 * export only reads the store; what it finds wrong there (a stored file altered or missing, a
 * record that no longer matches its hash) is written into the transcript and returned, never hidden.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import {
  buildManifest,
  MANIFEST_FILE,
  sha256Hex,
  TRANSCRIPT_FILE,
  type ExportKind,
  type OriginalEntry,
} from './export-manifest.js';
import { renderTranscriptPdf, TRANSCRIPT_PDF_FILE } from './export-pdf.js';
import { renderTranscript, type TranscriptAttachment, type TranscriptMessage } from './export-transcript.js';
import {
  attachmentBytes,
  rawPartOf,
  recomputeRecordHash,
  toNewAttachment,
  type AttachmentRow,
  type MessageRow,
} from '../store/record-reader.js';
import { originalMessageId } from '../relay/seller-context.js';
import { addressReplacer, bytesHoldAddress, sellerCopyOfMessage } from './seller-copy.js';

export { verifyExport, type ExportKind, type ExportVerification } from './export-manifest.js';

export interface ExportOptions {
  sellerId: string;
  /** The buyer's alias, as a local part or a full address. */
  alias: string;
  /** Created if needed; refused when it exists and is not empty. */
  outDir: string;
  /** 'seller-copy' (aliases only, R5) or 'authority' (the originals, real addresses included). */
  kind: ExportKind;
}

export interface ExportReport {
  kind: ExportKind;
  dir: string;
  seller: string;
  alias: string;
  messages: number;
  /** Attachment files written (an attachment whose file is not in the store is not counted). */
  attachments: number;
  /** Files listed in the manifest (manifest.json itself not counted). */
  files: number;
  /** The manifest's head hash: keep it to recognize this export later. */
  head: string;
  /** Problems found in the store while exporting; empty when everything verified. */
  warnings: string[];
}

/**
 * The recorded verdict; a held message the seller released (R11) says when (the record row itself stays 'held', R21).
 */
function verdictOf(ctx: CoreContext, row: MessageRow): string {
  const release = row.verdict === 'held' ? ctx.releases.get(row.id) : undefined;
  return release ? `held, released by the seller ${release.at} (R11)` : row.verdict;
}

/** When the seller released a held message (R11), for the PDF to say in the shop's language. */
function releaseOf(ctx: CoreContext, row: MessageRow): { releasedAt?: string } {
  const release = row.verdict === 'held' ? ctx.releases.get(row.id) : undefined;
  return release ? { releasedAt: release.at } : {};
}

export function exportConversation(ctx: CoreContext, opts: ExportOptions): ExportReport {
  const seller = ctx.sellers.require(opts.sellerId);
  const pair = ctx.pairs.requireAlias(opts.alias, seller.id); // ENOTFOUND also when the alias is another seller's
  const alias = ctx.addresses.aliasAddress(pair.alias);
  const forSeller = opts.kind === 'seller-copy';
  // The authority's file names show the alias too: both kinds name a file alike (OriginalEntry.path).
  const scrub = addressReplacer(pair.buyerEmail, alias);
  const show = forSeller ? scrub : (text: string) => text;
  prepareEmptyDir(opts.outDir);

  const rows = ctx.recordReader.conversation(pair.id);

  const files: { path: string; data: Buffer }[] = [];
  const usedNames = new Set<string>();
  const transcript: TranscriptMessage[] = [];
  const originals: OriginalEntry[] = [];
  const warnings: string[] = [];
  let attachmentFiles = 0;

  rows.forEach((row, i) => {
    const number = String(i + 1).padStart(4, '0');
    const attachmentRows = ctx.recordReader.attachmentsOf(row.id);
    const messageWarnings: string[] = [];
    if (recomputeRecordHash(row, attachmentRows.map(toNewAttachment)) !== row.record_hash) {
      messageWarnings.push('the stored record no longer matches its hash: it was altered after it was written');
    }
    const original = readBlob(ctx, row.raw_sha256, 'the original message', messageWarnings);
    const file = original ? `messages/${number}-${row.direction}.eml` : undefined;
    if (original && file) {
      originals.push({ path: file, sha256: sha256Hex(original), size: original.length });
      const copy = forSeller ? sellerCopy(ctx, seller.id, row, original, pair.buyerEmail, alias) : undefined;
      if (copy?.replaced) messageWarnings.push(WITHHELD_MESSAGE);
      else if (copy && copy.withheldParts.length > 0) messageWarnings.push(withheldParts(copy.withheldParts));
      files.push({ path: file, data: copy?.data ?? original });
    }

    const attachments: TranscriptAttachment[] = attachmentRows.map((a) => {
      const data = readAttachment(ctx, row.raw_sha256, a, messageWarnings);
      const entry: TranscriptAttachment = {
        filename: a.filename,
        declaredType: a.declared_type,
        size: a.size,
        removed: a.removed === 1,
        removedWhy: a.removed_why,
      };
      if (data) {
        const file = uniqueName(usedNames, `attachments/${number}-`, safeFileName(scrub(a.filename)));
        originals.push({ path: file, sha256: sha256Hex(data), size: data.length });
        const shown = forSeller ? sellerCopyOfAttachment(data, a.declared_type, pair.buyerEmail, scrub) : data;
        if (shown) {
          entry.file = file;
          files.push({ path: file, data: shown });
          attachmentFiles++;
        } else {
          entry.withheld = true;
        }
      }
      return entry;
    });

    warnings.push(...messageWarnings.map((w) => `message ${number}: ${w}`));
    const shown: TranscriptMessage = {
      number: i + 1,
      receivedAt: row.received_at,
      direction: row.direction,
      via: row.via,
      from: row.from_name ? `${row.from_name} <${row.envelope_from}>` : row.envelope_from,
      to: parseJson<string[]>(row.envelope_to, []),
      subject: row.subject,
      verdict: verdictOf(ctx, row),
      ...releaseOf(ctx, row),
      ...decisionSummary(row.decision),
      deliveries: ctx.outbox.forMessage(row.id).map((d) => ({
        kind: d.kind,
        state: d.state,
        deliveredAt: d.deliveredAt,
        lastError: d.lastError,
      })),
      file,
      text: row.text,
      attachments,
      warnings: messageWarnings,
    };
    transcript.push(forSeller ? scrubStrings(shown, show) : shown);
  });

  const meta = {
    seller: seller.id,
    alias,
    exportedAt: ctx.store.nowIso(),
    kind: opts.kind,
    ...(forSeller ? { originals } : {}),
  };
  // The PDF states the hashes of the originals and attachments before it.
  const hashes = files.map((f) => ({ path: f.path, sha256: sha256Hex(f.data) }));
  files.push({
    path: TRANSCRIPT_PDF_FILE,
    data: renderTranscriptPdf({ ...meta, sellerName: seller.name, language: seller.language }, transcript, hashes),
  });
  // Listed last: it describes the files before it, and the manifest's head covers it.
  files.push({
    path: TRANSCRIPT_FILE,
    data: Buffer.from(renderTranscript({ ...meta, sellerName: seller.name }, transcript), 'utf8'),
  });
  const manifest = buildManifest(meta, files);

  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(opts.outDir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(opts.outDir, f.path), f.data, { flag: 'wx' });
  }
  // Written last, so an interrupted export has no manifest and does not verify.
  fs.writeFileSync(path.join(opts.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });

  return {
    kind: opts.kind,
    dir: opts.outDir,
    seller: seller.id,
    alias,
    messages: rows.length,
    attachments: attachmentFiles,
    files: files.length,
    head: manifest.head,
    warnings,
  };
}

const WITHHELD_MESSAGE =
  "the message itself is withheld from the seller's copy: it holds the buyer's real address in a form that cannot be " +
  'rewritten (R5); its text is above, the export for a dispute authority holds the original';
const withheldParts = (paths: string[]) =>
  `MIME part${paths.length > 1 ? 's' : ''} ${paths.join(', ')} withheld from the seller's copy: binary content ` +
  "holding the buyer's real address cannot be rewritten (R5); the export for a dispute authority holds the original";

/** The message as the seller saw it (R5): buyer mail through the relay's rewrite, then searched part by part. */
function sellerCopy(ctx: CoreContext, sellerId: string, row: MessageRow, raw: Buffer, buyer: string, alias: string) {
  const auth = parseJson<{ spf?: string; dkim?: string; dmarc?: string }>(row.auth, {});
  return sellerCopyOfMessage({
    raw,
    buyerAddress: buyer,
    aliasAddress: alias,
    forSeller:
      row.direction === 'buyer-to-seller'
        ? {
            buyerName: row.from_name,
            relayMessageId: row.relay_message_id,
            mapId: (id) => originalMessageId(ctx, sellerId, id),
            ownId: (id) => ctx.record.relayIdOf(id),
            authResults: `${ctx.domain}; spf=${auth.spf ?? 'none'}; dkim=${auth.dkim ?? 'none'}; dmarc=${auth.dmarc ?? 'none'}`,
          }
        : undefined,
  });
}

/** A text attachment with the address is rewritten; any other holding it is withheld (undefined): R5. */
function sellerCopyOfAttachment(
  data: Buffer,
  declaredType: string,
  buyer: string,
  scrub: (text: string) => string,
): Buffer | undefined {
  if (!bytesHoldAddress(data, buyer)) return data;
  if (!declaredType.toLowerCase().startsWith('text/')) return undefined;
  const rewritten = Buffer.from(scrub(data.toString('latin1')), 'latin1'); // the address is ASCII: exact in UTF-8 too
  return bytesHoldAddress(rewritten, buyer) ? undefined : rewritten;
}

/** Every string of a transcript entry (headers, texts, reasons, delivery errors, file names) through `show`. */
function scrubStrings<T>(value: T, show: (text: string) => string): T {
  if (typeof value === 'string') return show(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubStrings(v, show)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, show)])) as T;
  return value;
}

/** An export never mixes with other files: that would make "not listed" meaningless. */
function prepareEmptyDir(dir: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    // does not exist yet
  }
  if (stat && (!stat.isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new ParleyError('EEXISTS', `${dir} exists and is not an empty directory; choose a new one for the export`);
  }
  fs.mkdirSync(dir, { recursive: true });
}

/** The stored bytes, or undefined when the file is gone; a mismatch is exported but flagged. */
function readBlob(ctx: CoreContext, sha256: string, what: string, warnings: string[]): Buffer | undefined {
  const { blobs } = ctx.store;
  if (!blobs.has(sha256)) {
    warnings.push(`${what} (${sha256}) is missing from the store`);
    return undefined;
  }
  if (!blobs.verify(sha256))
    warnings.push(`${what} (${sha256}) was altered in the store: exported as found, its hash differs`);
  return blobs.get(sha256);
}

/** An attachment's decoded bytes, from its own blob or its range of the raw message's blob; flagged like readBlob. */
function readAttachment(ctx: CoreContext, rawSha256: string, a: AttachmentRow, warnings: string[]): Buffer | undefined {
  if (!rawPartOf(a)) return readBlob(ctx, a.sha256, `attachment "${a.filename}"`, warnings);
  const what = `attachment "${a.filename}" (${a.sha256}, inside the original message)`;
  let data: Buffer;
  try {
    data = attachmentBytes(ctx.store.blobs, rawSha256, a);
  } catch {
    warnings.push(`${what} is missing from the store`);
    return undefined;
  }
  if (sha256Hex(data) !== a.sha256)
    warnings.push(`${what} was altered in the store: exported as found, its hash differs`);
  return data;
}

function decisionSummary(json: string): { rules: string[]; reasons: string[] } {
  const decision = parseJson<{ rules?: unknown; reasons?: unknown }>(json, {});
  const rules = Array.isArray(decision.rules) ? decision.rules.filter((r): r is string => typeof r === 'string') : [];
  const reasons = Array.isArray(decision.reasons)
    ? decision.reasons
        .map((r: { rule?: string; message?: string }) =>
          r?.message ? `${r.rule ? `${r.rule}: ` : ''}${r.message}` : '',
        )
        .filter(Boolean)
    : [];
  return { rules, reasons };
}

function parseJson<T>(json: string | null, fallback: T): T {
  try {
    return json === null ? fallback : (JSON.parse(json) as T);
  } catch {
    return fallback;
  }
}

const MAX_NAME = 120; // characters: well inside every file system's 255-byte limit, even in UTF-8

/**
 * A name safe on Windows, macOS and Linux: no directories, no control or reserved characters,
 * no leading dot, bounded length with the extension kept (the sender chose the name).
 */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let clean = base
    .replace(/[\p{Cc}<>:"|?*]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!clean) clean = 'attachment';
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length > MAX_NAME) {
    const ext = path.extname(clean);
    const keep = ext.length > 0 && ext.length <= 10 ? Array.from(ext) : [];
    clean = chars.slice(0, MAX_NAME - keep.length).join('') + keep.join('');
  }
  return clean;
}

/** `prefix + name`, or with -2, -3… before the extension when two attachments share a name. */
function uniqueName(used: Set<string>, prefix: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = prefix + name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${prefix}${stem}-${n}${ext}`;
  used.add(candidate.toLowerCase()); // case-insensitive file systems would merge Invoice.pdf and invoice.pdf
  return candidate;
}
