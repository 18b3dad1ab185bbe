import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface Envelope {
  /** '' is the null sender `<>` (bounce notices). */
  from: string;
  to: string[];
}

/** Where the outbox worker hands mail over. A thrown error with `responseCode` >= 500 is permanent. */
export interface Transport {
  readonly description: string;
  send(envelope: Envelope, raw: Buffer): Promise<string>;
  close(): void;
}

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** A smarthost over SMTP, connections pooled (nodemailer `pool`) so a busy outbox reuses them. */
export class SmarthostTransport implements Transport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(url: string, opts: { maxConnections?: number; dkim?: DkimOptions; name?: string } = {}) {
    const u = new URL(url);
    this.description = `smarthost ${u.protocol}//${u.host}`;
    this.transporter = nodemailer.createTransport({
      pool: true,
      maxConnections: opts.maxConnections ?? 5,
      maxMessages: Infinity,
      host: u.hostname,
      port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)),
      secure: u.protocol === 'smtps:',
      name: opts.name,
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      tls: { rejectUnauthorized: u.searchParams.get('tls') !== 'insecure' },
      ignoreTLS: u.searchParams.get('starttls') === 'never',
      connectionTimeout: 10_000, // ms: an unreachable smarthost defers quickly instead of hanging the outbox
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      dkim: opts.dkim,
    });
  }

  async send(envelope: Envelope, raw: Buffer): Promise<string> {
    const info = await this.transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
    return info.response ?? '250 OK';
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * The embedded local mailbox: with no smarthost, outbound mail lands in a Maildir per
 * recipient under `<data>/mailbox/<address>/new`, written and fsynced before it counts as delivered.
 */
export class MaildirTransport implements Transport {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `local mailbox ${root}`;
  }

  async send(envelope: Envelope, raw: Buffer): Promise<string> {
    const returnPath = Buffer.from(`Return-Path: <${envelope.from}>\r\nDelivered-To: ${envelope.to.join(', ')}\r\n`);
    for (const rcpt of envelope.to) {
      const box = path.join(this.root, rcpt.toLowerCase().replace(/[^a-z0-9@._+-]/g, '_'));
      for (const sub of ['tmp', 'new', 'cur']) await fs.promises.mkdir(path.join(box, sub), { recursive: true });
      const name = `${Date.now()}.${process.pid}_${crypto.randomBytes(6).toString('hex')}.parley`;
      const tmp = path.join(box, 'tmp', name);
      const fh = await fs.promises.open(tmp, 'wx');
      try {
        await fh.writeFile(Buffer.concat([returnPath, raw]));
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, path.join(box, 'new', name));
    }
    return `250 delivered to local mailbox (${envelope.to.length})`;
  }

  close(): void {}
}
