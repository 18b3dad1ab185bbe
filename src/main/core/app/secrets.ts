/**
 * Where the app keeps secrets (smarthost password, DKIM key, the shop's submission password):
 * behind an interface, so the Electron shell can pass one backed by the OS (safeStorage) and
 * core stays free of 'electron'. Secrets never cross to the UI; only "is one set".
 */
import fs from 'node:fs';
import { writePrivateFile } from '../store/private-file.js';
import path from 'node:path';

export interface SecretStore {
  get(key: string): string | null;
  /** null removes the secret. */
  set(key: string, value: string | null): void;
}

export const SECRET_KEYS = {
  smarthostPassword: 'smarthost_password',
  dkimKey: 'dkim_key',
  sellerPassword: (sellerId: string) => `seller_password:${sellerId}`,
  /** The web bridge's token (app/bridge-token.ts): the printed link works until Settings' "New link". */
  bridgeToken: 'bridge_token',
  /** An IMAP intake mailbox's password, or its OAuth2 token (the account's `auth` says which). */
  intakePassword: (accountId: number) => `intake_password:${accountId}`,
} as const;

/**
 * The default without an OS secret store (the CLI, tests): a JSON file readable only by its
 * owner (mode 0600) in the data directory. It keeps secrets from other users of the machine,
 * not from programs running as this user; the desktop app passes a safeStorage-backed store.
 */
export class FileSecretStore implements SecretStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  private read(): Record<string, string> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`the secrets file ${this.file} cannot be read: ${(err as Error).message}`);
    }
  }

  get(key: string): string | null {
    const value = this.read()[key];
    return typeof value === 'string' ? value : null;
  }

  set(key: string, value: string | null): void {
    const all = this.read();
    if (value === null) delete all[key];
    else all[key] = value;
    writePrivateFile(this.file, JSON.stringify(all, null, 2));
  }
}
