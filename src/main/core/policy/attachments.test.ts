import { describe, expect, it } from 'vitest';
import {
  attachmentsRemovedReason,
  checkAttachments,
  extensionOf,
  formatSize,
  MAX_ATTACHMENT_BYTES,
  removalNote,
} from './attachments.js';
import { attachment, HEADS } from './testing/messages.js';

const MB = 1024 * 1024;

/** "Maße für Größe" as a German Windows editor saves it: ISO-8859-1, ß = 0xDF, ö = 0xF6, ü = 0xFC. */
const LATIN1_TEXT = Uint8Array.from(
  Buffer.from('Maße für Größe L: 52 × 74 cm\r\nMit freundlichen Grüßen\r\n', 'latin1'),
);
/** Windows-1252: "Preis 49,90 €, Gravur „Für Oma“" with € = 0x80, „ = 0x84, “ = 0x93. */
const CP1252_TEXT = Uint8Array.from([
  ...Buffer.from('Preis 49,90 ', 'latin1'),
  0x80,
  ...Buffer.from(', Gravur ', 'latin1'),
  0x84,
  ...Buffer.from('Für Oma', 'latin1'),
  0x93,
  0x0d,
  0x0a,
]);
/** Bytes with NULs and control characters and no magic number, like the inside of a compressed file. */
const NOISE = Uint8Array.from({ length: 512 }, (_v, i) => (i * 151 + 7) % 256);

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
    // A .txt in a legacy single-byte encoding is text; a program or noise named .txt is not.
    ['maße.txt', LATIN1_TEXT, 2048, 'keep', undefined, 'text'],
    ['preise.txt', CP1252_TEXT, 2048, 'keep', undefined, 'text'],
    ['readme.txt', HEADS.exe, 1 * MB, 'remove', 'content-mismatch', 'exe'],
    ['readme.txt', HEADS.elf, 1 * MB, 'remove', 'content-mismatch', 'elf'],
    ['daten.txt', NOISE, 1 * MB, 'remove', 'content-mismatch', 'unknown'],
    ['bild.txt', HEADS.png, 1 * MB, 'remove', 'content-mismatch', 'png'],
    ['letter.doc', HEADS.docx, 1 * MB, 'remove', 'content-mismatch', 'docx'],
    ['photo.png', HEADS.jpeg, 1 * MB, 'remove', 'content-mismatch', 'jpeg'],
  ] as const)('%s (%s) → %s %s', (filename, head, size, action, problem, sniffedType) => {
    const [result] = checkAttachments([attachment(filename, head, size)]);
    expect(result).toMatchObject({ filename, action, sniffedType, size, rule: 'R15' });
    expect(result.problem).toBe(problem);
  });

  it('explains a removal in plain words', () => {
    const [result] = checkAttachments([attachment('invoice.pdf', HEADS.exe)]);
    expect(result.reason).toBe(
      'Removed invoice.pdf: it is named .pdf but its content is a Windows program. The message still goes.',
    );
    const [big] = checkAttachments([attachment('big.pdf', HEADS.pdf, 11 * MB)]);
    expect(big.reason).toBe(
      'Removed big.pdf: it is 11.0 MB, more than the 10 MB allowed per attachment. The message still goes.',
    );
  });

  it('explains a kept Latin-1 text file as text and a program named .txt as a program', () => {
    const [kept, exe] = checkAttachments([
      attachment('maße.txt', LATIN1_TEXT, 2048),
      attachment('readme.txt', HEADS.exe),
    ]);
    expect(kept.reason).toBe('Kept maße.txt: .txt, 2 KB, content matches.');
    expect(exe.reason).toBe(
      'Removed readme.txt: it is named .txt but its content is a Windows program. The message still goes.',
    );
  });

  it('keeps the order of attachments', () => {
    const results = checkAttachments([attachment('a.exe', HEADS.exe), attachment('b.png', HEADS.png)]);
    expect(results.map((r) => [r.filename, r.action])).toEqual([
      ['a.exe', 'remove'],
      ['b.png', 'keep'],
    ]);
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

// R15 in the seller's language: a German shop reads why an attachment was removed in German.
describe("R15 words in the seller's language", () => {
  it.each([
    [
      'setup.exe',
      HEADS.exe,
      1 * MB,
      '„setup.exe“ wurde entfernt: .exe-Dateien sind als Anhang nicht erlaubt; erlaubt sind .txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png. Die Nachricht selbst wird trotzdem zugestellt.',
    ],
    [
      'LIESMICH',
      HEADS.text,
      1024,
      '„LIESMICH“ wurde entfernt: Dateien ohne Endung sind als Anhang nicht erlaubt; erlaubt sind .txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png. Die Nachricht selbst wird trotzdem zugestellt.',
    ],
    [
      'rechnung.pdf',
      HEADS.exe,
      1 * MB,
      '„rechnung.pdf“ wurde entfernt: Die Datei heißt .pdf, enthält aber ein Windows-Programm. Die Nachricht selbst wird trotzdem zugestellt.',
    ],
    [
      'daten.txt',
      NOISE,
      1 * MB,
      '„daten.txt“ wurde entfernt: Die Datei heißt .txt, enthält aber nichts Erkennbares. Die Nachricht selbst wird trotzdem zugestellt.',
    ],
    [
      'foto.png',
      HEADS.jpeg,
      1 * MB,
      '„foto.png“ wurde entfernt: Die Datei heißt .png, enthält aber eine JPEG-Datei. Die Nachricht selbst wird trotzdem zugestellt.',
    ],
    [
      'katalog.pdf',
      HEADS.pdf,
      11 * MB,
      '„katalog.pdf“ wurde entfernt: Die Datei ist 11,0 MB groß; Anhänge dürfen höchstens 10 MB groß sein. Die Nachricht selbst wird trotzdem zugestellt.',
    ],
    ['maße.txt', LATIN1_TEXT, 2048, '„maße.txt“ bleibt: .txt, 2 KB, der Inhalt passt zum Namen.'],
  ] as const)('de: %s', (filename, head, size, reason) => {
    const [result] = checkAttachments([attachment(filename, head, size)], 'de');
    expect(result.reason).toBe(reason);
  });

  it('English stays the default, so callers that pass no language see no change', () => {
    const [en] = checkAttachments([attachment('rechnung.pdf', HEADS.exe)]);
    const [de] = checkAttachments([attachment('rechnung.pdf', HEADS.exe)], 'de');
    expect(en.reason).toMatch(/^Removed rechnung\.pdf: it is named \.pdf but its content is a Windows program/);
    expect({ ...de, reason: undefined }).toEqual({ ...en, reason: undefined });
  });

  it('the note that replaces a removed attachment in the message: words first, rule id behind', () => {
    const [disguised, big] = checkAttachments(
      [attachment('rechnung.pdf', HEADS.exe), attachment('katalog.pdf', HEADS.pdf, 11 * MB)],
      'de',
    );
    expect(removalNote(disguised, 'de')).toBe(
      'Der Anhang „rechnung.pdf“ wurde vom Marktplatz entfernt: Die Datei heißt .pdf, enthält aber ein Windows-Programm (R15).',
    );
    expect(removalNote(big, 'de')).toBe(
      'Der Anhang „katalog.pdf“ wurde vom Marktplatz entfernt: Die Datei ist 11,0 MB groß; Anhänge dürfen höchstens 10 MB groß sein (R15).',
    );
    expect(removalNote(disguised, 'en')).toBe(
      'The attachment "rechnung.pdf" was removed by the marketplace: it is named .pdf but its content is a Windows program (R15).',
    );
  });

  // MIME fuzz (seed 20261204, message 2140): a file name of megabytes made the note as long, and the relay
  // spent seconds quoted-printable-encoding it into the message.
  it('shows at most 200 characters of a huge file name, its start and its extension', () => {
    const name = `${'x'.repeat(3_000_000)}.exe`;
    const [removed] = checkAttachments([attachment(name, HEADS.exe)]);
    const note = removalNote(removed, 'en');
    expect(note.length).toBeLessThan(500);
    expect(note).toMatch(/^The attachment "x{99}…x{95}\.exe" was removed by the marketplace: \.exe is not an allowed/);
    expect(attachmentsRemovedReason([removed]).message.length).toBeLessThan(500);
  });

  it('the R15 reason of the decision lists the removed attachments', () => {
    const removed = checkAttachments([attachment('rechnung.pdf', HEADS.exe), attachment('fotos.zip', HEADS.zip)]);
    expect(attachmentsRemovedReason(removed, 'de')).toEqual({
      rule: 'R15',
      code: 'attachment-removed',
      message:
        '2 Anhänge werden entfernt: rechnung.pdf (Inhalt passt nicht zum Namen), fotos.zip (Dateityp nicht erlaubt). ' +
        'Die Nachricht selbst wird trotzdem zugestellt, mit einem Hinweis, dass sie entfernt wurden.',
      params: { count: 2, names: 'rechnung.pdf, fotos.zip' },
    });
    expect(attachmentsRemovedReason(removed.slice(0, 1), 'de').message).toBe(
      'Ein Anhang wird entfernt: rechnung.pdf (Inhalt passt nicht zum Namen). Die Nachricht selbst wird trotzdem zugestellt, mit einem Hinweis, dass er entfernt wurde.',
    );
    expect(attachmentsRemovedReason(removed, 'en').message).toBe(
      '2 attachments are removed: rechnung.pdf (content-mismatch), fotos.zip (type-not-allowed). The message itself still goes, with a note that they were removed.',
    );
  });

  it.each([
    [2 * MB + 1, 'en', '2.0 MB'],
    [2 * MB + 1, 'de', '2,0 MB'],
    [12_004, 'de', '12 KB'],
  ] as const)('formatSize(%d, %s) = %s', (bytes, language, text) => {
    expect(formatSize(bytes, language)).toBe(text);
  });
});
