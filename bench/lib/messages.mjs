// Messages and size profiles. Every message is unique (Message-ID, subject, and for attachments
// 18 random bytes in the encoded content), so Parley's content-addressed blob store cannot
// deduplicate them.
import crypto from 'node:crypto';
import { DOMAIN, SELLER } from './constants.mjs';

const CRLF = '\r\n';
const WORDS = (
  'order package delivery address please could you tell me when the parcel will arrive thank you very much ' +
  'I ordered last week and have not received tracking number yet is it possible to change colour size engraving ' +
  'the item was damaged box arrived opened would like to know whether this fits my model invoice needed for my ' +
  'company kind regards best wishes hello again question about shipping cost to another country weekend delivery'
).split(' ');

/** xorshift32: seeded, so the text bodies are the same on every run. */
function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Plain text of about `bytes` bytes, CRLF lines under 76 chars, no line starting with a dot. */
function text(bytes, seed) {
  const rnd = prng(seed);
  const lines = [];
  let size = 0;
  let line = 'Hello,';
  while (size < bytes) {
    const w = WORDS[Math.floor(rnd() * WORDS.length)];
    if (line.length + w.length + 1 > 72) {
      lines.push(line);
      size += line.length + 2;
      line = w;
    } else {
      line = line ? `${line} ${w}` : w;
    }
  }
  return lines.join(CRLF) + CRLF;
}

function base64Lines(buf) {
  const b64 = buf.toString('base64');
  const out = [];
  for (let i = 0; i < b64.length; i += 76) out.push(b64.slice(i, i + 76));
  return out.join(CRLF) + CRLF;
}

// Real magic bytes, so content sniffing sees the type the headers claim.
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PDF_HEAD = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1');

/**
 * A body template: everything after the per-message header lines. `patchAt` is the offset (in
 * the body) of 24 base64 characters that are replaced per message (the second line of the
 * attachment's base64, so the magic bytes in the first line stay as they are).
 */
function bodyTemplate(kind, totalBytes) {
  const headerEstimate = 420;
  if (kind === 'text') {
    const body = text(totalBytes - headerEstimate, 7);
    return {
      kind,
      mime: 'Content-Type: text/plain; charset=utf-8' + CRLF + 'Content-Transfer-Encoding: 7bit',
      body: Buffer.from(body),
      patchAt: -1,
    };
  }
  const spec = {
    pdf: { head: PDF_HEAD, type: 'application/pdf', name: 'invoice.pdf' },
    png: { head: PNG_HEAD, type: 'image/png', name: 'photo.png' },
    jpeg: { head: JPEG_HEAD, type: 'image/jpeg', name: 'photo.jpg' },
  }[kind];
  const boundary = `----=_bench_${kind}_boundary`;
  const intro = text(1400, 11);
  const partHead = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    '',
  ].join(CRLF);
  const attHead = [
    `--${boundary}`,
    `Content-Type: ${spec.type}; name="${spec.name}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${spec.name}"`,
    '',
    '',
  ].join(CRLF);
  const tail = `--${boundary}--${CRLF}`;
  const fixed = headerEstimate + 100 + partHead.length + intro.length + attHead.length + tail.length;
  const b64Bytes = Math.max(200, totalBytes - fixed);
  const rawBytes = Math.floor((b64Bytes * 57) / 78);
  const content = Buffer.concat([spec.head, crypto.randomBytes(Math.max(0, rawBytes - spec.head.length))]);
  const encoded = base64Lines(content);
  const body = partHead + intro + attHead + encoded + tail;
  const patchAt = partHead.length + intro.length + attHead.length + 78; // second base64 line
  return {
    kind,
    mime: `MIME-Version: 1.0${CRLF}Content-Type: multipart/mixed; boundary="${boundary}"`,
    body: Buffer.from(body, 'latin1'),
    patchAt,
  };
}

/** Size profiles: `pick(i)` names the template of the i-th message. */
export function makeProfile(name) {
  const t = {
    text2k: bodyTemplate('text', 2048),
    pdf50k: bodyTemplate('pdf', 51200),
    png200k: bodyTemplate('png', 204800),
    jpeg200k: bodyTemplate('jpeg', 204800),
  };
  switch (name) {
    case '2KB':
      return { name, anchorBytes: 2048, describe: 'every message ~2 KB text/plain', pick: () => t.text2k };
    case '200KB-mix':
      // by message index mod 10: 0–4 text (50%), 5–7 PDF (30%), 8 PNG (10%), 9 JPEG (10%)
      return {
        name,
        // The anchor's like-for-like: smtp-source sends one size only, so the mix's mean (0.5·2 + 0.3·50 + 0.2·200 KB).
        anchorBytes: 57344,
        describe:
          '50% ~2 KB text/plain, 30% ~50 KB text + PDF attachment (%PDF- magic), 10% ~200 KB text + PNG, 10% ~200 KB text + JPEG (real magic bytes, random payload; nominal mean 56.2 KB)',
        pick: (i) =>
          [t.text2k, t.text2k, t.text2k, t.text2k, t.text2k, t.pdf50k, t.pdf50k, t.pdf50k, t.png200k, t.jpeg200k][
            i % 10
          ],
      };
    case '200KB':
      return {
        name,
        anchorBytes: 204800,
        describe: 'every message ~200 KB: text + PNG or JPEG attachment (alternating)',
        pick: (i) => (i % 2 ? t.jpeg200k : t.png200k),
      };
    default:
      throw new Error(`unknown profile "${name}" (2KB, 200KB-mix, 200KB)`);
  }
}

// Per process, so two runs never share a Message-ID.
const RUN_TAG = crypto.randomBytes(4).toString('hex');
const DATE_HEADER = new Date().toUTCString().replace('GMT', '+0000');

/** The i-th message from `buyer` (an index), as { from, raw }. */
export function buildMessage(profile, i, buyer, warm) {
  const tpl = profile.pick(i);
  const local = warm ? `warm${buyer}` : `buyer${buyer}`;
  const from = `${local}@buyers.example`;
  const header = [
    `From: ${warm ? 'Warm' : 'Buyer'} ${buyer} <${from}>`,
    `To: ${SELLER.name} <${SELLER.id}@${DOMAIN}>`,
    `Subject: Question about order ${100000 + buyer} (message ${i}${warm ? ' warm-up' : ''})`,
    `Date: ${DATE_HEADER}`,
    `Message-ID: <bench-${RUN_TAG}-${warm ? 'w' : 'm'}${i}@buyers.example>`,
    tpl.kind === 'text' ? 'MIME-Version: 1.0' : null,
    tpl.mime,
    '',
    '',
  ]
    .filter((l) => l !== null)
    .join(CRLF);
  const head = Buffer.from(header, 'latin1');
  const raw = Buffer.concat([head, tpl.body], head.length + tpl.body.length);
  if (tpl.patchAt >= 0) raw.write(crypto.randomBytes(18).toString('base64'), head.length + tpl.patchAt, 'latin1');
  return { from, raw };
}

/** The raw client does not dot-stuff, so a profile whose messages have a line starting with "." is refused. */
export function assertNoDotLines(profile) {
  for (let i = 0; i < 10; i++) {
    const { raw } = buildMessage(profile, i, 0, false);
    if (raw.includes('\n.'))
      throw new Error(`profile ${profile.name}: a message line starts with "." (the raw client does not dot-stuff)`);
  }
}
