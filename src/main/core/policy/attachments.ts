/**
 * R15: attachments go both ways, at most 10 MB each, of a few types only. An attachment that
 * breaks the rule is removed; the message itself still goes, with a note.
 */
import type { AttachmentAction, PolicyAttachment } from '../../../shared/domain.js';
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

export function formatSize(bytes: number): string {
  const MB = 1024 * 1024;
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function action(attachment: PolicyAttachment, sniffedType: SniffedType): AttachmentAction {
  const { filename, size } = attachment;
  const ext = extensionOf(filename);
  const allowed = ALLOWED_CONTENT[ext];
  const base = { filename, sniffedType, size, rule: 'R15' as const };
  const label = ext ? `.${ext}` : 'a file without an extension';

  // Checked in this order so the note names the most telling problem: a disallowed type says
  // it all, a disguised file matters more than its size.
  if (!allowed) {
    return { ...base, action: 'remove', problem: 'type-not-allowed', reason: `Removed ${filename}: ${label} is not an allowed attachment type (allowed: ${ALLOWED_LIST}). The message still goes.` };
  }
  if (!allowed.includes(sniffedType)) {
    return { ...base, action: 'remove', problem: 'content-mismatch', reason: `Removed ${filename}: it is named ${label} but its content is ${describe(sniffedType)}. The message still goes.` };
  }
  if (size > MAX_ATTACHMENT_BYTES) {
    return { ...base, action: 'remove', problem: 'too-large', reason: `Removed ${filename}: it is ${formatSize(size)}, more than the 10 MB allowed per attachment. The message still goes.` };
  }
  return { ...base, action: 'keep', reason: `Kept ${filename}: ${label}, ${formatSize(size)}, content matches.` };
}

function describe(type: SniffedType): string {
  switch (type) {
    case 'exe': return 'a Windows program';
    case 'elf': return 'a Linux program';
    case 'ole2': return 'an old Office document';
    case 'unknown': return 'not recognizable';
    case 'text': return 'plain text';
    default: return `a ${type.toUpperCase()} file`;
  }
}

/** R15 for each attachment, in order. Never blocks the message: the verdict is not its business. */
export function checkAttachments(attachments: readonly PolicyAttachment[]): AttachmentAction[] {
  return attachments.map((a) => action(a, sniff(a.head)));
}
