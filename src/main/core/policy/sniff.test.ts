import { describe, expect, it } from 'vitest';
import { HEADS } from './fixtures.js';
import { sniff } from './sniff.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// R15: the content decides, not the name.
describe('sniff', () => {
  it.each([
    ['pdf', HEADS.pdf, 'pdf'],
    ['png', HEADS.png, 'png'],
    ['jpeg', HEADS.jpeg, 'jpeg'],
    ['gif', HEADS.gif, 'gif'],
    ['tiff II*\\0', HEADS.tiffLittle, 'tiff'],
    ['tiff MM\\0*', HEADS.tiffBig, 'tiff'],
    ['bmp', HEADS.bmp, 'bmp'],
    ['ole2 (.doc)', HEADS.ole2, 'ole2'],
    ['zip with [Content_Types].xml first', HEADS.docx, 'docx'],
    ['zip with word/ first', HEADS.docxWordFirst, 'docx'],
    ['zip with _rels/.rels first', HEADS.docxRelsFirst, 'zip'],
    ['plain zip', HEADS.zip, 'zip'],
    ['empty zip', Uint8Array.from([0x50, 0x4b, 0x05, 0x06, 0, 0]), 'zip'],
    ['exe (MZ)', HEADS.exe, 'exe'],
    ['elf', HEADS.elf, 'elf'],
    ['ascii text', utf8('Hello\tworld\r\nsecond line\f'), 'text'],
    ['utf-8 text with umlauts', HEADS.text, 'text'],
    ['utf-8 cut inside a character', utf8('Größe').subarray(0, 3), 'text'],
    ['utf-16 text with BOM', Uint8Array.from([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]), 'text'],
    ['text starting with BM', utf8('BMW spare parts list'), 'text'],
    ['text starting with MZ', utf8('MZ-7 order notes, please read'), 'text'],
    ['empty', new Uint8Array(0), 'text'],
    ['text with NUL', utf8('abc\0def'), 'unknown'],
    ['text with ESC', utf8('abc\x1bdef'), 'unknown'],
    ['invalid utf-8', Uint8Array.from([0x41, 0xc3, 0x28, 0x41]), 'unknown'],
    ['random binary', HEADS.binary, 'unknown'],
  ])('%s → %s', (_name, head, expected) => {
    expect(sniff(head)).toBe(expected);
  });
});
