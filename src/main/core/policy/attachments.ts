/**
 * R15: attachments go both ways, at most 10 MB each, of a few types only. An attachment that
 * breaks the rule is removed; the message itself still goes, with a note.
 */
import type { AttachmentAction, AttachmentProblem, Language, PolicyAttachment } from '../../../shared/domain.js';
import type { Reason } from './opt-out.js';
import { sniff } from './sniff.js';
import type { SniffedType } from './sniff.js';

/** Bytes; "10 MB" in the FAQ is read as binary megabytes (10 × 1024 × 1024), the larger reading. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The extensions of R15 and the content each must have. `.jpeg` and `.tif` are the same types
 * as the rule's `.jpg` and `.tiff` under their other common spelling. A `.docx` may sniff as
 * plain 'zip' because only the first zip entry is visible in the head (see sniff.ts).
 */
export const ALLOWED_CONTENT: Readonly<Record<string, readonly SniffedType[]>> = {
  txt: ['text'],
  pdf: ['pdf'],
  doc: ['ole2'],
  docx: ['docx', 'zip'],
  jpg: ['jpeg'],
  jpeg: ['jpeg'],
  gif: ['gif'],
  tiff: ['tiff'],
  tif: ['tiff'],
  bmp: ['bmp'],
  png: ['png'],
};

const ALLOWED_LIST = '.txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png';

/**
 * The last extension, lower case. Surrounding spaces are dropped because mail clients trim
 * them; a trailing dot is kept as "no extension", so "setup.exe." does not pass as anything.
 */
