import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.js';
import { parseFields, splitMessage } from './header-block.js';
import { allParts, attachmentsOf, decodeBody, findPart, walkMime } from './mime-tree.js';
import { NESTED } from './testing/samples.js';
import { removeParts, unwrapFirstPartBody, wrapWithFooter } from './part-surgery.js';

const crlf = (text: string): Buffer => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
const lf = (text: string): Buffer => Buffer.from(text, 'latin1');
const note = (part: { filename?: string }): string =>
  `The attachment "${part.filename}" was removed: type not allowed (R15).`;

describe('removeParts', () => {
  it.each([
    ['CRLF', crlf(NESTED)],
    ['LF', lf(NESTED)],
  ])('replaces one part with a note and keeps every other byte (%s)', (_name, raw) => {
    const pdf = findPart(walkMime(raw), '2')!;
    const out = removeParts(raw, ['2'], note);
    // Everything before the part's headers and after its body is the same bytes.
    expect(out.subarray(0, pdf.headerStart).equals(raw.subarray(0, pdf.headerStart))).toBe(true);
    const tail = raw.subarray(pdf.bodyEnd);
    expect(out.subarray(out.length - tail.length).equals(tail)).toBe(true);
    const tree = walkMime(out);
    const replaced = findPart(tree, '2')!;
    expect(replaced.contentType).toBe('text/plain');
    expect(replaced.params.charset).toBe('utf-8');
    expect(decodeBody(out, replaced).toString('utf8')).toBe(
      'The attachment "invoice.pdf" was removed: type not allowed (R15).',
    );
    expect(attachmentsOf(tree).map((a) => a.filename)).toEqual(['part-3.png']);
  });

  it('removes several parts, a nested one inside a removed one going with it', () => {
    const raw = crlf(NESTED);
    const out = removeParts(raw, ['3', '1', '1.2'], () => 'removed');
    const tree = walkMime(out);
    expect(allParts(tree).map((p) => `${p.path} ${p.contentType}`)).toEqual([
      ' multipart/mixed',
      '1 text/plain',
      '2 application/pdf',
      '3 text/plain',
    ]);
  });

  // MIME fuzz removed thousands of parts at once; the nested ones are now found in one pass over the
  // parts in message order (and walkMime splits at most MAX_PARTS).
  it('removes hundreds of multiparts with their nested parts, each replaced by one note', () => {
    const inner = (i: number) =>
      `--o\r\nContent-Type: multipart/mixed; boundary=i${i}\r\n\r\n` +
      `--i${i}\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\nx\r\n` +
      `--i${i}\r\nContent-Type: image/png; name=b.png\r\n\r\ny\r\n--i${i}--\r\n`;
    const body = Array.from({ length: 300 }, (_, i) => inner(i)).join('');
    const raw = Buffer.from(`Content-Type: multipart/mixed; boundary=o\r\n\r\n${body}--o--\r\n`, 'latin1');
    const paths = allParts(walkMime(raw))
      .map((p) => p.path)
      .filter((p) => p !== '');
    expect(paths).toHaveLength(900);
    const out = walkMime(removeParts(raw, paths, (p) => `removed ${p.path}`));
    expect(out.children.map((p) => `${p.contentType} ${decodeBody(out.raw, p).toString('latin1')}`)).toEqual(
      Array.from({ length: 300 }, (_, i) => `text/plain removed ${i + 1}`),
    );
  });

  it('encodes a non-ASCII note as quoted-printable and a boundary-like one as base64', () => {
    const raw = crlf(NESTED);
    const umlaut = walkMime(removeParts(raw, ['2'], () => 'Der Anhang „Rechnung.pdf“ wurde entfernt.'));
    expect(findPart(umlaut, '2')!.transferEncoding).toBe('quoted-printable');
    expect(decodeBody(umlaut.raw, findPart(umlaut, '2')!).toString('utf8')).toBe(
      'Der Anhang „Rechnung.pdf“ wurde entfernt.',
    );
    const sneaky = walkMime(removeParts(raw, ['2'], () => 'x\n--outer--\ny'));
    expect(findPart(sneaky, '2')!.transferEncoding).toBe('base64');
    expect(sneaky.children).toHaveLength(3);
  });

  it('rewrites only Content-* fields of a single-part attachment message', () => {
    const raw = crlf(
      'From: a@b.c\nSubject: file\nContent-Type: application/x-msdownload; name="setup.exe"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="setup.exe"\nX-After: kept\n\nTVqQAAMAAAAEAAAA\n',
    );
    const out = removeParts(raw, ['1'], note);
    const fields = parseFields(splitMessage(out).header);
    expect(fields.map((f) => f.raw.toString('latin1'))).toEqual([
      'From: a@b.c\r\n',
      'Subject: file\r\n',
      'Content-Type: text/plain; charset=utf-8\r\n',
      'Content-Transfer-Encoding: 7bit\r\n',
      'Content-Disposition: inline\r\n',
      'X-After: kept\r\n',
    ]);
    expect(splitMessage(out).body.toString()).toBe(
      'The attachment "setup.exe" was removed: type not allowed (R15).\r\n',
    );
  });

  it('refuses an unknown path or the multipart root', () => {
    const raw = crlf(NESTED);
    for (const path of ['9', '']) {
      try {
        removeParts(raw, [path], note);
        expect.unreachable();
      } catch (err) {
        expect(isParleyError(err) && err.code).toBe('EBADINPUT');
      }
    }
  });
});

