/**
 * Parley's log: one line per event (ISO time, level, area, message) in `<data>/logs/parley.log`, rotated by size. The
 * relay, the outbox, the intake and internal errors write to it. A line never holds a buyer's real address (R5) or a
 * secret: every line passes `clean` before it is written, whoever wrote it.
 *
 * No singleton: a `Log` is made by whoever opens the app (the app service, the CLI's `--log`) and handed down in the
 * options, so a test opens its own in a temporary folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mayHoldAddress } from './mail/address-forms.js';
import { scrubber, type Scrub } from './mail/scrub.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogArea = 'relay' | 'outbox' | 'intake' | 'app' | 'store';

export interface Log {
  info(area: LogArea, message: string): void;
  warn(area: LogArea, message: string): void;
  /** `err`'s stack (or message) follows the message on the same line. */
  error(area: LogArea, message: string, err?: unknown): void;
  /** Values never written as they are from now on (a smarthost password, a mailbox's password). */
  hide(values: (string | null | undefined)[]): void;
  /** The same log, reading addresses with what a store knows: its buyers hidden, relay and shop addresses kept. */
  withAddresses(book: AddressKnowledge): Log;
}

export interface AddressKnowledge {
  /** Every buyer address the store knows: hidden in every spelling the relay's rewrite reads (mail/address-forms). */
  buyers(): string[];
  /** An address that may stay: under a relay domain, or one of the shop's own. */
  keep(address: string): boolean;
}

export interface FileLogOptions {
  /** Rotated when a line would take it over this size, in bytes. */
  maxBytes?: number;
  /** How many old files are kept besides the current one: `parley.log.1` (newest) … `parley.log.N`. */
  files?: number;
  now?: () => Date;
  /** Warnings and errors also go to the console (stderr), as they did before the log (the CLI, the app's console). */
  stderr?: boolean;
}

export const LOG_FILE = 'parley.log';
export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024; // 5 MB a file, 30 MB at most with 5 old ones
export const DEFAULT_LOG_FILES = 5;

/** The log folder of a data directory. */
export function logDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

