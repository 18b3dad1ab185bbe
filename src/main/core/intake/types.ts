/**
 * The intake's API types, as fixed with the app's contract (src/shared/contract-intake.ts has the same shapes for the
 * renderer): core keeps its own copy so it builds without the UI layer.
 */
export interface IntakeAccountInput {
  sellerId: string;
  /** imaps://USER@HOST[:PORT] (implicit TLS, 993) or imap://USER@HOST[:PORT] (STARTTLS required, 143). */
  url: string;
  /** Default 'INBOX'. */
  folder?: string;
  /** Kept in the SecretStore (SECRET_KEYS.intakePassword(id)), never in the settings table. */
  password?: string;
  /** OAuth2 (XOAUTH2): stored like the password. */
  accessToken?: string;
  /** SHA-256 fingerprint of a self-signed server certificate the seller chose to trust ("AA:BB:…"). */
  trustFingerprint?: string;
}

export interface IntakeAccount {
  id: number;
  sellerId: string;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  folder: string;
  auth: 'password' | 'oauth2';
  hasSecret: boolean;
  trustFingerprint: string | null;
  createdAt: string;
}

export type IntakeStateName = 'connecting' | 'idle' | 'polling' | 'fetching' | 'retrying' | 'stopped';

export interface IntakeProblem {
  code: string;
  message: string;
  key: string;
  params: Record<string, string | number>;
}

export interface IntakeStatus {
  accountId: number;
  sellerId: string;
  /** "user@host · INBOX" */
  label: string;
  state: IntakeStateName;
  idleSupported: boolean | null;
  lastCheckAt: string | null;
  nextRetryAt: string | null;
  lastError: IntakeProblem | null;
  /** Counts since the account was added. */
  recorded: number;
  held: number;
}

export interface HeldIntakeMessage {
  id: number;
  accountId: number;
  sellerId: string;
  heldAt: string;
  subject: string | null;
  /** Never the sender's real address (R5). */
  recipient: string | null;
  size: number;
  reason: IntakeProblem;
}
