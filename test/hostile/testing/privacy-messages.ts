/**
 * Seeded messages with a real address planted in random header fields, parts, encodings and spellings (R5,
 * R6): the privacy property test rewrites each and counts what still names the address. Every planted form is one the
 * issue lists: plain and in any letter case, `<…>`, quoted, `key=value`, `{…}`, HTML entities (`&#64;`, `&#x40;`,
 * `&commat;`, every letter as an entity), percent escapes in links, quoted replies and signatures, text parts in
 * several charsets and transfer encodings (quoted-printable with soft breaks inside the address), two adjacent
 * encoded-words splitting it, file names (quoted, RFC 2231 with continuations, encoded-words), display names,
 * Autocrypt, X-Forwarded-For and User-Agent host names, References on the address's domain, attached messages. Binary
 * attachments may carry it too: those cannot be rewritten and must be reported instead.
 */
import { prng } from '../../support/prng.js';

export type Rng = () => number;

/** The privacy run's generator: a seeded PRNG, the same messages for a seed. */
export const rng: (seed: number) => Rng = prng;

const int = (r: Rng, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rng, list: readonly T[]): T => list[int(r, list.length)];
const chance = (r: Rng, p: number): boolean => r() < p;

const LOCAL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random address with dots, `+`, `_` and `-` in its local part and two or three domain labels. */
export function randomAddress(r: Rng): string {
  const word = (min: number, max: number): string =>
    Array.from({ length: min + int(r, max - min + 1) }, () => LOCAL_CHARS[int(r, LOCAL_CHARS.length)]).join('');
  const local = [word(2, 8), ...Array.from({ length: int(r, 3) }, () => pick(r, ['.', '+', '_', '-']) + word(1, 6))];
  const labels = Array.from({ length: 2 + int(r, 2) }, () => word(3, 8));
  return `${local.join('')}@${labels.join('.')}.${pick(r, ['example', 'test', 'invalid'])}`;
}

const WORDS = 'the mug arrived today but the handle is cracked could you send a new one please thanks regards'.split(
  ' ',
);
const filler = (r: Rng, n: number): string => Array.from({ length: n }, () => pick(r, WORDS)).join(' ');

