/**
 * The web bridge's token for one data folder: whoever opens `http://127.0.0.1:PORT/#token=…` may act as the seller. It
 * is kept with the secrets (secrets.json, mode 0600, without an OS secret store), so the printed link and a bookmark
 * of it keep working across restarts; Settings' "New link" makes another, and the old one stops working at once.
 */
import crypto from 'node:crypto';
import { SECRET_KEYS, type SecretStore } from './secrets.js';

export const BRIDGE_TOKEN_KEY = SECRET_KEYS.bridgeToken;

/** 32 random bytes: nothing to guess. */
function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export class BridgeToken {
  private cached: string | null = null;

  constructor(private readonly secrets: SecretStore) {}

  /** The current token, made (and stored) the first time a data folder is served. */
  get value(): string {
    if (this.cached === null) {
      const stored = this.secrets.get(BRIDGE_TOKEN_KEY);
      this.cached = stored && stored.length >= 32 ? stored : this.store(newToken());
    }
    return this.cached;
  }

  /** "New link": a new token replaces the stored one. */
  rotate(): string {
    this.cached = this.store(newToken());
    return this.cached;
  }

  private store(token: string): string {
    this.secrets.set(BRIDGE_TOKEN_KEY, token);
    return token;
  }
}
