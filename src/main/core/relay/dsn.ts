/**
 * Reading a delivery status notification (RFC 3464) that reached a VERP return path. Anyone who has seen a return
 * path can send mail to it, so only a well-formed report counts: multipart/report with report-type=delivery-status, a
 * recipient whose Action is "failed" with a permanent 5.x.x Status, and returned headers (text/rfc822-headers or the
 * returned message) that name the message the relay sent. The report's free text is never used.
 */
import { parseFields, splitMessage } from '../mail/header-block.js';
import { parseMessageIds } from '../mail/message-ids.js';
import { decodeBody, walkMime, type MimePart } from '../mail/mime-tree.js';

export interface FailureReport {
  /** The permanent status code, e.g. "5.1.1". */
  status: string;
  /** The receiving server's Diagnostic-Code, one line, at most 300 characters: its words, not ours. */
  diagnostic: string | null;
}

// bytes: a report's status part and returned headers are small; more is not read.
const PART_LIMIT = 64 * 1024;
const DIAGNOSTIC_CHARS = 300;

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

/** The failure the report states about `relayMessageId`, or why it is not one. */
export function readFailureReport(raw: Buffer, relayMessageId: string): FailureReport | { ignored: string } {
  const tree = walkMime(raw);
  if (tree.contentType !== 'multipart/report' || tree.params['report-type']?.toLowerCase() !== 'delivery-status')
    return { ignored: 'not a delivery status notification (multipart/report; report-type=delivery-status)' };
  const statusPart = tree.children.find((p) => STATUS_TYPES.has(p.contentType));
  const returned = tree.children.find((p) => RETURNED_TYPES.has(p.contentType));
  if (!statusPart || !returned) return { ignored: 'the report lacks its status part or the returned headers' };
  if (!namesMessage(raw, returned, relayMessageId)) return { ignored: 'the returned headers name another message' };
  const failed = recipientBlocks(decodeBody(raw, statusPart, PART_LIMIT).toString('utf8')).find(
    (f) => f.get('action')?.toLowerCase() === 'failed' && /^5\.\d{1,3}\.\d{1,3}$/.test(f.get('status') ?? ''),
  );
  if (!failed) return { ignored: 'the report states no permanent failure' };
  return { status: failed.get('status')!, diagnostic: oneLine(failed.get('diagnostic-code')) };
}

function namesMessage(raw: Buffer, part: MimePart, relayMessageId: string): boolean {
  const returned = decodeBody(raw, part, PART_LIMIT);
  const { header } = splitMessage(returned);
  const field = parseFields(header).find((f) => f.lowerName === 'message-id');
  return field !== undefined && parseMessageIds(field.value)[0] === relayMessageId;
}

/** The per-recipient field groups of a status part (the first group is the per-message one). */
function recipientBlocks(text: string): Map<string, string>[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .slice(1)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return fields;
    });
}

function oneLine(value: string | undefined): string | null {
  if (!value) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  return clean.length > DIAGNOSTIC_CHARS ? `${clean.slice(0, DIAGNOSTIC_CHARS)}…` : clean;
}
