/**
 * Hostile mail for the MIME fuzz run: a seeded generator that takes a real-world message from
 * ../shared/fixtures/mime and breaks it the ways mail breaks in the wild and the ways an attacker breaks it on
 * purpose. Message `i` of seed `s` is always the same bytes (`mutant(s, i)`), so a failure is replayed from the two
 * numbers the run prints, without storing the message.
 *
 * Messages are handled as latin1 strings: one character per byte, so every edit keeps the other bytes exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { prng } from '../../support/prng.js';

export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/mime');

export interface Fixture {
  name: string;
  /** The message bytes as latin1 (one char per byte). */
  text: string;
}

export function loadFixtures(dir = FIXTURE_DIR): Fixture[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name)).toString('latin1') }));
}

/** One stream per message, so message i does not depend on how many random numbers message i-1 used. */
function streamFor(seed: number, index: number): () => number {
  return prng((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0);
}

class Dice {
  constructor(private readonly next: () => number) {}
  /** [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** [lo, hi] */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Skewed towards small numbers: most edits are small, a few are huge. */
  size(max: number): number {
    return Math.floor(max ** this.next());
  }
}

// Messages above this are not produced: the relay takes 25 MiB, but a fuzz run wants many messages, not big ones
// (the unit tests of header-block, part-surgery and html-text time the huge cases the fuzz found).
const MAX_MUTANT_BYTES = 3 * 1024 * 1024;

interface Parts {
  header: string;
  sep: string;
  body: string;
}

function split(text: string): Parts {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { header: text, sep: '', body: '' };
  return {
    header: text.slice(0, m.index + 1),
    sep: text.slice(m.index + 1, m.index + m[0].length),
    body: text.slice(m.index + m[0].length),
  };
}

const join = (p: Parts): string => p.header + p.sep + p.body;

function headerLines(header: string): string[] {
  return header.split(/(?<=\n)/);
}

/** Boundaries the message declares (any part), as written. */
function boundaries(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]*)"|([^;\s"]+))/gi)) out.add(m[1] ?? m[2]);
  return [...out].filter((b) => b.length > 0);
}

function insertAt(text: string, at: number, what: string): string {
  return text.slice(0, at) + what + text.slice(at);
}

function randomBytes(d: Dice, n: number, alphabet?: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet ? alphabet[d.int(alphabet.length)] : String.fromCharCode(d.int(256));
  return s;
}

function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.max(1, Math.ceil(n / unit.length))).slice(0, n);
}

const GARBAGE_WORDS = [
  '=?utf-8?B?!!!!?=',
  '=?utf-8?Q?=ZZ=?=',
  '=?x-unknown?Q?abc?=',
  '=?utf-8?B?',
  '=?=?=?=?',
  '=?utf-8*de?Q?x?=',
  '=??B??=',
  '=?utf-7?B?K0FHRUFady0=?=',
  '=?iso-2022-jp?B?GyRCJCIbKEI=?=',
  '=?utf-8?B?' + 'A'.repeat(5000) + '?=',
  '=?utf-16?B?2D3eAA==?=',
  '=?gb18030?Q?=81=30=81=30?=',
  '=?utf-8?q?' + '=C3'.repeat(2000) + '?=',
];

const CHARSETS = [
  '',
  'x-unknown',
  'utf-7',
  'utf-16',
  'utf-32',
  'UTF-8"',
  'iso-8859-99',
  'iso-2022-jp',
  'gb18030',
  'windows-1252',
  '"',
  '\u00ff\u00fe',
  'a'.repeat(3000),
  'us-ascii; charset=utf-16',
];

const TRANSFER_ENCODINGS = [
  'base64',
  'quoted-printable',
  'x-uuencode',
  '8bit',
  'binary',
  '"base64"',
  'BASE64 ',
  'b'.repeat(500),
  '',
];

const CONTENT_TYPES = [
  'multipart/mixed',
  'multipart/alternative; boundary=""',
  'multipart/mixed; boundary=',
  'multipart/related; boundary="' + 'x'.repeat(5000) + '"',
  'message/rfc822',
  'message/partial; id="a"; number=1; total=2',
  'multipart/digest; boundary="d"',
  'text/html',
  'application/octet-stream; name=evil.exe',
  "text/plain; name*0*=utf-8''%E2%82; name*1*=%AC.pdf",
  '/',
  'text/',
  ';;;;;',
  'multipart/mixed; boundary="a"; boundary="b"',
  'image/png; name="unterminated',
];

type Mutation = (d: Dice, text: string, fixtures: Fixture[]) => string;

