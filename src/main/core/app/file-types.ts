/**
 * Attachment types as the UI names them (R15): the sniffer's names turned into the contract's
 * ('text' → 'txt', 'ole2' → 'doc'), the MIME type an attachment is handed out with (by its
 * content, never a type a browser would run), and the composer's file check in words.
 */
import type { FileCheck } from '../../../shared/contract.js';
import type { Language } from '../../../shared/domain.js';
import { checkAttachments, extensionOf, formatSize, MAX_ATTACHMENT_BYTES } from '../policy/attachments.js';
import { sniff, type SniffedType } from '../policy/sniff.js';
import { BlobStore } from '../store/blobs.js';

export function sniffedLabel(type: string): string {
  return type === 'text' ? 'txt' : type === 'ole2' ? 'doc' : type;
}

const BY_CONTENT: Partial<Record<SniffedType, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ole2: 'application/msword',
  text: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  exe: 'application/octet-stream',
  elf: 'application/octet-stream',
};

// Declared types a browser would render as a document or run: never handed out as such.
const ACTIVE_TYPE = /html|xml|svg|javascript|ecmascript|x-sh|wasm/i;

/** The sniffed type when known, else the declared one (unless it is active content). */
export function contentTypeFor(sniffed: SniffedType, filename: string, declared: string): string {
  if (sniffed === 'zip' && extensionOf(filename) === 'docx') return BY_CONTENT.docx!;
  const known = BY_CONTENT[sniffed];
  if (known) return known;
  const clean = declared.trim().toLowerCase();
  return !clean || ACTIVE_TYPE.test(clean) ? 'application/octet-stream' : clean;
}

const ALLOWED = '.txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png';

const WORDS: Record<
  Language,
  Record<
    'too-large' | 'type-not-allowed' | 'content-mismatch',
    (f: { name: string; ext: string; size: string; content: string }) => string
  >
> = {
  en: {
    'too-large': (f) => `${f.name} is ${f.size}; attachments may be at most 10 MB each.`,
    'type-not-allowed': (f) =>
      `${f.ext ? `.${f.ext} files` : 'Files without an extension'} cannot be attached (allowed: ${ALLOWED}).`,
    'content-mismatch': (f) => `${f.name} is named .${f.ext} but its content is ${f.content}.`,
  },
  de: {
    'too-large': (f) => `${f.name} ist ${f.size} groß; Anhänge dürfen höchstens 10 MB groß sein.`,
    'type-not-allowed': (f) =>
      `${f.ext ? `.${f.ext}-Dateien` : 'Dateien ohne Endung'} können nicht angehängt werden (erlaubt: ${ALLOWED}).`,
    'content-mismatch': (f) => `${f.name} heißt .${f.ext}, enthält aber ${f.content}.`,
  },
};

const CONTENT_WORDS: Record<Language, (t: SniffedType) => string> = {
  en: (t) =>
    (
      ({
        exe: 'a Windows program',
        elf: 'a Linux program',
        unknown: 'nothing recognizable',
        text: 'plain text',
        ole2: 'an old Office document',
      }) as Record<string, string>
    )[t] ?? `a ${t.toUpperCase()} file`,
  de: (t) =>
    (
      ({
        exe: 'ein Windows-Programm',
        elf: 'ein Linux-Programm',
        unknown: 'nichts Erkennbares',
        text: 'reinen Text',
        ole2: 'ein altes Office-Dokument',
      }) as Record<string, string>
    )[t] ?? `eine ${t.toUpperCase()}-Datei`,
};

/**
 * R15 for a file the seller picked, dropped or pasted: by its content, not its name or the
 * type the browser guessed. An accepted file is stored content-addressed for the draft.
 */
export async function checkFile(
  blobs: BlobStore,
  input: { name: string; type: string; dataBase64: string },
  language: Language,
): Promise<FileCheck> {
  const bytes = Buffer.from(input.dataBase64.replace(/[\r\n]/g, ''), 'base64');
  const sniffed = sniff(bytes.subarray(0, 512));
  const [action] = checkAttachments([
    { filename: input.name, declaredType: input.type, size: bytes.length, head: bytes.subarray(0, 512) },
  ]);
  const base = {
    sha256: BlobStore.hash(bytes),
    name: input.name,
    size: bytes.length,
    sniffedType: sniffedLabel(sniffed),
  };
  if (action.action === 'keep' && bytes.length <= MAX_ATTACHMENT_BYTES) {
    await blobs.put(bytes); // durable, name included: the draft that names it may outlive a power cut
    return { ...base, ok: true, problem: null, reason: null, rule: null };
  }
  const problem = action.problem ?? 'too-large';
  const reason = WORDS[language][problem]({
    name: input.name,
    ext: extensionOf(input.name),
    size: formatSize(bytes.length),
    content: CONTENT_WORDS[language](sniffed),
  });
  return { ...base, ok: false, problem, reason, rule: 'R15' };
}