// What the generic mask hides: an address in any of the at-sign spellings a text can carry (plain, `%40`, `&#64;`,
// `&#x40;`, `&commat;`). Local part and domain as loose as mail allows in practice.
const ANY_ADDRESS =
  /[A-Za-z0-9!#$%&'*+=?^_`{|}~.-]*?[A-Za-z0-9!#$'*+=?^_`{|}~-](?:@|%40|&#0*64;?|&#[xX]0*40;?|&commat;)(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+/g;
const AT_SPELLINGS = /%40|&#0*64;?|&#[xX]0*40;?|&commat;/;

// Secrets by their shape: URL credentials, SMTP AUTH arguments, `password=…`-like pairs, bearer tokens.
const SECRET_SHAPES: [RegExp, string][] = [
  // `]@` is no address to the mask below, which would else take `***@host` for one.
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]*):[^@\s/]*@/gi, '$1$2:[hidden]@'],
  [/\b(AUTH\s+(?:PLAIN|LOGIN|XOAUTH2|CRAM-MD5)\b)\s+\S+/gi, '$1 ***'],
  [/\b((?:pass(?:word|wd)?|secret|token|api[_-]?key)["']?\s*[=:]\s*["']?)[^\s"',;&]+/gi, '$1***'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***'],
];

/**
 * Every address in `text`, in any at-sign spelling, becomes `placeholder` unless written plainly and `keep` names it
 * (lower-cased). The log and the intake's held messages (app/intake-views.ts) hide addresses with it.
 */
export function maskAddresses(text: string, keep: (address: string) => boolean, placeholder: string): string {
  return text.replace(ANY_ADDRESS, (found) => {
    const plain = found.replace(AT_SPELLINGS, '@').replace(/^[.-]+/, '');
    return !AT_SPELLINGS.test(found) && keep(plain.toLowerCase()) ? found : placeholder;
  });
}

/**
 * One line as it may be written: secrets out, then the known buyers' addresses, then every other address not kept.
 * A line without an at sign in any spelling holds no address: the buyers are not even looked at then.
 */
export function clean(text: string, secrets: Iterable<string>, book?: AddressKnowledge, buyers?: Scrub): string {
  let out = text.replace(/[\r\n]+/g, ' ⏎ ');
  for (const value of secrets) if (value) out = out.split(value).join('***');
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  if (!mayHoldAddress(out)) return out;
  const hideBuyers = buyers ?? (book && scrubber(book.buyers(), '[buyer]'));
  if (hideBuyers) out = hideBuyers(out);
  return maskAddresses(out, (address) => Boolean(book?.keep(address)), '[address]');
}

/** Warnings and errors on the console as they were before the log: `parley relay: …` from the listeners. */
function toConsole(level: LogLevel, text: string, area: LogArea): void {
  if (level === 'info') return;
  const line = `parley${area === 'relay' ? ' relay' : ''}: ${text}`;
  if (level === 'warn') console.warn(line);
  else console.error(line);
}

interface Sink {
  /** `text` is the line without its time and level: what stderr shows. */
  write(line: string, level: LogLevel, text: string, area: LogArea): void;
  readonly secrets: Set<string>;
}

class Logger implements Log {
  private buyerScrub: { list: string[]; scrub: Scrub } | undefined;
  /** The buyers' scrubber, asked for only when a line may hold an address (clean). */
  private readonly hideBuyers: Scrub = (text) => {
    const scrub = this.buyers();
    return scrub ? scrub(text) : text;
  };

  constructor(
    private readonly sink: Sink,
    private readonly now: () => Date,
    private readonly book?: AddressKnowledge,
  ) {}

  info(area: LogArea, message: string): void {
    this.write('info', area, message);
  }

  warn(area: LogArea, message: string): void {
    this.write('warn', area, message);
  }

  error(area: LogArea, message: string, err?: unknown): void {
    const why = err === undefined ? '' : `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    this.write('error', area, message + why);
  }

  hide(values: (string | null | undefined)[]): void {
    // Short values would blank out ordinary words; a password that short is not worth hiding from its own log.
    for (const v of values) if (v && v.length >= 4) this.sink.secrets.add(v);
  }

  withAddresses(book: AddressKnowledge): Log {
    return new Logger(this.sink, this.now, book);
  }

  private buyers(): Scrub | undefined {
    if (!this.book) return undefined;
    const list = this.book.buyers();
    if (this.buyerScrub?.list !== list) this.buyerScrub = { list, scrub: scrubber(list, '[buyer]') };
    return this.buyerScrub.scrub;
  }

  private write(level: LogLevel, area: LogArea, message: string): void {
    try {
      const text = clean(message, this.sink.secrets, this.book, this.book && this.hideBuyers);
      const line = `${this.now().toISOString()} ${level.toUpperCase().padEnd(5)} ${area.padEnd(6)} ${text}`;
      this.sink.write(line, level, text, area);
    } catch (err) {
      // A log that cannot write must not stop the relay: said once on stderr by the sink, else dropped.
      process.stderr.write(`parley: the log could not be written: ${(err as Error).message}\n`);
    }
  }
}

/** Appends to `file`, rotating at `maxBytes`: parley.log → parley.log.1 → … → parley.log.N (the oldest dropped). */
class RotatingFile implements Sink {
  readonly secrets = new Set<string>();
  private fd: number | undefined;
  private size = 0;
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly files: number,
    private readonly stderr: boolean,
  ) {}

  write(line: string, level: LogLevel, text: string, area: LogArea): void {
    if (this.stderr) toConsole(level, text, area);
    const bytes = Buffer.from(`${line}\n`);
    try {
      if (this.fd === undefined) this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      fs.writeSync(this.fd!, bytes);
      this.size += bytes.length;
      this.failed = false;
    } catch (err) {
      if (!this.failed)
        process.stderr.write(`parley: the log ${this.file} cannot be written: ${(err as Error).message}\n`);
      this.failed = true;
      this.close();
    }
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.size = fs.fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    fs.rmSync(`${this.file}.${this.files}`, { force: true });
    for (let n = this.files - 1; n >= 1; n--) {
      if (fs.existsSync(`${this.file}.${n}`)) fs.renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    if (this.files > 0) fs.renameSync(this.file, `${this.file}.1`);
    else fs.rmSync(this.file, { force: true });
    this.open();
  }
}

/** A log written to `file` (made with its folder when the first line comes). */
export function fileLog(file: string, opts: FileLogOptions = {}): Log & { close(): void; readonly file: string } {
  const sink = new RotatingFile(
    file,
    opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES,
    opts.files ?? DEFAULT_LOG_FILES,
    opts.stderr ?? false,
  );
  const logger = new Logger(sink, opts.now ?? (() => new Date()));
  return Object.assign(logger, { close: () => sink.close(), file });
}

/** No file: warnings and errors on stderr as before the log existed (`parley serve` without `--log`, tests). */
export function stderrLog(): Log {
  const sink: Sink = {
    secrets: new Set(),
    write: (_line, level, text, area) => toConsole(level, text, area),
  };
  return new Logger(sink, () => new Date());
}
