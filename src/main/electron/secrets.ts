/**
 * The desktop app's SecretStore (core/app/secrets.ts): the smarthost password, the DKIM key and
 * the shop's submission password, encrypted with Electron's safeStorage (Keychain, DPAPI,
 * libsecret/KWallet) into one file in the user-data folder. Where the OS offers no real secret
 * storage Parley refuses to keep a secret rather than write it in the clear, and says why.
 */
import type { SafeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from '../core/errors.js';
import type { SecretStore } from '../core/app/secrets.js';
import { writePrivateFile } from '../core/store/private-file.js';

type Safe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export const SECRETS_FILE = 'secrets.safe.json';

/** Why secrets cannot be kept here, or null when they can. */
export function unavailableReason(safe: Safe, platform: NodeJS.Platform): string | null {
  if (!safe.isEncryptionAvailable()) {
    return "the operating system's secret storage (Keychain, Windows DPAPI, GNOME Keyring or KWallet) is not available";
  }
  // Electron's fallback on a Linux desktop without a keyring encrypts with a fixed, public key.
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no keyring (GNOME Keyring or KWallet) is running, and without one the secret would be stored with a publicly known key';
  }
  return null;
}

export class SafeStorageSecrets implements SecretStore {
  readonly file: string;

  constructor(
    private readonly safe: Safe,
    userDataDir: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = path.join(userDataDir, SECRETS_FILE);
  }

  private read(): Record<string, string> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new ParleyError('ESTORE', `the secrets file ${this.file} cannot be read: ${(err as Error).message}`);
    }
  }

  private write(all: Record<string, string>): void {
    writePrivateFile(this.file, JSON.stringify(all, null, 2));
  }

  get(key: string): string | null {
    const sealed = this.read()[key];
    if (typeof sealed !== 'string' || unavailableReason(this.safe, this.platform)) return null;
    try {
      return this.safe.decryptString(Buffer.from(sealed, 'base64'));
    } catch (err) {
      // The OS key changed (a new user profile, a reset keychain): the seller enters it again.
      console.error(`parley: the stored secret ${key} cannot be decrypted any more: ${(err as Error).message}`);
      return null;
    }
  }

  set(key: string, value: string | null): void {
    const all = this.read();
    if (value === null) {
      if (!(key in all)) return;
      delete all[key];
      this.write(all);
      return;
    }
    const why = unavailableReason(this.safe, this.platform);
    if (why)
      throw new ParleyError(
        'ESTORE',
        `Parley keeps passwords and keys only in the system's secret storage, and ${why}. Nothing was saved.`,
      );
    all[key] = this.safe.encryptString(value).toString('base64');
    this.write(all);
  }
}
