import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MaildirTransport } from './transports.js';

describe('the local mailbox', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it.skipIf(process.platform === 'win32')(
    'keeps delivered mail readable by its owner only (0700 folders, 0600 files)',
    async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-maildir-'));
      dirs.push(root);
      await new MaildirTransport(root).send(
        { from: 'bounce@relay.test', to: ['Anna@Example.de'] },
        Buffer.from('Subject: x\r\n\r\nHallo\r\n'),
      );
      const box = path.join(root, 'anna@example.de');
      const [file] = fs.readdirSync(path.join(box, 'new'));
      expect(fs.readFileSync(path.join(box, 'new', file), 'utf8')).toContain('Hallo');
      for (const sub of ['', 'tmp', 'new', 'cur'])
        expect(fs.statSync(path.join(box, sub)).mode & 0o777, sub).toBe(0o700);
      expect(fs.statSync(path.join(box, 'new', file)).mode & 0o777).toBe(0o600);
    },
  );
});