function onHeader(text: string, f: (lines: string[]) => string[]): string {
  const p = split(text);
  p.header = f(headerLines(p.header)).join('');
  return join(p);
}

/** Every mutation, by the name the run prints. Each takes one message and returns another. */
export const MUTATIONS: Record<string, Mutation> = {
  byteFlips(d, text) {
    const bytes = Buffer.from(text, 'latin1');
    const n = d.range(1, 64);
    for (let i = 0; i < n && bytes.length > 0; i++) bytes[d.int(bytes.length)] = d.int(256);
    return bytes.toString('latin1');
  },
  truncate(d, text) {
    return text.slice(0, d.int(text.length + 1));
  },
  duplicateHeaderLine(d, text) {
    return onHeader(text, (lines) => {
      if (lines.length === 0) return lines;
      const i = d.int(lines.length);
      // Never past the size cap: a line of megabytes (a header with bare CR line ends is one "line") times 10,000
      // is more than a string can hold.
      const copies = Math.min(d.size(10_000), Math.ceil(MAX_MUTANT_BYTES / Math.max(1, lines[i].length)));
      return [...lines.slice(0, i), ...Array<string>(copies).fill(lines[i]), ...lines.slice(i)];
    });
  },
  removeHeaderLine(d, text) {
    return onHeader(text, (lines) => {
      const wanted = d.pick(['content-type', 'mime-version', 'from', 'content-transfer-encoding', 'subject', '']);
      const i = wanted ? lines.findIndex((l) => l.toLowerCase().startsWith(wanted + ':')) : d.int(lines.length);
      return i < 0 ? lines : [...lines.slice(0, i), ...lines.slice(i + 1)];
    });
  },
  longHeaderLine(d, text) {
    const name = d.pick(['Subject', 'From', 'To', 'Content-Type', 'References', 'X-Long', 'Message-ID', 'Received']);
    const unit = d.pick(['a', ' ', '\t', 'x@y.z, ', '<a@b> ', '=?utf-8?Q?=C3=A4?= ', '(((', '"', ';']);
    const line = `${name}: ${repeatTo(unit, d.size(500_000))}\r\n`;
    return onHeader(text, (lines) => {
      const at = d.int(lines.length + 1);
      return [...lines.slice(0, at), line, ...lines.slice(at)];
    });
  },
  deepFolding(d, text) {
    const fold = d.pick(['\r\n x', '\r\n ', '\r\n\t=?utf-8?B?w6Q=?=', '\n\t']);
    const folded = `${d.pick(['Subject', 'From', 'Content-Type', 'References'])}: start${fold.repeat(d.size(50_000))}\r\n`;
    return onHeader(text, (lines) => [folded, ...lines]);
  },
  hugeHeaderCount(d, text) {
    const n = d.size(40_000);
    const name = d.pick(['Received', 'X-H', 'Content-Type', 'From', 'Comments', 'To']);
    const extra = Array.from({ length: n }, (_, i) => `${name}: v${i}\r\n`).join('');
    return onHeader(text, (lines) => [extra, ...lines]);
  },
  boundaryMissing(d, text) {
    const b = d.pick(boundaries(text).length ? boundaries(text) : ['none']);
    const marker = '--' + b;
    const which = d.int(3);
    if (which === 0) return text.split(marker + '--').join(''); // no close delimiter
    if (which === 1) return text.split(marker).join(''); // no delimiter at all
    const first = text.indexOf(marker); // only the first delimiter gone
    return first < 0 ? text : text.slice(0, first) + text.slice(first + marker.length);
  },
  boundaryDuplicate(d, text) {
    const b = d.pick(boundaries(text).length ? boundaries(text) : ['none']);
    const marker = `--${b}\r\n`;
    const at = text.indexOf(marker);
    if (at < 0) return text;
    return insertAt(text, at, marker.repeat(d.size(10_000)));
  },
  boundaryNested(d, text) {
    // A hundred (or more) multiparts inside each other, some reusing an outer boundary.
    const depth = d.pick([100, 100, 200, 1000, d.size(5000)]);
    const reuse = d.chance(0.3);
    const p = split(text);
    let head = '';
    let tail = '';
    for (let i = 0; i < depth; i++) {
      const b = reuse && i % 7 === 3 ? 'b0' : `b${i}`;
      head += `--${i === 0 ? 'b0' : `b${i - 1}`}\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n`;
      tail = `\r\n--${b}--\r\n` + tail;
    }
    const inner = `--b${depth - 1}\r\nContent-Type: application/pdf; name=x.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcK\r\n`;
    const body = head + inner + tail + (d.chance(0.5) ? `\r\n--b0--\r\n` : '') + p.body;
    const lines = headerLines(p.header).filter((l) => !/^content-type:/i.test(l));
    return lines.join('') + 'Content-Type: multipart/mixed; boundary="b0"\r\n' + '\r\n' + body;
  },
  boundaryPrefix(d, text) {
    // An inner boundary that starts like the outer one, and a boundary line with trailing junk.
    const b = d.pick(boundaries(text).length ? boundaries(text) : ['none']);
    const marker = `--${b}`;
    const at = text.lastIndexOf(marker);
    if (at < 0) return text;
    return insertAt(text, at, `${marker}x\r\n${marker}  \t \r\n${marker}--junk\r\n${marker}\r`);
  },
  wrongCharset(d, text) {
    const cs = d.pick(CHARSETS);
    if (/charset\s*=/i.test(text) && d.chance(0.7))
      return text.replace(/charset\s*=\s*("[^"\r\n]*"|[^;\s]+)/gi, () =>
        d.chance(0.5) ? `charset=${cs}` : `charset="${cs}"`,
      );
    return text.replace(/^(content-type:[^\r\n]*)/gim, (m) => `${m}; charset=${cs}`);
  },
  missingCharset(_d, text) {
    return text.replace(/;\s*charset\s*=\s*("[^"\r\n]*"|[^;\s]+)/gi, '');
  },
  wrongTransferEncoding(d, text) {
    const te = d.pick(TRANSFER_ENCODINGS);
    if (/content-transfer-encoding:/i.test(text))
      return text.replace(/^content-transfer-encoding:[^\r\n]*/gim, `Content-Transfer-Encoding: ${te}`);
    return onHeader(text, (lines) => [`Content-Transfer-Encoding: ${te}\r\n`, ...lines]);
  },
  badBase64(d, text) {
    // Garbage inside base64 lines: characters outside the alphabet, padding in the middle, odd lengths.
    return text.replace(/^[A-Za-z0-9+/]{40,}={0,2}\r?$/gm, (line) => {
      if (!d.chance(0.3)) return line;
      const junk = d.pick(['!', '===', '=', '*', '\x00', '\xff', '-_', '  ', 'A', '\t', '====A']);
      return insertAt(line, d.int(line.length), junk.repeat(d.range(1, 10)));
    });
  },
  badQuotedPrintable(d, text) {
    const junk = d.pick(['=ZZ', '=', '=\r', '= \r\n', '=3', '=\n=\n=\n', '=0D=0A', '=00', '=' + ' '.repeat(10_000)]);
    return text.replace(/=[0-9A-F]{2}/g, (m) => (d.chance(0.2) ? junk : m));
  },
  encodedWordGarbage(d, text) {
    const words = Array.from({ length: d.range(1, 30) }, () => d.pick(GARBAGE_WORDS)).join(d.pick([' ', '', '\r\n ']));
    const name = d.pick(['Subject', 'From', 'To', 'Content-Disposition', 'Content-Type']);
    const value =
      name === 'From' || name === 'To'
        ? `${words} <${d.pick(['a@b.c', '', '@', 'x@' + words])}>`
        : name === 'Content-Disposition'
          ? `attachment; filename="${words}"`
          : name === 'Content-Type'
            ? `application/pdf; name="${words}"`
            : words;
    return onHeader(text, (lines) => {
      const i = lines.findIndex((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
      const line = `${name}: ${value}\r\n`;
      return i < 0 ? [line, ...lines] : [...lines.slice(0, i), line, ...lines.slice(i + 1)];
    });
  },
  lineBreakInjection(d, text) {
    const what = d.pick(['\r', '\n', '\x00', '\r\r\n', '\n\r', '\r\n\r\n', '\x00\x00\x00', '\r\n ', '\n--']);
    let out = text;
    const n = d.range(1, 50);
    for (let i = 0; i < n; i++) out = insertAt(out, d.int(out.length + 1), what);
    return out;
  },
  lineEndings(d, text) {
    const to = d.pick(['\r', '\n', '\r\n', '\r\r\n', '\n\n']);
    return text.replace(/\r?\n/g, () => (d.chance(0.8) ? to : '\r\n'));
  },
  splice(d, text, fixtures) {
    const other = d.pick(fixtures).text;
    const how = d.int(3);
    if (how === 0) return split(text).header + split(text).sep + split(other).body; // header of one, body of another
    if (how === 1) return text.slice(0, d.int(text.length)) + other.slice(d.int(other.length)); // halves
    return insertAt(text, d.int(text.length), other); // a whole message inside another
  },
  eightBitHeaders(d, text) {
    return onHeader(text, (lines) =>
      lines.map((l) =>
        d.chance(0.3)
          ? insertAt(
              l,
              Math.max(0, l.length - 2),
              randomBytes(d, d.range(1, 40), '\x80\xc3\xa4\xff\xfe\xe2\x82\xac\x00\x1b'),
            )
          : l,
      ),
    );
  },
  contentTypeGarbage(d, text) {
    const value = d.pick(CONTENT_TYPES);
    const extra = d.chance(0.3)
      ? '; ' + Array.from({ length: d.size(20_000) }, (_, i) => `p${i}="${i}"`).join('; ')
      : '';
    const junk = d.chance(0.3) ? d.pick(['; ;', '; =', '; a="\\', '; boundary', ' ("comment', '; a=b=c']) : '';
    const matches = [...text.matchAll(/^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim)];
    if (matches.length === 0) return onHeader(text, (lines) => [`Content-Type: ${value}${extra}${junk}\r\n`, ...lines]);
    const m = d.pick(matches);
    return text.slice(0, m.index) + `Content-Type: ${value}${extra}${junk}` + text.slice(m.index + m[0].length);
  },
  rfc2231Broken(d, text) {
    const forms = [
      `filename*0*=utf-8''%E2%82; filename*2="x.exe"`, // a gap
      `filename*1="b.pdf"; filename*0="a"`, // out of order
      `filename*=utf-8''%ZZ%`, // bad percent
      `filename*=''`,
      `filename*999999999999="x"`,
      `filename*0*=x-unknown'de'%FF%FE; filename*1*=%00`,
      `filename*=utf-8'${'de'.repeat(1000)}'a.pdf`,
      Array.from({ length: d.size(5000) }, (_, i) => `filename*${i}="p${i}"`).join('; '),
      `filename*0="a"; filename*0="b"; filename="c.txt"`,
      `filename*=`,
    ];
    const disposition = `Content-Disposition: attachment; ${d.pick(forms)}`;
    const matches = [...text.matchAll(/^content-disposition:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim)];
    if (matches.length === 0) return onHeader(text, (lines) => [`${disposition}\r\n`, ...lines]);
    const m = d.pick(matches);
    return text.slice(0, m.index) + disposition + text.slice(m.index + m[0].length);
  },
  addressGarbage(d, text) {
    const values = [
      '('.repeat(d.size(100_000)) + 'a@b.c',
      '"'.repeat(d.size(10_000)),
      'undisclosed-recipients:;',
      'a:b:c:d@e;;;',
      Array.from({ length: d.size(20_000) }, (_, i) => `u${i}@x.y`).join(', '),
      '<<<<<<@>>>>>>',
      '"\\"@x.y',
      '=?utf-8?B?Zm9vQGJhci5jb20=?= <' + 'a'.repeat(d.size(100_000)) + '@x.y>',
      'a@b.c (comment (nested (deep))) <d@e.f>',
      '@'.repeat(d.size(50_000)),
      'x@' + '.'.repeat(d.size(50_000)),
      '\\'.repeat(d.size(50_000)),
    ];
    const name = d.pick(['From', 'To', 'Cc', 'Reply-To', 'Sender']);
    const line = `${name}: ${d.pick(values)}\r\n`;
    return onHeader(text, (lines) => {
      const i = lines.findIndex((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
      return i < 0 ? [line, ...lines] : [...lines.slice(0, i), line, ...lines.slice(i + 1)];
    });
  },
  messageIdGarbage(d, text) {
    const values = [
      Array.from({ length: d.size(50_000) }, (_, i) => `<id${i}@x>`).join(' '),
      '<'.repeat(d.size(100_000)),
      '<a@b',
      '<>',
      '<' + 'x'.repeat(d.size(500_000)) + '@y>',
      '(((((<a@b>',
    ];
    const name = d.pick(['Message-ID', 'In-Reply-To', 'References']);
    return onHeader(text, (lines) => [
      `${name}: ${d.pick(values)}\r\n`,
      ...lines.filter((l) => !l.toLowerCase().startsWith(name.toLowerCase() + ':')),
    ]);
  },
  receivedFlood(d, text) {
    const n = d.pick([29, 30, 31, 32, d.size(5000)]);
    return onHeader(text, (lines) => [`Received: from x by y; Mon, 1 Jan 2024 00:00:00 +0000\r\n`.repeat(n), ...lines]);
  },
  manyParts(d, text) {
    const n = d.size(20_000);
    const kind = d.pick(['empty', 'pdf', 'text', 'headerOnly']);
    const part =
      kind === 'empty'
        ? '--m\r\n\r\n'
        : kind === 'pdf'
          ? '--m\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\nJVBERg==\r\n'
          : kind === 'text'
            ? '--m\r\nContent-Type: text/plain\r\n\r\nhello\r\n'
            : '--m\r\nContent-Type: text/plain\r\n';
    const p = split(text);
    const lines = headerLines(p.header).filter((l) => !/^content-type:/i.test(l));
    return lines.join('') + 'Content-Type: multipart/mixed; boundary=m\r\n\r\n' + part.repeat(n) + '--m--\r\n';
  },
  hostileBody(d, text) {
    // Bodies that make text and HTML handling slow when done naively: long runs, deep nesting, huge lines.
    const n = d.size(500_000);
    const bodies = [
      `<pre>${' '.repeat(n)}x</pre>`,
      `<div>${'<div>'.repeat(Math.min(n, 100_000))}x`,
      `<table>${'<tr><td>'.repeat(Math.min(n, 50_000))}x</table>`,
      `<p>${'&amp;'.repeat(Math.min(n, 200_000))}</p>`,
      `<a href="${'x'.repeat(n)}">l</a>`,
      ' '.repeat(n) + 'x',
      '\t \t'.repeat(Math.ceil(n / 3)) + 'x',
      '> '.repeat(Math.ceil(n / 2)) + 'x',
      '>'.repeat(n),
      'On Mon, 1 Jan 2024, x wrote:\n'.repeat(Math.min(n, 20_000)),
      'a'.repeat(n),
      '-- \n'.repeat(Math.min(n, 100_000)),
      'From: x\nSent: y\nTo: z\nSubject: w\n'.repeat(Math.min(n, 20_000)),
      '[Important] '.repeat(Math.min(n, 50_000)),
      '?'.repeat(n),
      '1'.repeat(n),
      '\u00e4'.repeat(n),
      '<!--'.repeat(Math.min(n, 100_000)),
      '<style>' + 'a{}'.repeat(Math.min(n, 100_000)),
      '<' + 'a '.repeat(Math.min(n, 200_000)),
    ];
    const body = d.pick(bodies);
    const type = d.pick(['text/html', 'text/plain', 'text/html; charset=utf-8', 'text/plain; charset=iso-8859-1']);
    const p = split(text);
    const lines = headerLines(p.header).filter((l) => !/^content-(type|transfer-encoding):/i.test(l));
    if (d.chance(0.5) || p.body.length === 0)
      return lines.join('') + `Content-Type: ${type}\r\n\r\n` + body.slice(0, MAX_MUTANT_BYTES);
    // As one more part of a multipart message.
    const b = boundaries(text)[0];
    if (!b) return lines.join('') + `Content-Type: ${type}\r\n\r\n` + body.slice(0, MAX_MUTANT_BYTES);
    return insertAt(
      text,
      text.indexOf(`--${b}`) >= 0 ? text.indexOf(`--${b}`) : text.length,
      `--${b}\r\nContent-Type: ${type}\r\n\r\n${body}\r\n`,
    );
  },
  emptyish(d) {
    return d.pick([
      '',
      '\r\n',
      '\n\n',
      'From: a@b.c',
      'x',
      ':',
      '\r\n\r\nbody only',
      'Content-Type: multipart/mixed; boundary=a\r\n\r\n--a',
      '--a--',
    ]);
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

export interface Mutant {
  index: number;
  fixture: string;
  mutations: string[];
  raw: Buffer;
}

/** Message `index` of the run with `seed`: a fixture with one to four mutations applied. */
export function mutant(seed: number, index: number, fixtures: Fixture[]): Mutant {
  const d = new Dice(streamFor(seed, index));
  const fixture = d.pick(fixtures);
  const count = d.chance(0.5) ? 1 : d.range(2, 4);
  const names: string[] = [];
  let text = fixture.text;
  for (let i = 0; i < count; i++) {
    const name = d.pick(MUTATION_NAMES);
    try {
      text = MUTATIONS[name](d, text, fixtures);
      names.push(name);
    } catch (err) {
      // A mutation that would build a string longer than a string can be is skipped, and named so.
      if (!(err instanceof RangeError)) throw err;
      names.push(`${name} (skipped: too long)`);
    }
    if (text.length > MAX_MUTANT_BYTES) text = text.slice(0, MAX_MUTANT_BYTES);
  }
  return { index, fixture: fixture.name, mutations: names, raw: Buffer.from(text, 'latin1') };
}
