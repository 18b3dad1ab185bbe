/**
 * What the contract says about the IMAP intake: the mailboxes Parley reads buyer mail from (a catch-all for the relay
 * domain at the seller's mail host, or the mailbox a marketplace forwards to), their state as the status bar and
 * Settings show it, and the messages it could not route, which stay in the mailbox's `Parley/Held` folder. No type
 * here carries a password or a token: a secret crosses once, in `intake.add`, and never back.
 */

/** connecting → idle (IDLE) or polling (no IDLE) → fetching; retrying after a failure, with backoff; stopped. */
export type IntakeStateName = 'connecting' | 'idle' | 'polling' | 'fetching' | 'retrying' | 'stopped';

/** A failure of the intake, worded like a ContractError: the UI words `key` with `params` in the seller's language. */
export interface IntakeProblem {
  code: string;
  /** English, for the CLI and the log. */
  message: string;
  /** ERROR_KEYS (`intake.authFailed`, `intake.certificate`, …). */
  key: string;
  params: Record<string, string | number>;
}

/** A connected mailbox. */
export interface IntakeAccountView {
  id: number;
  sellerId: string;
  host: string;
  port: number;
  /** true: implicit TLS (imaps); false: STARTTLS required (imap). */
  secure: boolean;
  user: string;
  folder: string;
  auth: 'password' | 'oauth2';
  /** A password (or token) is kept in the secret store; never the secret itself. */
  hasSecret: boolean;
  /** The SHA-256 fingerprint of a self-signed certificate the seller chose to trust ("AA:BB:…"). */
  trustFingerprint: string | null;
  createdAt: string;
}

/** One mailbox's state, pushed as 'intake.status' on every change. */
export interface IntakeStatus {
  accountId: number;
  sellerId: string;
  /** "user@host · INBOX" */
  label: string;
  state: IntakeStateName;
  /** Whether the server offers IDLE (null: not connected yet); without it Parley checks every few seconds. */
  idleSupported: boolean | null;
  lastCheckAt: string | null;
  nextRetryAt: string | null;
  lastError: IntakeProblem | null;
  /** Seconds between checks when the server has no IDLE. */
  pollSeconds?: number;
  /** Messages recorded and held since the mailbox was connected. */
  recorded: number;
  held: number;
}

/** A message the intake could not route or parse: moved to `Parley/Held` in the mailbox, never deleted. */
export interface HeldIntakeView {
  id: number;
  accountId: number;
  sellerId: string;
  heldAt: string;
  subject: string | null;
  /** Whom it was addressed to; never its sender (R5). */
  recipient: string | null;
  size: number;
  reason: IntakeProblem;
}

/** What "Test connection" found: the folder opened, with this many messages in it. */
export interface IntakeTestResult {
  idleSupported: boolean;
  messages: number;
}
