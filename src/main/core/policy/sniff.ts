/**
 * What an attachment really is, by its first bytes (R15). The declared Content-Type and the
 * file name are the sender's word; these bytes are not.
 */

/** The types `sniff` can tell; anything else is 'unknown'. */
export type SniffedType =
  'pdf' | 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff' | 'ole2' | 'docx' | 'zip' | 'exe' | 'elf' | 'text' | 'unknown';

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00]; // "II*\0"
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a]; // "MM\0*"
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_ENTRY = [0x50, 0x4b, 0x03, 0x04]; // local file header
const ZIP_OTHER = [
  [0x50, 0x4b, 0x05, 0x06],
  [0x50, 0x4b, 0x07, 0x08],
]; // empty / spanned archive
const ELF = [0x7f, 0x45, 0x4c, 0x46];
const MZ = ascii('MZ');
const BM = ascii('BM');

/**
 * "BM" alone is two letters that plain text may start with ("BMW …"); a real bitmap's file
 * header has four reserved bytes at offset 6 that are zero.
 */
function isBmp(head: Uint8Array): boolean {
  if (!startsWith(head, BM)) return false;
  if (head.length < 10) return head.length >= 2 && !isText(head);
  return head[6] === 0 && head[7] === 0 && head[8] === 0 && head[9] === 0;
}

/**
 * Office Open XML files are zips; Word writes `[Content_Types].xml` or a `word/` part first.
 * Only the first entry's name is in the head, so a docx packed in another order sniffs as
 * plain 'zip' and the attachment check accepts that for `.docx` too.
 */
function zipKind(head: Uint8Array): 'docx' | 'zip' {
  const NAME_LENGTH_AT = 26; // local file header: 2-byte little-endian file name length
  const NAME_AT = 30;
  if (head.length < NAME_AT) return 'zip';
  const nameLength = head[NAME_LENGTH_AT] | (head[NAME_LENGTH_AT + 1] << 8);
  const name = String.fromCharCode(...head.subarray(NAME_AT, NAME_AT + nameLength));
  return name === '[Content_Types].xml' || name.includes('word/') ? 'docx' : 'zip';
}

/** Control characters other than tab, LF, FF and CR mark binary data; so do C1 controls and DEL. */
function isTextCodePoint(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0c || cp === 0x0d) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  return !(cp >= 0x80 && cp <= 0x9f);
}

/**
 * Valid UTF-8 (ASCII included) without NULs or stray control characters. The head is a prefix
 * of the file, so a multi-byte sequence cut off at its very end is forgiven.
 */
function isUtf8Text(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length) {
    const b = head[i];
    let length: number;
    let cp: number;
    if (b < 0x80) {
      length = 1;
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      cp = b & 0x07;
    } else return false;
    if (i + length > head.length) return allContinuation(head, i + 1);
    for (let k = 1; k < length; k++) {
      const c = head[i + k];
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    const overlong = (length === 3 && cp < 0x800) || (length === 4 && cp < 0x10000);
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (!isTextCodePoint(cp)) return false;
    i += length;
  }
  return true;
}

function allContinuation(head: Uint8Array, from: number): boolean {
  for (let i = from; i < head.length; i++) if ((head[i] & 0xc0) !== 0x80) return false;
  return true;
}

/** Windows Notepad's "Unicode" files are UTF-16 with a byte-order mark; they are text too. */
function isUtf16Text(head: Uint8Array): boolean {
  const littleEndian = startsWith(head, [0xff, 0xfe]);
  if (!littleEndian && !startsWith(head, [0xfe, 0xff])) return false;
  for (let i = 2; i + 1 < head.length; i += 2) {
    const unit = littleEndian ? head[i] | (head[i + 1] << 8) : (head[i] << 8) | head[i + 1];
    if (unit >= 0xd800 && unit <= 0xdfff) continue; // surrogate halves of a pair: not controls
    if (!isTextCodePoint(unit)) return false;
  }
  return true;
}

/**
 * Bytes 0x80–0x9F that Windows-1252 leaves undefined; everywhere else in that range it has a character (€, „, “, …).
 */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** DOS and old Windows editors end a text file with Ctrl-Z. */
const SUB = 0x1a;

/**
 * Single-byte legacy text: ISO-8859-1 or Windows-1252, what a German Windows PC writes by
 * default ("Maße für Größe" as 4D 61 DF 65 …). Every byte is a character there except the C0
 * controls and DEL, so what tells binary data apart is the same as for UTF-8: no NUL, no
 * control byte other than tab, LF, FF and CR (and one Ctrl-Z as the last byte seen), and no byte
 * that Windows-1252 does not define. ISO-8859-1's C1 controls (0x80–0x9F) are accepted as the
 * Windows-1252 characters nearly every "Latin-1" file really means by them.
 */
function isSingleByteText(head: Uint8Array): boolean {
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d) continue;
    if (b === SUB && i === head.length - 1) continue;
    if (b < 0x20 || b === 0x7f || CP1252_UNDEFINED.has(b)) return false;
  }
  return true;
}

/** UTF-16 with a byte-order mark, UTF-8 (ASCII included), or single-byte Latin-1 / Windows-1252. */
function isText(head: Uint8Array): boolean {
  return isUtf16Text(head) || isUtf8Text(head) || isSingleByteText(head);
}

/** Names the content of `head` (the first bytes of a part; 64 or more when the part has them). */
export function sniff(head: Uint8Array): SniffedType {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return 'gif';
  if (startsWith(head, TIFF_LE) || startsWith(head, TIFF_BE)) return 'tiff';
  if (startsWith(head, OLE2)) return 'ole2';
  if (startsWith(head, ZIP_ENTRY)) return zipKind(head);
  if (ZIP_OTHER.some((magic) => startsWith(head, magic))) return 'zip';
  if (startsWith(head, ELF)) return 'elf';
  // A real DOS/PE header is full of NULs; a text file that happens to begin "MZ" is not.
  if (startsWith(head, MZ) && !isText(head)) return 'exe';
  if (isBmp(head)) return 'bmp';
  if (isText(head)) return 'text';
  return 'unknown';
}
