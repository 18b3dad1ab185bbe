/**
 * A small store-only zip (no compression) of our own, for the dispute record (R21):
 * the app hands the export over as one file, and `parley verify --export x.zip` reads it back.
 * Writing: local headers, data, central directory, end record; names in UTF-8 (flag bit 11),
 * CRC-32 from node:zlib. Reading: only what we write — stored entries, no zip64 — with every
 * CRC and size checked and names that could escape the target folder refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ParleyError } from '../errors.js';

const LOCAL = 0x04034b50,
  CENTRAL = 0x02014b50,
  END = 0x06054b50;
const UTF8_FLAG = 0x0800;
const MAX_ENTRIES = 0xffff,
  MAX_SIZE = 0xffffffff;

export interface ZipEntry {
  name: string;
  data: Buffer;
}
/** Read back: `crcOk` false when the bytes do not match the CRC-32 the zip states for them. */
export interface ReadEntry extends ZipEntry {
  crcOk: boolean;
}

/** DOS date/time of `date` (UTC), as zip headers keep it. */
function dosTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Info-ZIP's Unicode Path field (0x7075) for a name beyond ASCII: Info-ZIP `unzip` reads names by
 * it rather than by the UTF-8 flag (without it, "Rücksendeetikett.pdf" came out as "R++ck…").
 */
function unicodePathField(text: string, name: Buffer): Buffer {
  if (/^[\x20-\x7e]*$/.test(text)) return Buffer.alloc(0);
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(zlib.crc32(name), 5);
  return Buffer.concat([field, name]);
}

export function writeZip(entries: ZipEntry[], date = new Date()): Buffer {
  if (entries.length > MAX_ENTRIES)
    throw new ParleyError(
      'EBADINPUT',
      `a zip of more than ${MAX_ENTRIES} files needs zip64, which this writer does not do`,
      { detail: { key: 'export.tooLarge', params: {} } },
    );
  const { time, day } = dosTime(date);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    if (e.data.length > MAX_SIZE || offset > MAX_SIZE)
      throw new ParleyError('EBADINPUT', 'the export is too large for a zip without zip64', {
        detail: { key: 'export.tooLarge', params: {} },
      });
    const name = Buffer.from(e.name, 'utf8');
    const extra = unicodePathField(e.name, name);
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(UTF8_FLAG, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(day, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt16LE(extra.length, 30);
    dir.writeUInt32LE(offset, 42); // extra, comment, disk, attributes: 0
    parts.push(local, name, extra, e.data);
    central.push(dir, name, extra);
    offset += local.length + name.length + extra.length + e.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** The entries of a zip written by writeZip (stored only), each checked against its CRC-32. */
export function readZip(zip: Buffer): ReadEntry[] {
  const bad = (why: string) => new ParleyError('EBADINPUT', `not a readable export zip: ${why}`);
  let endAt = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) throw bad('no end of central directory');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const entries: ReadEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL)
      throw bad(`central directory entry ${n + 1} is damaged`);
    const method = zip.readUInt16LE(at + 10),
      crc = zip.readUInt32LE(at + 16),
      size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28),
      extra = zip.readUInt16LE(at + 30),
      comment = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extra + comment;
    if (method !== 0) throw bad(`${name} is compressed; only stored entries are read`);
    if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== LOCAL)
      throw bad(`the local header of ${name} is damaged`);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    if (dataAt + size > zip.length) throw bad(`${name} is cut short`);
    const data = zip.subarray(dataAt, dataAt + size);
    entries.push({ name, data, crcOk: zlib.crc32(data) === crc });
  }
  return entries;
}

/**
 * Writes the entries under `dir` (also those whose CRC does not match: the manifest check then
 * names the altered file); returns the names whose CRC did not match. A name that is absolute
 * or climbs out (`..`) is refused.
 */
export function extractZip(zip: Buffer, dir: string): string[] {
  const root = path.resolve(dir);
  const crcBad: string[] = [];
  for (const e of readZip(zip)) {
    if (!e.crcOk) crcBad.push(e.name);
    const target = path.resolve(root, e.name);
    if (e.name.includes('\\') || path.isAbsolute(e.name) || !target.startsWith(root + path.sep)) {
      throw new ParleyError('EBADINPUT', `the zip names "${e.name}", which is outside the export`);
    }
    if (e.name.endsWith('/')) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.data, { flag: 'wx' });
  }
  return crcBad;
}
