/**
 * Secrets a command needs (a seller's submission password, the smarthost's login) come from a file, the environment
 * or a prompt on the terminal, not from the command line: there other users of the machine see them in the process
 * list, and the shell keeps them in its history. One given on the command line still works, with a warning.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './args.js';
import { readUserFile } from './files.js';

// bytes: a password or an OAuth2 token; anything much larger is not one.
const SECRET_LIMIT = 16 * 1024;

export interface SecretSource {
  /** The flag naming a file that holds the secret (a trailing newline dropped), e.g. --password-file. */
  fileFlag: string;
  file?: string;
  /** The environment variable read when no file is given. */
  env: string;
  /** The prompt shown on a terminal when neither is given; without it (or without a terminal) nothing is asked. */
  prompt?: string;
}

/** The secret from `--…-file`, else `$ENV`, else typed at the terminal without echo; undefined when none applies. */
export async function readSecret(source: SecretSource): Promise<string | undefined> {
  if (source.file !== undefined) {
    const secret = readUserFile(source.fileFlag, source.file, SECRET_LIMIT)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (secret === '') throw new UsageError(`${source.fileFlag} ${source.file}: is empty`);
    return secret;
  }
  const fromEnv = process.env[source.env];
  if (fromEnv) return fromEnv;
  if (source.prompt === undefined || !process.stdin.isTTY) return undefined;
  return promptHidden(source.prompt);
}

/** Asks on the terminal (stderr, so --json output stays clean) and reads the answer without echoing it. */
export async function promptHidden(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_c, _e, done) => done() });
  // The interface puts the terminal in raw mode (no echo) first: what is typed once the prompt shows stays hidden.
  const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(`${prompt}: `);
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/** One line on stderr: a secret was given on the command line, and the ways that keep it out of sight. */
export function warnSecretOnCommandLine(what: string, instead: string): void {
  process.stderr.write(
    `parley: warning: ${what} on the command line is visible to other users of this machine (ps) and stays in ` +
      `your shell history; use ${instead} instead\n`,
  );
}

/**
 * A URL's password (smtp://user:pass@host) taken out of it: the URL without it and the password decoded, or the URL
 * as it is when it carries none.
 */
export function splitUrlPassword(url: string): { url: string; password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (parsed.password === '') return { url };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** The URL with `password` as its password (percent-encoded as a URL needs it). */
export function withUrlPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
