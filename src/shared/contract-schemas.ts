/**
 * The zod schemas of the contract's call inputs (contract.ts lists the calls): shared building blocks (ids, addresses,
 * host:port, fingerprints) and the larger inputs the renderer's forms check too.
 */
import { z } from 'zod';
import { THEMES, TOPICS, URGENT_CHECKS } from './vocabulary.js';

// ---------------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------------

export const id = z.number().int().positive();
export const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
export const hostPort = z.string().regex(/^[\w.:[\]-]+:\d{1,5}$/, 'host:port');
export const smarthostUrl = z.string().regex(/^smtps?:\/\/[^/\s]+(\/?\?[\w=&]*)?$/, 'smtp://host:port');
/** A SHA-256 certificate fingerprint, with or without colons; stored as Node prints it ("AB:CD:…"). */
export const fingerprint = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s:]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, 'a SHA-256 fingerprint (AB:CD:…)'))
  .transform((hex) => hex.match(/../g)!.join(':'));
export const base64 = z
  .string()
  .max(15_000_000)
  .regex(/^[A-Za-z0-9+/=\r\n]*$/, 'base64');
export const empty = z.object({}).strict();

/**
 * The IMAP intake's mailbox: `imaps://USER@HOST[:PORT]` (implicit TLS) or `imap://USER@HOST[:PORT]` (STARTTLS). The
 * user may hold an `@` of its own (a login that is an address): the host is what follows the last one.
 */
export const imapUrl = z
  .string()
  .trim()
  .max(1000)
  .regex(/^imaps?:\/\/[^\s/?#]+@(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?\/?$/i, 'imaps://user@host:993');
export const intakeFolder = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^\P{Cc}+$/u, 'a folder name'); // no control characters: a line break would end the IMAP command
/** SHA-256 of a certificate, as browsers and openssl print it: 32 hex pairs with colons. */
export const certFingerprint = z
  .string()
  .trim()
  .regex(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/i, 'AA:BB:…')
  .transform((f) => f.toUpperCase());
export const intakeAccountSchema = z
  .object({
    url: imapUrl,
    folder: intakeFolder.default('INBOX'),
    /** Kept in the secret store; it crosses once and is never returned. */
    password: z.string().min(1).max(1000),
    trustFingerprint: certFingerprint.optional(),
  })
  .strict();
export type IntakeAccountInput = z.input<typeof intakeAccountSchema>;

export const draftFileSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string().min(1).max(255),
    type: z.string().max(255),
    size: z.number().int().nonnegative(),
  })
  .strict();

/** What the composer holds; saved as a draft, dry-run while typing, and sent. */
export const draftInputSchema = z
  .object({
    /** The draft row; absent for a draft not saved yet. */
    id: id.optional(),
    /** A reply within a conversation, or a new message to the buyer of `alias`. */
    conversationId: id.optional(),
    alias: z.string().max(300).optional(),
    orderId: z.string().max(100).optional(),
    /** New messages: the subject list. Replies leave it out and keep their "Re:" subject. */
    topic: z.enum(TOPICS).optional(),
    subject: z.string().max(998),
    body: z.string().max(1_000_000),
    /** R10d/R11: prefix [Important] / [Wichtig]. */
    important: z.boolean().default(false),
    /** The buyer message this replies to (R10a): quoted and referenced. */
    replyToMessageId: id.optional(),
    attachments: z.array(draftFileSchema).max(20).default([]),
  })
  .strict();
export type DraftInput = z.input<typeof draftInputSchema>;

/** A saved reply as Settings and `parley template add` save it. */
export const templateInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(100),
    language: z.enum(['de', 'en']),
    subject: z.string().max(998).default(''),
    body: z.string().trim().min(1).max(100_000),
  })
  .strict();
export type TemplateInput = z.input<typeof templateInputSchema>;

/** Sending what the composer holds; `confirm`: the seller saw the R11 warning and chose "Send anyway". */
export const sendInputSchema = draftInputSchema.extend({ confirm: z.boolean().optional() }).strict();
export type SendInput = z.input<typeof sendInputSchema>;

export const sellerUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email,
    language: z.enum(['de', 'en']),
    bounceNotices: z.boolean(),
    strict: z.boolean(),
    urgentCheck: z.enum(URGENT_CHECKS),
  })
  .partial()
  .strict();

export const relayUpdateSchema = z
  .object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name'),
    smtp: hostPort,
    submission: hostPort,
    smarthost: smarthostUrl.nullable(),
    smarthostUser: z.string().max(254).nullable(),
    /** Kept with the OS secret store (Electron safeStorage) where there is one. */
    smarthostPassword: z.string().max(1000).nullable(),
    /** "Trust this certificate" for this smarthost; null: verify as usual. */
    smarthostFingerprint: fingerprint.nullable(),
    dkimSelector: z
      .string()
      .regex(/^[a-z0-9._-]{1,63}$/i)
      .nullable(),
    /** PEM private key; kept with the OS secret store. */
    dkimKey: z.string().max(20_000).nullable(),
    /** Paths of the listeners' PEM certificate and key (read at each start of the relay). */
    tlsCert: z.string().trim().max(4096).nullable(),
    tlsKey: z.string().trim().max(4096).nullable(),
    submissionTls: z.enum(['starttls', 'implicit']),
  })
  .partial()
  .strict();

export const uiUpdateSchema = z
  .object({
    language: z.enum(['de', 'en']),
    theme: z.enum(THEMES),
    notifications: z.boolean(),
    startAtLogin: z.boolean(),
    closeHintShown: z.boolean(),
  })
  .partial()
  .strict();
