import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecrets, SECRETS_FILE, unavailableReason } from './secrets.js';

/** safeStorage as the OS would give it: reversible, and never the plain text on disk. */
function fakeSafeStorage(opts: { available?: boolean; backend?: 'gnome_libsecret' | 'basic_text' } = {}) {
  const key = 0x5a;
  return {
    available: opts.available ?? true,
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString: (text: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((b) => b ^ key)]),
    decryptString: (sealed: Buffer) => {
      if (sealed.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SafeStorageSecrets', () => {
  it('round-trips a secret, across instances, without the plain text in the file (0600)', () => {
    const safe = fakeSafeStorage();
    new SafeStorageSecrets(safe, dir, 'linux').set('smarthost_password', 'Sommer2025!');
    const again = new SafeStorageSecrets(safe, dir, 'linux');
    expect(again.get('smarthost_password')).toBe('Sommer2025!');
    expect(again.get('dkim_key')).toBeNull();
    const file = path.join(dir, SECRETS_FILE);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('Sommer2025');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    again.set('smarthost_password', null);
    expect(again.get('smarthost_password')).toBeNull();
  });

  it('refuses to store a secret when the OS has no secret storage, and says why; nothing is written', () => {
    const secrets = new SafeStorageSecrets(fakeSafeStorage({ available: false }), dir, 'linux');
    expect(() => secrets.set('dkim_key', '-----BEGIN PRIVATE KEY-----')).toThrow(
      /only in the system's secret storage.*not available\. Nothing was saved/,
    );
    expect(() => secrets.set('dkim_key', '-----BEGIN PRIVATE KEY-----')).toThrow(
      expect.objectContaining({ code: 'ESTORE' }),
    );
    expect(fs.existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });

  it("refuses Linux's basic_text fallback (a publicly known key)", () => {
    const safe = fakeSafeStorage({ backend: 'basic_text' });
    expect(unavailableReason(safe, 'linux')).toMatch(/no keyring/);
    expect(unavailableReason(safe, 'darwin')).toBeNull();
    expect(() => new SafeStorageSecrets(safe, dir, 'linux').set('smarthost_password', 'x')).toThrow(/no keyring/);
  });

  it('still removes a secret while storage is unavailable', () => {
    const safe = fakeSafeStorage();
    const secrets = new SafeStorageSecrets(safe, dir, 'linux');
    secrets.set('smarthost_password', 'pw');
    safe.available = false;
    expect(secrets.get('smarthost_password')).toBeNull();
    secrets.set('smarthost_password', null);
    safe.available = true;
    expect(secrets.get('smarthost_password')).toBeNull();
  });

  it('answers null for a secret the OS key no longer opens, and keeps the others', () => {
    const safe = fakeSafeStorage();
    const secrets = new SafeStorageSecrets(safe, dir, 'linux');
    secrets.set('dkim_key', 'KEY');
    const file = path.join(dir, SECRETS_FILE);
    const all = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...all, smarthost_password: Buffer.from('garbage').toString('base64') }));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect(secrets.get('smarthost_password')).toBeNull();
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(secrets.get('dkim_key')).toBe('KEY');
  });
});