describe('wrapWithFooter', () => {
  const footer = {
    text: 'Report this message: mailto:report+abc@relay.test\nNo response needed: mailto:nrn+abc@relay.test',
  };

  it('wraps the original entity untouched as the first part', () => {
    const raw = crlf(NESTED);
    const out = wrapWithFooter(raw, footer);
    expect(unwrapFirstPartBody(out).equals(splitMessage(raw).body)).toBe(true);
    const tree = walkMime(out);
    expect(tree.contentType).toBe('multipart/mixed');
    expect(tree.children.map((c) => c.contentType)).toEqual(['multipart/mixed', 'text/plain']);
    expect(allParts(tree.children[0]).map((p) => p.contentType)).toEqual([
      'multipart/mixed',
      'multipart/alternative',
      'text/plain',
      'text/html',
      'application/pdf',
      'image/png',
    ]);
    expect(decodeBody(out, tree.children[1]).toString('utf8')).toBe(footer.text.replace('\n', '\r\n'));
  });

  it('keeps non-Content-* top-level fields in their bytes and order', () => {
    const raw = crlf(
      'Received: x\n\ty\nFrom: a@b.c\nContent-Type: text/plain; charset=iso-8859-1\nSubject: s\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\n\ncaf\xe9\n',
    );
    const out = wrapWithFooter(raw, footer);
    const top = parseFields(splitMessage(out).header);
    expect(top.map((f) => f.name)).toEqual([
      'Received',
      'From',
      'Subject',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
    ]);
    expect(top[0].raw.toString('latin1')).toBe('Received: x\r\n\ty\r\n');
    expect(top[5].value).toBe('8bit');
    const first = walkMime(out).children[0];
    expect(first.fields.map((f) => f.name)).toEqual(['Content-Type', 'Content-Transfer-Encoding']);
    expect(first.params.charset).toBe('iso-8859-1');
    expect(unwrapFirstPartBody(out).toString('latin1')).toBe('caf\xe9\r\n');
  });

  it('adds a multipart/alternative footer when HTML is given (R14)', () => {
    const out = wrapWithFooter(lf('Subject: s\n\nhello\n'), {
      ...footer,
      html: '<p><a href="mailto:report+abc@relay.test">Report</a></p>',
    });
    const tree = walkMime(out);
    expect(tree.children[1].contentType).toBe('multipart/alternative');
    expect(tree.children[1].children.map((c) => c.contentType)).toEqual(['text/plain', 'text/html']);
    expect(unwrapFirstPartBody(out).toString()).toBe('hello\n');
  });

  it.each([
    ['no body', lf('Subject: s\n')],
    ['no header', lf('\nbody')],
    ['body ending in a bare CR', lf('Subject: s\n\nbody\r')],
    ['no final line break', lf('Subject: s\n\nbody')],
    ['no line break at all', lf('Subject: s')],
  ])('keeps the body exact with %s', (_name, raw) => {
    expect(unwrapFirstPartBody(wrapWithFooter(raw, footer)).equals(splitMessage(raw).body)).toBe(true);
  });

  it('chooses a boundary that does not occur in the message', () => {
    const out = wrapWithFooter(lf('Subject: s\n\n--parley-\n'), footer);
    const boundary = walkMime(out).params.boundary;
    expect(boundary).toMatch(/^parley-[a-z0-9]{24}$/);
    // Content-Type, two delimiters, the close delimiter: nowhere else.
    expect(out.toString('latin1').split(boundary).length - 1).toBe(4);
  });

  it('gives the footer its own boundary, absent from the message, that no boundary line of the other starts', () => {
    const raw = lf('Subject: s\n\n--alt-\n--parley-\nhello\n');
    const out = wrapWithFooter(raw, { text: 'words', html: '<p>words</p>' });
    const tree = walkMime(out);
    const outer = tree.params.boundary;
    const inner = tree.children[1].params.boundary;
    expect(inner).toMatch(/^alt-[a-z0-9]{24}$/);
    expect(inner).not.toBe(outer);
    for (const b of [outer, inner]) expect(raw.includes(b)).toBe(false);
    expect(`--${inner}`.startsWith(`--${outer}`) || `--${outer}`.startsWith(`--${inner}`)).toBe(false);
    expect(out.toString('latin1').split(inner).length - 1).toBe(4);
    expect(tree.children[1].children.map((c) => c.contentType)).toEqual(['text/plain', 'text/html']);
    expect(unwrapFirstPartBody(out).equals(splitMessage(raw).body)).toBe(true);
  });
});