const randomCase = (r: Rng, s: string): string =>
  [...s].map((c) => (chance(r, 0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
const hexEntity = (c: string): string => `&#x${c.charCodeAt(0).toString(16)};`;
const decEntity = (c: string): string => `&#${c.charCodeAt(0)};`;
const percent = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** The address in a plain-text spelling a reader shows as the address. */
function textForm(r: Rng, a: string): string {
  return pick(r, [
    () => a,
    () => a.toUpperCase(),
    () => randomCase(r, a),
    () => `<${a}>`,
    () => `"${a}"`,
    () => `'${a}'`,
    () => `email=${a}`,
    () => `{${a}}`,
    () => `mailto:${a}`,
    () => `(${a})`,
    () => `> ${a}`,
    () => `${a}.`,
  ])();
}

/** The address in an HTML spelling: a browser shows (or links) it as the address. */
function htmlForm(r: Rng, a: string): string {
  return pick(r, [
    () => a,
    () => a.replace('@', '&#64;'),
    () => a.replace('@', '&#x40;'),
    () => a.replace('@', '&#X0040;'),
    () => a.replace('@', '&commat;'),
    () => [...a].map((c) => (chance(r, 0.5) ? decEntity(c) : hexEntity(c))).join(''),
    () => `<a href="mailto:${a.replace('@', '%40')}">mail</a>`,
    () => `<a href="mailto:${[...a].map(percent).join('')}?subject=hi">mail</a>`,
    () => `<a href="mailto:${a}">${randomCase(r, a)}</a>`,
    () => `<span title="${a}">x</span>`,
  ])();
}

const b64 = (text: string, charset = 'utf8'): string => Buffer.from(text, charset as BufferEncoding).toString('base64');

/** Quoted-printable with random line lengths, so soft breaks fall anywhere, inside the address too. */
function qp(r: Rng, bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  const width = 10 + int(r, 60);
  for (const b of bytes) {
    if (b === 0x0a) {
      lines.push(line);
      line = '';
      continue;
    }
    const token =
      (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > width) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  }
  lines.push(line.replace(/ $/, '=20'));
  return lines.join('\n');
}

interface Part {
  head: string;
  body: string;
}

/** A text part of `type` with `content` in a random charset and transfer encoding. */
function textPart(r: Rng, type: string, content: string, extraHead = ''): Part {
  const charset = pick(r, ['utf-8', 'iso-8859-1', 'us-ascii', 'windows-1252', 'UTF-8']);
  const text = charset === 'us-ascii' ? content.replace(/[^\x20-\x7e\n]/g, '?') : content;
  const bytes = Buffer.from(text, charset.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1');
  const cte = pick(r, ['7bit', '8bit', 'quoted-printable', 'base64', 'none']);
  const head = `Content-Type: ${type}; charset="${charset}"\n${cte === 'none' ? '' : `Content-Transfer-Encoding: ${cte}\n`}${extraHead}`;
  if (cte === 'quoted-printable') return { head, body: qp(r, bytes) };
  if (cte === 'base64')
    return {
      head,
      body: bytes
        .toString('base64')
        .replace(/.{1,76}/g, '$&\n')
        .trimEnd(),
    };
  if ((cte === '7bit' || cte === 'none') && /[^\p{ASCII}]/u.test(text))
    return {
      head: `Content-Type: ${type}; charset="${charset}"\nContent-Transfer-Encoding: 8bit\n${extraHead}`,
      body: bytes.toString('latin1'),
    };
  return { head, body: bytes.toString('latin1') };
}

function plainBody(r: Rng, a: string): string {
  const lines = [`Hello, ${filler(r, 6)} Grüße`];
  for (let i = int(r, 4); i >= 0; i--) lines.push(`${filler(r, 3)} ${textForm(r, a)} ${filler(r, 2)}`);
  if (chance(r, 0.4)) lines.push('', `On Monday ${a} wrote:`, `> ${filler(r, 5)}`, `> write to ${textForm(r, a)}`);
  if (chance(r, 0.4)) lines.push('-- ', 'Jane', `Mail: ${a}`);
  return lines.join('\n');
}

function htmlBody(r: Rng, a: string): string {
  const items = Array.from({ length: 1 + int(r, 3) }, () => `<p>${filler(r, 4)} ${htmlForm(r, a)}</p>`);
  if (chance(r, 0.3)) items.push(`<blockquote>${randomCase(r, a)} wrote: ${filler(r, 3)}</blockquote>`);
  return `<html><body>${items.join('')}</body></html>`;
}

/** The file name of an attachment, named after the address in one of the header spellings. */
function fileNameHead(r: Rng, a: string, type: string): string {
  const name = `${pick(r, ['', 'scan-', 'Rechnung '])}${a}.${pick(r, ['pdf', 'txt', 'png'])}`;
  const encoded = (s: string): string => `=?UTF-8?B?${b64(s)}?=`;
  const rfc2231 = (s: string): string =>
    [...Buffer.from(s)]
      .map((b) =>
        /[A-Za-z0-9.]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase()}`,
      )
      .join('');
  return pick(r, [
    () => `Content-Type: ${type}; name="${name}"\nContent-Disposition: attachment; filename="${name}"\n`,
    () => `Content-Type: ${type}\nContent-Disposition: attachment; filename*=utf-8''${rfc2231(name)}\n`,
    () => {
      const cut = 1 + int(r, name.length - 2);
      return `Content-Type: ${type}\nContent-Disposition: attachment;\n filename*0*=utf-8''${rfc2231(name.slice(0, cut))};\n filename*1*=${rfc2231(name.slice(cut))}\n`;
    },
    () => `Content-Type: ${type}; name="${encoded(name)}"\nContent-Disposition: attachment\n`,
    () => `Content-Type: ${type}; name="=?UTF-8?Q?${name.replace('@', '=40')}?="\n`,
  ])();
}

export interface Planted {
  raw: Buffer;
  /** The display name of From as the relay reads it (buyer → seller). */
  displayName: string;
  /** Paths of binary parts whose content names the address (must be reported, cannot be rewritten). */
  binaryWithAddress: number;
}

function entity(r: Rng, a: string, depth: number): { parts: Part[]; binary: number } {
  const parts: Part[] = [];
  let binary = 0;
  parts.push(textPart(r, 'text/plain', plainBody(r, a)));
  if (chance(r, 0.6)) parts.push(textPart(r, 'text/html', htmlBody(r, a)));
  for (let i = int(r, 3); i > 0; i--) {
    const kind = pick(r, ['text', 'vcard', 'binary', 'binary-clean', 'message']);
    if (kind === 'text')
      parts.push(
        textPart(
          r,
          'text/plain',
          `note for ${textForm(r, a)}`,
          'Content-Disposition: attachment; filename="note.txt"\n',
        ),
      );
    else if (kind === 'vcard') parts.push(textPart(r, 'text/vcard', `BEGIN:VCARD\nEMAIL:${a}\nEND:VCARD`));
    else if (kind === 'binary' || kind === 'binary-clean') {
      const content = Buffer.concat([
        Buffer.from([0, 1, 2, 0xff]),
        Buffer.from(kind === 'binary' ? `owner ${a}` : 'none'),
      ]);
      if (kind === 'binary') binary++;
      parts.push({
        head: `${fileNameHead(r, a, 'application/octet-stream')}Content-Transfer-Encoding: base64\n`,
        body: content.toString('base64'),
      });
    } else if (depth === 0) {
      const inner = build(r, a, depth + 1, `From: ${a}\nSubject: ${textForm(r, a)}\n`);
      binary += inner.binary;
      parts.push({ head: 'Content-Type: message/rfc822\n', body: inner.text });
    }
  }
  return { parts, binary };
}

function multipart(r: Rng, type: string, parts: Part[]): Part {
  const boundary = `b${int(r, 1e9)}`;
  return {
    head: `Content-Type: multipart/${type}; boundary="${boundary}"\n`,
    body: `${parts.map((p) => `--${boundary}\n${p.head}\n${p.body}\n`).join('')}--${boundary}--\n`,
  };
}

function build(r: Rng, a: string, depth: number, head: string): { text: string; binary: number } {
  const { parts, binary } = entity(r, a, depth);
  const top =
    parts.length === 1 ? parts[0] : multipart(r, parts.length > 2 || chance(r, 0.5) ? 'mixed' : 'alternative', parts);
  return { text: `${head}MIME-Version: 1.0\n${top.head}\n${top.body}`, binary };
}

/** Header fields that name the address, or its domain, in the forms the issue lists. */
function plantedHeaders(r: Rng, a: string): string {
  const d = a.slice(a.indexOf('@') + 1);
  const split = 1 + int(r, a.length - 2);
  const all = [
    `Subject: ${filler(r, 2)} ${textForm(r, a)}`,
    `Subject: =?UTF-8?B?${b64(`Grüße ${a}`)}?=`,
    `Comments: =?UTF-8?Q?${a.slice(0, split).replace(/[@_=?]/g, (c) => percent(c).replace('%', '='))}?= =?UTF-8?B?${b64(a.slice(split))}?=`,
    `X-Customer: email=${randomCase(r, a)}; id=7`,
    `X-Meta: {${a}}`,
    `Organization: "${a}"`,
    `Keywords: ${a.toUpperCase()}`,
    `X-Original-To: ${a}`,
    `Reply-To: "${a}" <${a}>`,
    `Disposition-Notification-To: <${a}>`,
    `List-Unsubscribe: <mailto:${a.replace('@', '%40')}?subject=x>`,
    `Autocrypt: addr=${a}; prefer-encrypt=mutual; keydata=${b64(`key of ${a}`)}`,
    `X-Forwarded-For: 198.51.100.${int(r, 255)}, gw.${d}`,
    `User-Agent: Mutt/2.2 (pc${int(r, 99)}.${d})`,
    `In-Reply-To: <m${int(r, 1e6)}@${d}>`,
    `References: <a${int(r, 1e6)}@mail.${d}> <b${int(r, 1e6)}@${d}>`,
    `X-Raw: Grüße ${a}`,
    `Cc: "Jane (${a})" <${a}>`,
  ];
  return all.filter(() => chance(r, 0.4)).join('\n');
}

/** One message from `from` (whose address is planted everywhere) to `to`. */
export function plantedMessage(r: Rng, real: string, to: string): Planted {
  const displayName = chance(r, 0.3) ? real : chance(r, 0.5) ? `Jane (${real})` : 'Jane Buyer';
  const fromName = displayName === 'Jane Buyer' ? displayName : `"${displayName}"`;
  const extra = plantedHeaders(r, real);
  const head = `From: ${fromName} <${real}>\nTo: ${to}\nMessage-ID: <x${int(r, 1e9)}@${real.slice(real.indexOf('@') + 1)}>\n${extra ? `${extra}\n` : ''}`;
  const { text, binary } = build(r, real, 0, head);
  return { raw: Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1'), displayName, binaryWithAddress: binary };
}
