import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allParts, attachmentsOf, decodeBody, findPart, MAX_PARTS, walkMime } from './mime-tree.js';
import { NESTED } from './testing/samples.js';

const crlf = (text: string): Buffer => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
const lf = (text: string): Buffer => Buffer.from(text, 'latin1');

function expectConsistentOffsets(raw: Buffer): void {
  const tree = walkMime(raw);
  for (const part of allParts(tree)) {
    expect(part.headerStart).toBeLessThanOrEqual(part.headerEnd);
    expect(part.headerEnd).toBeLessThanOrEqual(part.bodyStart);
    expect(part.bodyStart).toBeLessThanOrEqual(part.bodyEnd);
    expect(part.bodyEnd).toBeLessThanOrEqual(part.end);
    expect(part.end).toBeLessThanOrEqual(raw.length);
    part.children.forEach((child, i) => {
      expect(child.headerStart).toBeGreaterThanOrEqual(part.bodyStart);
      expect(child.end).toBeLessThanOrEqual(part.bodyEnd);
      if (i > 0) expect(child.headerStart).toBeGreaterThan(part.children[i - 1].end);
    });
  }
}

describe('walkMime', () => {
  it.each([
    ['CRLF', crlf(NESTED)],
    ['LF', lf(NESTED)],
  ])('parses nested multipart/mixed > multipart/alternative + attachments (%s)', (_name, raw) => {
    const tree = walkMime(raw);
    expect(tree.path).toBe('');
    expect(tree.contentType).toBe('multipart/mixed');
    expect(allParts(tree).map((p) => `${p.path} ${p.contentType}`)).toEqual([
      ' multipart/mixed',
      '1 multipart/alternative',
      '1.1 text/plain',
      '1.2 text/html',
      '2 application/pdf',
      '3 image/png',
    ]);
    const text = findPart(tree, '1.1')!;
    expect(raw.subarray(text.bodyStart, text.bodyEnd).toString('latin1')).toBe('Hello');
    expect(text.params.charset).toBe('utf-8');
    const pdf = findPart(tree, '2')!;
    expect(pdf).toMatchObject({ filename: 'invoice.pdf', disposition: 'attachment', transferEncoding: 'base64' });
    expect(decodeBody(raw, pdf).toString('latin1')).toBe('%PDF-1.4\n');
    expectConsistentOffsets(raw);
  });

  it('lists attachments with fallback names, sizes and heads', () => {
    const raw = crlf(NESTED);
    const attachments = attachmentsOf(walkMime(raw));
    expect(attachments.map((a) => [a.filename, a.declaredType, a.size])).toEqual([
      ['invoice.pdf', 'application/pdf', 9],
      ['part-3.png', 'image/png', 8],
    ]);
    expect(attachments[1].head.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it.each([
    ['RFC 2231 with charset', `attachment; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf`, 'Rechnung März.pdf'],
    [
      'RFC 2231 continuations',
      `attachment; filename*0*=iso-8859-1''Gr%FC; filename*1="sse "; filename*2*=%2Etxt`,
      'Grüsse .txt',
    ],
    ['RFC 2231 beats the plain form', `attachment; filename="old.txt"; filename*=UTF-8''new.txt`, 'new.txt'],
    ['RFC 2047 in a quoted filename', 'attachment; filename="=?UTF-8?B?w6TDtsO8LnBkZg==?="', 'äöü.pdf'],
    ['raw UTF-8 bytes', Buffer.from('attachment; filename="Größe.pdf"', 'utf8').toString('latin1'), 'Größe.pdf'],
    ['unquoted with spaces', 'attachment; filename=my file.doc', 'my file.doc'],
    ['quoted with semicolon and escapes', 'attachment; filename="a;b \\"c\\".txt"', 'a;b "c".txt'],
  ])('decodes filenames: %s', (_name, disposition, filename) => {
    const raw = lf(`Content-Type: application/octet-stream\nContent-Disposition: ${disposition}\n\ndata`);
    expect(walkMime(raw).filename).toBe(filename);
  });

  it('falls back to the Content-Type name parameter', () => {
    const raw = lf('Content-Type: image/jpeg; name="photo.jpg"\n\n');
    expect(walkMime(raw).filename).toBe('photo.jpg');
  });

  it('treats message/rfc822 as one leaf', () => {
    const raw = lf(`Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

see attached
--b
Content-Type: message/rfc822

Content-Type: multipart/mixed; boundary=b2

--b2
Content-Type: application/x-msdownload; name=evil.exe

MZ
--b2--
--b--
`);
    const tree = walkMime(raw);
    expect(tree.children.map((c) => c.contentType)).toEqual(['text/plain', 'message/rfc822']);
    expect(tree.children[1].children).toEqual([]);
    expect(attachmentsOf(tree).map((a) => a.filename)).toEqual(['part-2.eml']);
  });

  it('defaults children of multipart/digest to message/rfc822', () => {
    const raw = lf('Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d--\n');
    expect(walkMime(raw).children[0].contentType).toBe('message/rfc822');
  });

  it('does not take a longer boundary that starts like ours for ours', () => {
    const raw = lf(
      'Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\none\n--abc\n\nstill one\n--ab  \n\ntwo\n--ab--\n',
    );
    const tree = walkMime(raw);
    expect(tree.children.map((c) => raw.subarray(c.bodyStart, c.bodyEnd).toString())).toEqual([
      'one\n--abc\n\nstill one',
      'two',
    ]);
  });

  it.each([
    ['missing boundary parameter', 'Content-Type: multipart/mixed\n\n--x\n\nbody\n'],
    ['no delimiter at all', 'Content-Type: multipart/mixed; boundary="ab"\n\nbody\n'],
    [
      'missing close delimiter',
      'Content-Type: multipart/mixed; boundary="1"\n\n--1\nContent-Type: text/plain\n\nhello\n--1\n',
    ],
    ['invalid content type', 'Content-Type: text\n\nbody'],
    ['empty input', ''],
    ['garbage', '\x00\xff--\n\n--\r\r\n;;;=="'],
    ['unterminated parameters', 'Content-Type: multipart/mixed; boundary="unterminated\n\n--unterminated\n'],
    [
      'boundary on the last line without line break',
      'Content-Type: multipart/mixed; boundary=z\n\n--z\nA: b\n\nx\n--z',
    ],
  ])('never throws: %s', (_name, text) => {
    const raw = lf(text);
    expect(() => walkMime(raw)).not.toThrow();
    expect(() => attachmentsOf(walkMime(raw))).not.toThrow();
    expectConsistentOffsets(raw);
  });

  it('gives a boundary line to the innermost multipart that uses it, as streaming readers do (R15)', () => {
    // A nested multipart reusing the outer boundary: read per multipart, evil.exe would sit in
    // an epilogue, invisible to policy, while mailparser shows it as an attachment.
    const raw = lf(`Content-Type: multipart/mixed; boundary=b

--b
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

hi
--b--
--b
Content-Type: application/x-msdownload; name=evil.exe

MZ
--b--
`);
    const tree = walkMime(raw);
    expect(allParts(tree).map((p) => `${p.path} ${p.contentType}`)).toEqual([
      ' multipart/mixed',
      '1 multipart/mixed',
      '1.1 text/plain',
      '2 application/x-msdownload',
    ]);
    expect(attachmentsOf(tree).map((a) => a.filename)).toEqual(['evil.exe']);
    expectConsistentOffsets(raw);
  });

  it('lets an outer boundary line end an inner multipart whose close line is missing', () => {
    const raw = lf(
      'Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n--i\n\ntext\n--o\nContent-Type: image/gif\n\nGIF\n--o--\n',
    );
    const tree = walkMime(raw);
    expect(allParts(tree).map((p) => p.path)).toEqual(['', '1', '1.1', '2']);
    const text = findPart(tree, '1.1')!;
    expect(raw.subarray(text.bodyStart, text.bodyEnd).toString()).toBe('text');
    expectConsistentOffsets(raw);
  });

  it('ignores boundary lines in the preamble and the epilogue', () => {
    const raw = lf(
      'Content-Type: multipart/mixed; boundary=b\n\n--c\npreamble\n--b\n\none\n--b--\n--b\nContent-Type: application/x-msdownload\n\nMZ\n',
    );
    const tree = walkMime(raw);
    expect(tree.children).toHaveLength(1);
    expect(attachmentsOf(tree)).toEqual([]);
  });

  it('stays linear on many lines that look like boundaries', () => {
    let text = 'Content-Type: multipart/mixed; boundary=' + 'x'.repeat(60) + '\n\n';
    text += ('--' + 'x'.repeat(59) + 'y\n').repeat(50_000);
    const started = performance.now();
    walkMime(lf(text));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('tolerates a missing close delimiter', () => {
    const raw = lf(
      'Content-Type: multipart/mixed; boundary="1"\n\n--1\nContent-Type: text/plain\n\nhello\n--1\nContent-Type: image/gif\n\nGIF89a',
    );
    const tree = walkMime(raw);
    expect(tree.children).toHaveLength(2);
    expect(raw.subarray(tree.children[1].bodyStart, tree.children[1].bodyEnd).toString()).toBe('GIF89a');
  });

  it('reports a multipart it cannot split as an attachment, so policy can remove it (R15)', () => {
    const attachments = attachmentsOf(walkMime(lf('Content-Type: multipart/mixed\n\n--x\n\nbody\n')));
    expect(attachments.map((a) => a.declaredType)).toEqual(['multipart/mixed']);
  });

  it('stays linear on deeply nested multiparts', () => {
    const depth = 2000;
    let text = '';
    for (let i = 0; i < depth; i++) text += `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n`;
    const raw = lf(text + 'Content-Type: text/plain\n\nx\n');
    const started = performance.now();
    expect(() => attachmentsOf(walkMime(raw))).not.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  // MIME fuzz: 14,500 tiny parts (1.4 MB) took the relay's pipeline over 5 s, linearly: 25 MB of them would
  // hold the event loop for a minute.
  const manyParts = (n: number): Buffer =>
    crlf(`Content-Type: multipart/mixed; boundary=m\n\n${'--m\nContent-Type: text/plain\n\nhello\n'.repeat(n)}--m--\n`);

  it(`does not split a message of more than ${MAX_PARTS} parts: one part of unknown content, removable (R15)`, () => {
    const raw = manyParts(200_000);
    const started = performance.now();
    const tree = walkMime(raw);
    expect(performance.now() - started).toBeLessThan(500);
    expect(tree.children).toEqual([]);
    expect(tree.unsplit).toBe(true);
    expect(attachmentsOf(tree).map((a) => [a.part.path, a.declaredType, a.size])).toEqual([
      ['1', 'multipart/mixed', raw.length - tree.bodyStart],
    ]);
  });

  it(`still splits a message of ${MAX_PARTS} parts`, () => {
    expect(walkMime(manyParts(MAX_PARTS)).children).toHaveLength(MAX_PARTS);
  });

  it('walks a 12 MB base64 attachment in well under a second and sizes it exactly', () => {
    const data = crypto.randomBytes(12 * 1024 * 1024);
    const base64 = (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
    const raw = Buffer.concat([
      crlf('Content-Type: multipart/mixed; boundary="big"\n\n--big\nContent-Type: text/plain\n\nsee attached\n--big\n'),
      crlf(
        'Content-Type: application/pdf\nContent-Disposition: attachment; filename=big.pdf\nContent-Transfer-Encoding: base64\n\n',
      ),
      Buffer.from(base64, 'latin1'),
      crlf('\n--big--\n'),
    ]);
    const started = performance.now();
    const [attachment] = attachmentsOf(walkMime(raw));
    const elapsed = performance.now() - started;
    expect(attachment.size).toBe(data.length);
    expect(attachment.head.equals(data.subarray(0, 512))).toBe(true);
    expect(elapsed).toBeLessThan(500);
    expect(decodeBody(raw, attachment.part).equals(data)).toBe(true);
  });

  it('decodes quoted-printable bodies and sizes them decoded', () => {
    const raw = lf(
      'Content-Type: text/plain; name=a.txt\nContent-Transfer-Encoding: Quoted-Printable\n\ncaf=C3=A9=\n!',
    );
    const [attachment] = attachmentsOf(walkMime(raw));
    expect(attachment.size).toBe(6);
    expect(decodeBody(raw, attachment.part).toString('utf8')).toBe('café!');
  });
});