export function extensionOf(filename: string): string {
  const name = filename.trim();
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** "2.0 MB" / "2,0 MB", "12 KB": the size as the seller reads it, with the language's decimal mark. */
export function formatSize(bytes: number, language: Language = 'en'): string {
  const MB = 1024 * 1024;
  const text = bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return language === 'de' ? text.replace('.', ',') : text;
}

const CONTENT_WORDS: Record<Language, Partial<Record<string, string>>> = {
  en: {
    exe: 'a Windows program',
    elf: 'a Linux program',
    ole2: 'an old Office document',
    unknown: 'not recognizable',
    text: 'plain text',
  },
  de: {
    exe: 'ein Windows-Programm',
    elf: 'ein Linux-Programm',
    ole2: 'ein altes Office-Dokument',
    unknown: 'nichts Erkennbares',
    text: 'reinen Text',
  },
};

/** What a removed attachment turned out to be, as the object of "its content is …" / "enthält aber …". */
function describe(type: string, language: Language): string {
  return (
    CONTENT_WORDS[language][type] ??
    (language === 'de' ? `eine ${type.toUpperCase()}-Datei` : `a ${type.toUpperCase()} file`)
  );
}

type Facts = Pick<AttachmentAction, 'filename' | 'sniffedType' | 'size'>;

/** Why an attachment is removed, in words, without the file's name in front (that depends on where it is said). */
const WHY: Record<Language, Record<AttachmentProblem, (a: Facts, ext: string) => string>> = {
  en: {
    'type-not-allowed': (_a, ext) =>
      `${ext ? `.${ext}` : 'a file without an extension'} is not an allowed attachment type (allowed: ${ALLOWED_LIST})`,
    'content-mismatch': (a, ext) => `it is named .${ext} but its content is ${describe(a.sniffedType, 'en')}`,
    'too-large': (a) => `it is ${formatSize(a.size)}, more than the 10 MB allowed per attachment`,
  },
  de: {
    'type-not-allowed': (_a, ext) =>
      `${ext ? `.${ext}-Dateien` : 'Dateien ohne Endung'} sind als Anhang nicht erlaubt; erlaubt sind ${ALLOWED_LIST}`,
    'content-mismatch': (a, ext) => `Die Datei heißt .${ext}, enthält aber ${describe(a.sniffedType, 'de')}`,
    'too-large': (a) => `Die Datei ist ${formatSize(a.size, 'de')} groß; Anhänge dürfen höchstens 10 MB groß sein`,
  },
};

/** The short name of each problem, for the list in the R15 reason (English keeps the codes). */
const PROBLEM_WORDS: Record<Language, Record<AttachmentProblem, string>> = {
  en: { 'type-not-allowed': 'type-not-allowed', 'content-mismatch': 'content-mismatch', 'too-large': 'too-large' },
  de: {
    'type-not-allowed': 'Dateityp nicht erlaubt',
    'content-mismatch': 'Inhalt passt nicht zum Namen',
    'too-large': 'größer als 10 MB',
  },
};

const REMOVED: Record<Language, (filename: string, why: string) => string> = {
  en: (filename, why) => `Removed ${filename}: ${why}. The message still goes.`,
  de: (filename, why) => `„${filename}“ wurde entfernt: ${why}. Die Nachricht selbst wird trotzdem zugestellt.`,
};

const KEPT: Record<Language, (filename: string, ext: string, size: string) => string> = {
  en: (filename, ext, size) => `Kept ${filename}: .${ext}, ${size}, content matches.`,
  de: (filename, ext, size) => `„${filename}“ bleibt: .${ext}, ${size}, der Inhalt passt zum Namen.`,
};

function action(attachment: PolicyAttachment, sniffedType: SniffedType, language: Language): AttachmentAction {
  const { filename, size } = attachment;
  const ext = extensionOf(filename);
  const allowed = ALLOWED_CONTENT[ext];
  const base = { filename, sniffedType, size, rule: 'R15' as const };
  const remove = (problem: AttachmentProblem): AttachmentAction => ({
    ...base,
    action: 'remove',
    problem,
    reason: REMOVED[language](filename, WHY[language][problem](base, ext)),
  });

  // Checked in this order so the note names the most telling problem: a disallowed type says
  // it all, a disguised file matters more than its size.
  if (!allowed) return remove('type-not-allowed');
  if (!allowed.includes(sniffedType)) return remove('content-mismatch');
  if (size > MAX_ATTACHMENT_BYTES) return remove('too-large');
  return { ...base, action: 'keep', reason: KEPT[language](filename, ext, formatSize(size, language)) };
}

/**
 * R15 for each attachment, in order, with each reason in the seller's language (English when
 * not given). Never blocks the message: the verdict is not its business.
 */
export function checkAttachments(
  attachments: readonly PolicyAttachment[],
  language: Language = 'en',
): AttachmentAction[] {
  return attachments.map((a) => action(a, sniff(a.head), language));
}

const NOTE: Record<Language, (filename: string, why: string) => string> = {
  en: (filename, why) => `The attachment "${filename}" was removed by the marketplace: ${why} (R15).`,
  de: (filename, why) => `Der Anhang „${filename}“ wurde vom Marktplatz entfernt: ${why} (R15).`,
};

// Characters of a file name in a note or a reason: a hostile name of megabytes made the note as long, and encoding it
// cost the relay seconds (found by MIME fuzzing). The start and the end are kept, so the extension still shows.
const MAX_SHOWN_NAME = 200;

/** A name as the note and the reason show it: at most MAX_SHOWN_NAME characters, "…" in the middle. */
export function shownName(name: string): string {
  if (name.length <= MAX_SHOWN_NAME) return name;
  const half = Math.floor((MAX_SHOWN_NAME - 1) / 2);
  return `${name.slice(0, half)}…${name.slice(name.length - half)}`;
}

/**
 * The note that takes a removed attachment's place in the delivered message, in the language
 * of the seller's marketplace (its buyers read it too).
 */
export function removalNote(removed: AttachmentAction, language: Language): string {
  const why = removed.problem
    ? WHY[language][removed.problem](removed, shownName(extensionOf(removed.filename)))
    : language === 'de'
      ? 'Er ist nicht erlaubt'
      : 'it is not allowed';
  return NOTE[language](shownName(removed.filename), why);
}

/** The R15 reason of a Decision that removes attachments: which ones and why, in the seller's language. */
export function attachmentsRemovedReason(removed: readonly AttachmentAction[], language: Language = 'en'): Reason {
  const list = removed
    .map((a) => `${shownName(a.filename)} (${a.problem ? PROBLEM_WORDS[language][a.problem] : '?'})`)
    .join(', ');
  const one = removed.length === 1;
  const message =
    language === 'de'
      ? `${one ? 'Ein Anhang wird' : `${removed.length} Anhänge werden`} entfernt: ${list}. Die Nachricht selbst wird trotzdem zugestellt, ` +
        `mit einem Hinweis, dass ${one ? 'er entfernt wurde' : 'sie entfernt wurden'}.`
      : `${one ? 'One attachment is' : `${removed.length} attachments are`} removed: ${list}. The message itself still goes, ` +
        `with a note that ${one ? 'it was' : 'they were'} removed.`;
  const params = { count: removed.length, names: removed.map((a) => shownName(a.filename)).join(', ') };
  return { rule: 'R15', code: 'attachment-removed', message, params };
}
