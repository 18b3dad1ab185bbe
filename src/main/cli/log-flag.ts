/**
 * `--log [FILE]`, which every command takes: the same log the app keeps (core/log.ts), in FILE or else in the data
 * folder's `logs/parley.log`. Taken off the arguments before the command parses its own, because node's parseArgs has
 * no flag whose value may be left out.
 */
import path from 'node:path';
import { fileLog, LOG_FILE, logDir, type Log } from '../core/log.js';

export interface LogFlag {
  /** The arguments without `--log` and its file. */
  args: string[];
  /** The log for a data folder, opened once; undefined without `--log`. */
  open(dataDir: string): Log | undefined;
  close(): void;
}

export function takeLogFlag(argv: string[]): LogFlag {
  const args: string[] = [];
  let wanted: string | true | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--log=')) wanted = arg.slice('--log='.length) || true;
    else if (arg !== '--log') args.push(arg);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) wanted = argv[++i];
    else wanted = true;
  }
  let log: (Log & { close(): void }) | undefined;
  return {
    args,
    open(dataDir) {
      if (wanted === undefined) return undefined;
      // Warnings and errors stay on stderr as without the log.
      log ??= fileLog(wanted === true ? path.join(logDir(dataDir), LOG_FILE) : path.resolve(wanted), { stderr: true });
      return log;
    },
    close: () => log?.close(),
  };
}
