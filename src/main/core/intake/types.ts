/** The intake's API types: what a seller gives to connect a mailbox, and the contract's views of the rest. */
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

/** A connected mailbox, its state and a held message: the contract's shapes (core may import src/shared). */
export type {
  HeldIntakeView as HeldIntakeMessage,
  IntakeAccountView as IntakeAccount,
  IntakeProblem,
  IntakeStateName,
  IntakeStatus,
} from '../../../shared/contract-intake.js';
