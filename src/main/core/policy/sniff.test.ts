import { describe, expect, it } from 'vitest';
import { HEADS } from './testing/messages.js';
import { sniff } from './sniff.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** ISO-8859-1: one byte per character, as a German Windows editor saves it. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
/** Windows-1252: Latin-1 plus these characters at 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay undefined). */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
const cp1252 = (s: string): Uint8Array =>
  Uint8Array.from(
    [...s].map((c) => {
      const b = CP1252_HIGH[c] ?? c.charCodeAt(0);
      if (b > 0xff || (b >= 0x80 && b <= 0x9f && CP1252_HIGH[c] === undefined))
        throw new Error(`${c} is not in Windows-1252`);
      return b;
    }),
  );
/** Deterministic noise (a linear congruential generator), like the inside of a compressed file. */
function noise(length: number, seed = 1): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
}

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
    ['random binary', HEADS.binary, 'unknown'],
  ])('%s → %s', (_name, head, expected) => {
    expect(sniff(head)).toBe(expected);
  });
});

// R15: a .txt from a German Windows PC is ISO-8859-1 or Windows-1252, not UTF-8, and still text.
describe('sniff: single-byte legacy text', () => {
  it('the test data really is what it claims', () => {
    expect([...latin1('Maße für Größe')]).toEqual([
      0x4d, 0x61, 0xdf, 0x65, 0x20, 0x66, 0xfc, 0x72, 0x20, 0x47, 0x72, 0xf6, 0xdf, 0x65,
    ]);
    expect([...cp1252('„€“')]).toEqual([0x84, 0x80, 0x93]);
  });

  it.each([
    [
      'Latin-1 German text',
      'text',
      latin1(
        'Sehr geehrte Damen und Herren,\r\nanbei die Maße für Größe L: 52 × 74 cm.\r\nMit freundlichen Grüßen\r\n',
      ),
    ],
    ['Latin-1 text that starts with ß', 'text', latin1('ßüöä')],
    ['Windows-1252 text with €, „ and “', 'text', cp1252('Preis: 49,90 € – Gravur „Für Oma“ … bitte bestätigen.\r\n')],
    ['Windows-1252 with every defined byte of 0x80–0x9F', 'text', cp1252('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')],
    [
      'Latin-1 text ending in a DOS end-of-file mark (Ctrl-Z)',
      'text',
      Uint8Array.from([...latin1('Größe 42\r\n'), 0x1a]),
    ],
    ['Latin-1 text starting with MZ', 'text', latin1('MZ-Größe: bitte prüfen')],
    ['Latin-1 text starting with BM', 'text', latin1('BMW Ersatzteile für Größe M')],
    [
      'ASCII with bytes invalid as UTF-8 reads as Windows-1252 ("AÃ(A")',
      'text',
      Uint8Array.from([0x41, 0xc3, 0x28, 0x41]),
    ],
    ['Latin-1 text with a NUL', 'unknown', Uint8Array.from([...latin1('Größe'), 0x00, ...latin1('Maße')])],
    ['Latin-1 text with a BEL', 'unknown', Uint8Array.from([...latin1('Größe'), 0x07])],
    ['Latin-1 text with DEL', 'unknown', Uint8Array.from([...latin1('Größe'), 0x7f])],
    ['Ctrl-Z before the end', 'unknown', Uint8Array.from([...latin1('Größe'), 0x1a, ...latin1('Maße')])],
    ['noise (no magic number)', 'unknown', noise(512)],
    ['a Windows program: MZ header and NULs', 'exe', HEADS.exe],
    ['a Linux program', 'elf', HEADS.elf],
    ['a PNG', 'png', HEADS.png],
  ])('%s → %s', (_name, expected, head) => {
    expect(sniff(head)).toBe(expected);
  });

  it.each([0x81, 0x8d, 0x8f, 0x90, 0x9d])('byte %#x, undefined in Windows-1252, makes it binary', (byte) => {
    expect(sniff(Uint8Array.from([...latin1('Maße für Größe '), byte, ...latin1(' cm')]))).toBe('unknown');
  });
});
