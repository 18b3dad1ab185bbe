import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every sub-command takes. */
export const GLOBAL_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

export class UsageError extends Error {}

export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** The OS app-data folder, the same one Electron's `app.getPath('userData')` gives the desktop app. */
export function defaultDataDir(): string {
  if (process.env.PARLEY_DATA) return process.env.PARLEY_DATA;
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Parley');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Parley');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Parley');
}

/** The data folder `--data` or the default names, as an absolute path; nothing is created. */
export function dataDirPath(values: { data?: string | boolean }): string {
  return typeof values.data === 'string' ? path.resolve(values.data) : defaultDataDir();
}

/** The data folder, created if missing; one that is a file or cannot be written is a usage error, not a stack trace. */
export function dataDir(values: { data?: string | boolean }): string {
  const given = typeof values.data === 'string';
  const dir = dataDirPath(values);
  const what = given ? `--data ${values.data as string}` : `the data folder ${dir}`;
  try {
    if (!fs.statSync(dir).isDirectory()) throw new UsageError(`${what}: is not a directory`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // the store's own mode: readable by its owner only
    } catch (mkdirErr) {
      throw new UsageError(`${what}: cannot create the directory (${(mkdirErr as NodeJS.ErrnoException).code})`);
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${what}: is not writable`);
  }
  return dir;
}

export function hostPort(value: string, what: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new UsageError(`${what} must be HOST:PORT, got "${value}"`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "5m", "2h", "5d" → milliseconds. */
export function duration(value: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!m) throw new UsageError(`${what} must be a duration like 30s, 5m, 2h or 5d, got "${value}"`);
  return Number(m[1]) * UNITS[m[2]];
}

export function onOff(value: string | undefined, what: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new UsageError(`${what} must be on or off, got "${value}"`);
}
