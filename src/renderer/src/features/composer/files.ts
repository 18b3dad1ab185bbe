/**
 * Files dropped, picked or pasted into the composer: each one is read, sent to `files.check`
 * (the backend sniffs the content, R15) and either attached or refused with its own reason.
 * Oversized files are refused here without being read, so a 2 GB video does not travel.
 */
import type { DraftFile, FileCheck } from '../../../../shared/contract';
import type { RuleId } from '../../../../shared/domain';
import { failure } from '../../api/errors';
import { checkFileUpload } from './api';

/** R15: 10 MB each, read as binary megabytes like the relay (policy/attachments.ts). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The contract's limit on attachments per draft. */
export const MAX_ATTACHMENTS = 20;

export interface RefusedFile {
  key: string;
  name: string;
  /**
   * 'too-large' | 'type-not-allowed' | 'content-mismatch' from the backend; 'too-many' | 'unreadable' | 'check-failed'
   * here.
   */
  problem: string;
  /** The backend's words (already in the UI language); null for problems found here. */
  reason: string | null;
  rule: RuleId | null;
  size: number;
}

export type FileOutcome = { ok: true; file: DraftFile } | { ok: false; refused: RefusedFile };

let refusedSeq = 0;
const refusedKey = () => `refused-${++refusedSeq}`;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // bytes per String.fromCharCode call: well below engines' argument limits
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function readBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file);
  });
}

const MIME_BY_SNIFF: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  text: 'text/plain',
  txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ole2: 'application/msword',
  doc: 'application/msword',
};

/** A pasted clipboard image arrives as "image.png" or without a name at all. */
function nameOf(file: File, index: number): string {
  if (file.name) return file.name;
  const ext = file.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
  return `pasted-${index + 1}.${ext}`;
}

export async function checkFile(file: File, index: number): Promise<FileOutcome> {
  const name = nameOf(file, index);
  const refuse = (problem: string, reason: string | null, rule: RuleId | null): FileOutcome => ({
    ok: false,
    refused: { key: refusedKey(), name, problem, reason, rule, size: file.size },
  });
  if (file.size > MAX_ATTACHMENT_BYTES) return refuse('too-large', null, 'R15');
  let dataBase64: string;
  try {
    dataBase64 = toBase64(await readBytes(file));
  } catch {
    return refuse('unreadable', null, null);
  }
  let check: FileCheck;
  try {
    check = await checkFileUpload({ name, type: file.type, dataBase64 });
  } catch (error) {
    return refuse('check-failed', failure(error).message, null);
  }
  if (!check.ok) return refuse(check.problem ?? 'type-not-allowed', check.reason, check.rule ?? 'R15');
  const type = file.type || MIME_BY_SNIFF[check.sniffedType] || 'application/octet-stream';
  return { ok: true, file: { sha256: check.sha256, name: check.name || name, type, size: check.size } };
}

/** Refused because the draft already holds MAX_ATTACHMENTS files. */
export function tooMany(file: File, index: number): RefusedFile {
  return {
    key: refusedKey(),
    name: nameOf(file, index),
    problem: 'too-many',
    reason: null,
    rule: null,
    size: file.size,
  };
}
