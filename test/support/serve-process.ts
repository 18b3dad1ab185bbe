import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const PARLEY_BIN = path.resolve(import.meta.dirname, '../../bin/parley.js');

export interface ServeProcess {
  child: ChildProcess;
  smtpPort: number;
  submissionPort: number;
  output: () => string;
}

/** Runs `parley serve --json` as its own process (with `env` over ours) and resolves once it listens. */
export function spawnServe(args: string[], timeoutMs = 20_000, env?: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [PARLEY_BIN, 'serve', '--json', '--smtp', '127.0.0.1:0', '--submission', '127.0.0.1:0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : undefined },
  );
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley serve did not start in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      try {
        const info = JSON.parse(out) as { smtp: string; submission: string };
        clearTimeout(timer);
        resolve({
          child,
          smtpPort: Number(info.smtp.split(':').pop()),
          submissionPort: Number(info.submission.split(':').pop()),
          output: () => out + err,
        });
      } catch {
        // not the whole document yet
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parley serve exited with ${code}: ${err}`));
    });
  });
}

/**
 * Runs `parley serve` over `dataDir` for a start that must fail (a flag error, a refused listener): its exit code and
 * stderr, trimmed. Bounded by 30 s.
 */
export function serveOnce(dataDir: string, args: string[]): { code: number | null; err: string } {
  const r = spawnSync(process.execPath, [PARLEY_BIN, 'serve', '--dns', 'offline', ...args, '--data', dataDir], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, err: r.stderr.trim() };
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A port that was free a moment ago (for a smarthost that starts later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
