import { describe, expect, it } from 'vitest';
import { checkAttachments, extensionOf, MAX_ATTACHMENT_BYTES } from './attachments.js';
import { attachment, HEADS } from './fixtures.js';

const MB = 1024 * 1024;

// R15: at most 10 MB, allowed types only, content must match the name; removal never blocks.
describe('checkAttachments (R15)', () => {
  it.each([
    // filename, head, size, action, problem, sniffedType
    ['invoice.pdf', HEADS.pdf, 2 * MB, 'keep', undefined, 'pdf'],
    ['photo.png', HEADS.png, 1 * MB, 'keep', undefined, 'png'],
    ['photo.jpg', HEADS.jpeg, 1 * MB, 'keep', undefined, 'jpeg'],
    ['photo.JPEG', HEADS.jpeg, 1 * MB, 'keep', undefined, 'jpeg'],
    ['anim.gif', HEADS.gif, 1 * MB, 'keep', undefined, 'gif'],
    ['scan.tif', HEADS.tiffLittle, 1 * MB, 'keep', undefined, 'tiff'],
    ['scan.tiff', HEADS.tiffBig, 1 * MB, 'keep', undefined, 'tiff'],
    ['image.bmp', HEADS.bmp, 1 * MB, 'keep', undefined, 'bmp'],
    ['letter.docx', HEADS.docx, 1 * MB, 'keep', undefined, 'docx'],
    ['letter.docx', HEADS.docxRelsFirst, 1 * MB, 'keep', undefined, 'zip'],
    ['letter.doc', HEADS.ole2, 1 * MB, 'keep', undefined, 'ole2'],
    ['notes.txt', HEADS.text, 10 * 1024, 'keep', undefined, 'text'],
    ['exactly-10mb.pdf', HEADS.pdf, MAX_ATTACHMENT_BYTES, 'keep', undefined, 'pdf'],
    ['big.pdf', HEADS.pdf, 11 * MB, 'remove', 'too-large', 'pdf'],
    ['one-byte-over.pdf', HEADS.pdf, MAX_ATTACHMENT_BYTES + 1, 'remove', 'too-large', 'pdf'],
    ['setup.exe', HEADS.exe, 1 * MB, 'remove', 'type-not-allowed', 'exe'],
    ['invoice.pdf', HEADS.exe, 1 * MB, 'remove', 'content-mismatch', 'exe'],
    ['invoice.pdf.exe', HEADS.exe, 1 * MB, 'remove', 'type-not-allowed', 'exe'],
    ['photos.zip', HEADS.zip, 1 * MB, 'remove', 'type-not-allowed', 'zip'],
    ['README', HEADS.text, 1024, 'remove', 'type-not-allowed', 'text'],
    ['notes.txt', HEADS.elf, 1024, 'remove', 'content-mismatch', 'elf'],
    ['letter.doc', HEADS.docx, 1 * MB, 'remove', 'content-mismatch', 'docx'],
    ['photo.png', HEADS.jpeg, 1 * MB, 'remove', 'content-mismatch', 'jpeg'],
  ] as const)('%s (%s) → %s %s', (filename, head, size, action, problem, sniffedType) => {
    const [result] = checkAttachments([attachment(filename, head, size)]);
    expect(result).toMatchObject({ filename, action, sniffedType, size, rule: 'R15' });
    expect(result.problem).toBe(problem);
  });

  it('explains a removal in plain words', () => {
    const [result] = checkAttachments([attachment('invoice.pdf', HEADS.exe)]);
    expect(result.reason).toBe('Removed invoice.pdf: it is named .pdf but its content is a Windows program. The message still goes.');
    const [big] = checkAttachments([attachment('big.pdf', HEADS.pdf, 11 * MB)]);
    expect(big.reason).toBe('Removed big.pdf: it is 11.0 MB, more than the 10 MB allowed per attachment. The message still goes.');
  });

  it('keeps the order of attachments', () => {
    const results = checkAttachments([attachment('a.exe', HEADS.exe), attachment('b.png', HEADS.png)]);
    expect(results.map((r) => [r.filename, r.action])).toEqual([['a.exe', 'remove'], ['b.png', 'keep']]);
  });
});

describe('extensionOf', () => {
  it.each([
    ['Photo.JPG', 'jpg'],
    [' letter.docx ', 'docx'],
    ['archive.tar.gz', 'gz'],
    ['setup.exe.', ''],
    ['noextension', ''],
  ])('%s → %s', (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
});
