/**
 * Every real-world message in shared/fixtures/mime (393 of them, malformed ones included) goes
 * through every operation of this folder: the relay must never lose or alter a byte it does not
 * mean to change, and must never throw on what arrives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatAddress } from './addresses.js';
import { HeaderEditor, joinMessage, parseFields, splitMessage } from './header-block.js';
import { allParts, attachmentsOf, walkMime, type MimePart } from './mime-tree.js';
import { removeParts, unwrapFirstPartBody, wrapWithFooter } from './part-surgery.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/mime');
const present = fs.existsSync(fixtureDir);
const files = present
  ? fs
      .readdirSync(fixtureDir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
  : [];

if (!present) console.warn(`fixtures.test.ts: ${fixtureDir} is absent; the real-world MIME suite is skipped.`);

const cache = new Map<string, Buffer>();
function load(file: string): Buffer {
  let raw = cache.get(file);
  if (!raw) {
    raw = fs.readFileSync(path.join(fixtureDir, file));
    cache.set(file, raw);
  }
  return raw;
}

const leaves = (tree: MimePart): MimePart[] => allParts(tree).filter((p) => p.children.length === 0);

describe.skipIf(!present)('real-world MIME fixtures', () => {
  it('has the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(393);
  });

  it.each(files)('%s: header round-trip without edits is byte-identical', (file) => {
    const raw = load(file);
    const split = splitMessage(raw);
    const editor = new HeaderEditor(parseFields(split.header), split.eol);
    expect(joinMessage(editor.toBuffer(), split.body, split.eol, split.separator).equals(raw)).toBe(true);
  });

  it.each(files)('%s: header edits leave the body bytes identical', (file) => {
    const raw = load(file);
    const split = splitMessage(raw);
    const editor = new HeaderEditor(parseFields(split.header), split.eol);
    editor.set('From', formatAddress({ name: 'Jörg’s Laden', address: 't969vz2jn3bdsy7@relay.test' }));
    editor.remove('Received');
    const out = joinMessage(editor.toBuffer(), split.body, split.eol);
    const again = splitMessage(out);
    expect(again.body.equals(split.body)).toBe(true);
    const edited = new HeaderEditor(parseFields(again.header));
    expect(edited.getAll('from')).toHaveLength(1);
    expect(edited.has('received')).toBe(false);
  });

  it.each(files)('%s: walkMime never throws and its offsets are in bounds and ordered', (file) => {
    const raw = load(file);
    const tree = walkMime(raw);
    for (const part of allParts(tree)) {
      expect(0 <= part.headerStart && part.headerStart <= part.headerEnd).toBe(true);
      expect(part.headerEnd <= part.bodyStart && part.bodyStart <= part.bodyEnd).toBe(true);
      expect(part.bodyEnd <= part.end && part.end <= raw.length).toBe(true);
      part.children.forEach((child, i) => {
        expect(child.headerStart >= part.bodyStart && child.end <= part.bodyEnd).toBe(true);
        if (i > 0) expect(child.headerStart > part.children[i - 1].end).toBe(true);
      });
    }
  });

  it.each(files)('%s: attachmentsOf never throws and sizes what it finds', (file) => {
    for (const attachment of attachmentsOf(walkMime(load(file)))) {
      expect(attachment.size).toBeGreaterThanOrEqual(attachment.head.length);
      expect(attachment.filename.length).toBeGreaterThan(0);
    }
  });

  it.each(files)('%s: wrapWithFooter keeps the original body as the first part', (file) => {
    const raw = load(file);
    const wrapped = wrapWithFooter(raw, {
      text: 'Report: mailto:report@relay.test',
      html: '<a href="mailto:report@relay.test">Report</a>',
    });
    expect(unwrapFirstPartBody(wrapped).equals(splitMessage(raw).body)).toBe(true);
  });

  it.each(files)('%s: removing the first attachment keeps every other part byte-identical', (file) => {
    const raw = load(file);
    const before = walkMime(raw);
    const [first] = attachmentsOf(before);
    if (!first) return;
    const out = removeParts(
      raw,
      [first.part.path],
      (p) => `The attachment "${p.filename ?? 'attachment'}" was removed (R15).`,
    );
    const after = walkMime(out);
    if (first.part === before) {
      // A single-part attachment message: only the body and Content-* fields change.
      expect(after.contentType).toBe('text/plain');
      return;
    }
    expect(out.subarray(0, first.part.headerStart).equals(raw.subarray(0, first.part.headerStart))).toBe(true);
    const tail = raw.subarray(first.part.bodyEnd);
    expect(out.subarray(out.length - tail.length).equals(tail)).toBe(true);
    const afterByPath = new Map(leaves(after).map((p) => [p.path, p]));
    for (const part of leaves(before)) {
      const moved = afterByPath.get(part.path);
      expect(moved, `part ${part.path}`).toBeDefined();
      if (part.path === first.part.path) {
        expect(moved!.contentType).toBe('text/plain');
        continue;
      }
      const original = raw.subarray(part.headerStart, part.bodyEnd);
      expect(out.subarray(moved!.headerStart, moved!.bodyEnd).equals(original), `part ${part.path}`).toBe(true);
    }
  });

  it.each(files)('%s: removing every attachment leaves none behind (R15)', (file) => {
    const raw = load(file);
    const paths = attachmentsOf(walkMime(raw)).map((a) => a.part.path);
    if (paths.length === 0) return;
    const out = removeParts(raw, paths, () => 'removed (R15)');
    expect(attachmentsOf(walkMime(out))).toEqual([]);
  });
});
