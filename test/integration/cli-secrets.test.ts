/**
 * Secrets stay off the command line: a seller's submission password and the smarthost's login come from a file, the
 * environment or a prompt; one given on the command line still works and earns a warning on stderr.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARLEY_BIN, spawnServe, stopProcess } from '../support/serve-process.js';

const WARNING = /^parley: warning: .* on the command line is visible to other users of this machine/m;

describe('secrets from a file, the environment or a prompt', () => {
  let dir: string;
  const parley = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PARLEY_SELLER_PASSWORD: '', PARLEY_SMARTHOST_PASSWORD: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const secretFile = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content, { mode: 0o600 });
    return file;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-secrets-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('seller add', () => {
    const data = () => path.join(dir, 'sellers');
    const add = (id: string, extra: string[], env?: NodeJS.ProcessEnv) =>
      parley(
        [
          'seller',
          'add',
          '--id',
          id,
          '--name',
          'Shop',
          '--email',
          `${id}@shop.example`,
          '--json',
          '--data',
          data(),
          ...extra,
        ],
        env,
      );
    const passwordOf = (out: string) => (JSON.parse(out) as { submission: { password: string } }).submission.password;

    it('takes the submission password from --password-file (its line, without the newline), with no warning', () => {
      const r = add('from-file', ['--password-file', secretFile('seller-pw', 'Kiefer-Tisch 42\n')]);
      expect(r.code, r.err).toBe(0);
      expect(passwordOf(r.out)).toBe('Kiefer-Tisch 42');
      expect(r.err).not.toMatch(WARNING);
    });

    it('takes it from $PARLEY_SELLER_PASSWORD', () => {
      const r = add('from-env', [], { PARLEY_SELLER_PASSWORD: 'env-secret-7' });
      expect(r.code, r.err).toBe(0);
      expect(passwordOf(r.out)).toBe('env-secret-7');
      expect(r.err).not.toMatch(WARNING);
    });

    it('still takes --password PW, and warns that the command line shows it', () => {
      const r = add('on-line', ['--password', 'visible-pw']);
      expect(r.code, r.err).toBe(0);
      expect(passwordOf(r.out)).toBe('visible-pw');
      expect(r.err).toMatch(WARNING);
      expect(r.err).toContain('--password-file FILE, $PARLEY_SELLER_PASSWORD or --ask-password');
    });

    // util-linux `script` gives the command a terminal; the test types once the prompt is shown.
    it.skipIf(spawnSync('script', ['--version']).status !== 0)(
      'asks for it on a terminal after --ask-password and does not echo what is typed',
      async () => {
        const args = ['seller', 'add', '--id', 'typed', '--name', 'Shop', '--email', 'typed@shop.example'];
        const command = [process.execPath, PARLEY_BIN, ...args, '--ask-password', '--json', '--data', data()]
          .map((a) => `'${a}'`)
          .join(' ');
        const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        const exited = new Promise<number | null>((resolve, reject) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`no answer in 30 s: ${out}`));
          }, 30_000);
          child.once('exit', (code) => {
            clearTimeout(timer);
            resolve(code);
          });
        });
        child.stdout.on('data', (d: Buffer) => {
          const before = out;
          out += d.toString('utf8');
          if (!before.includes('submission password:') && out.includes('submission password:'))
            child.stdin.write('typed at the prompt\r');
        });
        expect(await exited, out).toBe(0);
        expect(out.split('typed at the prompt')).toHaveLength(2); // once: in the JSON printed, not echoed
        expect(out).toContain('"password": "typed at the prompt"');
        child.stdin.end();
      },
    );

    it('refuses --ask-password without a terminal, an empty file and two sources, in one line (exit 2)', () => {
      for (const extra of [
        ['--ask-password'],
        ['--password-file', secretFile('empty', '\n')],
        ['--password', 'a', '--password-file', secretFile('b', 'b')],
      ]) {
        const r = add('refused', extra);
        expect(r.code, r.err).toBe(2);
        expect(r.err.trim().split('\n')).toHaveLength(1);
      }
      expect(JSON.parse(parley(['seller', 'list', '--json', '--data', data()]).out)).not.toContainEqual(
        expect.objectContaining({ id: 'refused' }),
      );
    });
  });

  describe('serve --smarthost', () => {
    let smarthost: SMTPServer;
    let port: number;
    const logins: { user: string; pass: string }[] = [];
    let arrived: () => void = () => {};
    const data = () => path.join(dir, 'relay');

    beforeAll(async () => {
      smarthost = new SMTPServer({
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        logger: false,
        disableReverseLookup: true,
        onAuth: (auth, _session, callback) => {
          logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
          callback(null, { user: auth.username });
        },
        onData: (stream, _session, callback) => {
          stream.resume();
          stream.on('end', () => {
            callback();
            arrived();
          });
        },
      });
      await new Promise<void>((resolve) => smarthost.listen(0, '127.0.0.1', resolve));
      port = (smarthost.server.address() as { port: number }).port;
      const r = parley(
        ['seller', 'add', '--id', 'shop-one', '--name', 'Shop One', '--email', 'cs@shop.example', '--data', data()],
        {
          PARLEY_SELLER_PASSWORD: 'unused-here',
        },
      );
      expect(r.code, r.err).toBe(0);
    });
    afterAll(() => new Promise<void>((resolve) => smarthost.close(() => resolve())));

    /** Serves with these flags and env, relays one buyer message, and returns the login the smarthost saw. */
    async function relayOne(flags: string[], env: NodeJS.ProcessEnv = {}) {
      logins.length = 0;
      const served = await spawnServe(['--data', data(), '--dns', 'offline', ...flags], 20_000, {
        PARLEY_SMARTHOST_PASSWORD: '',
        ...env,
      });
      try {
        const got = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`nothing reached the smarthost: ${served.output()}`)),
            20_000,
          );
          arrived = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port: served.smtpPort, ignoreTLS: true });
        try {
          await transport.sendMail({
            envelope: { from: 'buyer@buyers.example', to: 'shop-one@relay.parley.localhost' },
            from: 'buyer@buyers.example',
            to: 'shop-one@relay.parley.localhost',
            subject: 'Is the mug blue?',
            text: 'Hello, is the mug blue?',
          });
        } finally {
          transport.close();
        }
        await got;
        return { login: logins[0], output: served.output() };
      } finally {
        await stopProcess(served.child);
      }
    }

    it('logs in with the password from --smarthost-password-file and prints it nowhere', async () => {
      const file = secretFile('smarthost-pw', 'p@ss:w/rd%1\n');
      const r = await relayOne([
        '--smarthost',
        `smtp://relay-user@127.0.0.1:${port}?starttls=never`,
        '--smarthost-password-file',
        file,
      ]);
      expect(r.login).toEqual({ user: 'relay-user', pass: 'p@ss:w/rd%1' });
      expect(r.output).not.toContain('p@ss');
      expect(r.output).not.toMatch(WARNING);
    }, 60_000);

    it('logs in with $PARLEY_SMARTHOST_PASSWORD', async () => {
      const r = await relayOne(['--smarthost', `smtp://relay-user@127.0.0.1:${port}?starttls=never`], {
        PARLEY_SMARTHOST_PASSWORD: 'from-the-env',
      });
      expect(r.login).toEqual({ user: 'relay-user', pass: 'from-the-env' });
    }, 60_000);

    it('still takes a password written in the URL, and warns that the command line shows it', async () => {
      const r = await relayOne(['--smarthost', `smtp://relay-user:in-url@127.0.0.1:${port}?starttls=never`]);
      expect(r.login).toEqual({ user: 'relay-user', pass: 'in-url' });
      expect(r.output).toMatch(WARNING);
      expect(r.output).toContain('--smarthost-password-file FILE or $PARLEY_SMARTHOST_PASSWORD');
    }, 60_000);

    it('refuses --smarthost-password-file without a user, or beside a password in the URL (exit 2)', () => {
      const file = secretFile('pw2', 'x');
      for (const url of [`smtp://127.0.0.1:${port}`, `smtp://u:p@127.0.0.1:${port}`]) {
        const r = parley([
          'serve',
          '--dns',
          'offline',
          '--smarthost',
          url,
          '--smarthost-password-file',
          file,
          '--data',
          data(),
        ]);
        expect(r.code, r.err).toBe(2);
        expect(r.err).toMatch(/^parley: --smarthost/);
      }
    });
  });
});
