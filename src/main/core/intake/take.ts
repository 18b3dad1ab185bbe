/**
 * One message fetched from the shop's mailbox, taken in exactly once: routed by its recipient like RCPT on the
 * inbound listener (relay/routes.ts), recorded through the same accept pipeline as SMTP, and marked taken in the
 * record's own transaction. What cannot be routed or parsed is held with its reason; nothing is ever deleted.
 */
import crypto from 'node:crypto';
import type { CoreContext } from '../context.js';
import { isParleyError, ParleyError } from '../errors.js';
import { parseAddressList } from '../mail/addresses.js';
import { decodeHeaderValue } from '../mail/encoded-words.js';
import { parseFields, splitMessage, type HeaderField } from '../mail/header-block.js';
import { acceptFromBuyer } from '../relay/accept-buyer.js';
import { noteSmarthostBounce } from '../relay/bounces.js';
import { receivePostmaster } from '../relay/postmaster.js';
import type { Pair } from '../store/pairs.js';
import type { IntakeAccountRow, IntakeOutcome, IntakeStore } from '../store/intake.js';
import { fetchedAuth } from './auth.js';

/** Where the message goes in the mailbox once its outcome has committed. */
export type Disposition = 'done' | 'held';

export interface TakeScope {
  ctx: CoreContext;
  intake: IntakeStore;
  account: IntakeAccountRow;
  folder: string;
  uidValidity: number;
  /** Bytes: the accept pipeline's limit (the inbound listener's maxMessageBytes). */
  maxBytes: number;
}

type Route =
  | { kind: 'to-seller'; pair: Pair | null; recipient: string }
  | { kind: 'bounce'; token: string; recipient: string }
  | { kind: 'postmaster'; recipient: string };

export interface Problem {
  code: ParleyError['code'];
  message: string;
  key: string;
  params: Record<string, string | number>;
}

const problem = (code: Problem['code'], message: string, key: string, params: Problem['params'] = {}): Problem => ({
  code,
  message,
  key,
  params,
});

const valuesOf = (fields: HeaderField[], name: string) =>
  fields.filter((f) => !f.opaque && f.lowerName === name).map((f) => f.value);

/** Delivered-To / X-Original-To (what the mail host delivered to), else To and Cc. */
export function recipientsOf(fields: HeaderField[]): string[] {
  const delivered = [...valuesOf(fields, 'delivered-to'), ...valuesOf(fields, 'x-original-to')].flatMap((v) =>
    parseAddressList(v).map((m) => m.address.toLowerCase()),
  );
  const visible = [...valuesOf(fields, 'to'), ...valuesOf(fields, 'cc')].flatMap((v) =>
    parseAddressList(v).map((m) => m.address.toLowerCase()),
  );
  return [...new Set([...delivered, ...visible])];
}

/** The route of one recipient of ours, or why it is held. */
function routeOne(s: TakeScope, rcpt: string): Route | Problem {
  const { ctx, account } = s;
  const parsed = ctx.addresses.parse(rcpt);
  const unknown = () =>
    problem('ENOTFOUND', `no shop or buyer here has the address ${rcpt}`, 'intake.unknownRecipient', {
      recipient: rcpt,
    });
  const otherShop = () =>
    problem(
      'EOTHERSELLER',
      `${rcpt} is another shop's address: this mailbox belongs to ${account.sellerId}`,
      'intake.refused',
      {
        message: `${rcpt} is addressed to another shop`,
      },
    );
  switch (parsed.kind) {
    case 'seller':
      if (!ctx.sellers.get(parsed.sellerId)) return unknown();
      if (parsed.sellerId !== account.sellerId) return otherShop();
      return { kind: 'to-seller', pair: null, recipient: rcpt };
    case 'reply': {
      const pair = ctx.pairs.byReplyToken(parsed.token);
      if (!pair || pair.sellerId !== parsed.sellerId) return unknown();
      if (pair.sellerId !== account.sellerId) return otherShop();
      return { kind: 'to-seller', pair, recipient: rcpt };
    }
    case 'bounce':
      return { kind: 'bounce', token: parsed.token, recipient: rcpt };
    case 'postmaster':
      return { kind: 'postmaster', recipient: rcpt };
    case 'alias':
    case 'action':
      // The seller's side writes to an alias (R2, R7) through the submission port, where its login proves it; a copy
      // in the buyers' mailbox proves nothing about who sent it.
      return problem('EUNAUTHORIZED', `${rcpt} is written to from the shop's side, not by a buyer`, 'intake.refused', {
        message: `${rcpt} is a buyer's alias or an action address: send to it from your mail program through Parley`,
      });
    default:
      return unknown();
  }
}

function route(s: TakeScope, fields: HeaderField[]): Route | Problem {
  const all = recipientsOf(fields);
  const ours = all.filter((a) => s.ctx.addresses.isOwn(a));
  if (ours.length === 0)
    return problem('ENOTFOUND', 'the message is not addressed to any address of this relay', 'intake.noRecipient');
  let first: Problem | undefined;
  for (const rcpt of ours) {
    const r = routeOne(s, rcpt);
    if ('kind' in r) return r;
    first ??= r;
  }
  return first!;
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** The first Message-ID field as written, or null. */
export function messageIdOf(fields: HeaderField[]): string | null {
  return valuesOf(fields, 'message-id')[0]?.trim() || null;
}

export function subjectOf(fields: HeaderField[]): string | null {
  const v = valuesOf(fields, 'subject')[0];
  return v === undefined ? null : decodeHeaderValue(v).replace(/\s+/g, ' ').trim().slice(0, 300);
}

const isConstraint = (err: unknown) => /SQLITE_CONSTRAINT/.test(String((err as { code?: string }).code));

export class Taker {
  /** Messages under way in this process, by seen key: a duplicate in the same batch waits for the first. */
  private readonly inflight = new Map<string, Promise<Disposition>>();

  constructor(private readonly s: TakeScope) {}

  private seenKey(messageId: string | null, hash: string) {
    return `${messageId ?? ''}\u0000${hash}`;
  }

  /** Takes one message; resolves once its outcome is durable, with where the mailbox should file it. */
  async take(uid: number, raw: Buffer): Promise<Disposition> {
    let fields: HeaderField[];
    try {
      fields = parseFields(splitMessage(raw).header);
    } catch {
      fields = [];
    }
    const messageId = messageIdOf(fields);
    const hash = sha256(raw);
    const key = this.seenKey(messageId, hash);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.takeOnce(uid, raw, fields, messageId, hash).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /** A message too large to fetch whole: held on its header alone, keyed by the header and its size. */
  async holdTooLarge(uid: number, header: Buffer, size: number): Promise<Disposition> {
    const fields = parseFields(header);
    const messageId = messageIdOf(fields);
    const hash = sha256(Buffer.concat([header, Buffer.from(`\nsize ${size}`)]));
    const seen = this.s.intake.seen(this.s.account.sellerId, messageId, hash);
    if (seen) return dispositionOf(seen);
    return this.hold(uid, fields, messageId, hash, size, this.tooLarge(size));
  }

  private async takeOnce(
    uid: number,
    raw: Buffer,
    fields: HeaderField[],
    messageId: string | null,
    hash: string,
  ): Promise<Disposition> {
    const { ctx, intake, account } = this.s;
    const seen = intake.seen(account.sellerId, messageId, hash);
    if (seen) return dispositionOf(seen);
    const holdAs = (why: Problem, recipient?: string) =>
      this.hold(uid, fields, messageId, hash, raw.length, why, recipient);
    if (!fields.some((f) => !f.opaque))
      return holdAs(problem('EBADINPUT', 'the message cannot be read as an e-mail', 'intake.unparseable'));
    if (raw.length > this.s.maxBytes) return holdAs(this.tooLarge(raw.length));
    const r = route(this.s, fields);
    if (!('kind' in r)) return holdAs(r, r.params.recipient as string);
    const mark = (outcome: IntakeOutcome) => () =>
      intake.markSeen({ ...this.where(uid), sellerId: account.sellerId, messageId, sha256: hash, outcome });
    const sender = (valuesOf(fields, 'return-path')[0] ?? '').replace(/[<>\s]/g, '').toLowerCase();
    try {
      switch (r.kind) {
        case 'to-seller':
          await acceptFromBuyer(
            ctx,
            raw,
            { sellerId: account.sellerId, pair: r.pair },
            sender,
            fetchedAuth(ctx, raw),
            mark('recorded'),
          );
          return 'done';
        case 'bounce':
          // Idempotent by itself (a second report of the same bounce is ignored); marked after it.
          await noteSmarthostBounce(ctx, raw, r.token);
          await ctx.store.commits.run(mark('handled'));
          return 'done';
        case 'postmaster':
          await receivePostmaster(ctx, raw, { sender, ip: '' }, mark('handled'));
          return 'done';
      }
    } catch (err) {
      if (isConstraint(err)) {
        // Taken by another runner of the same shop meanwhile: the seen row says what became of it.
        const again = intake.seen(account.sellerId, messageId, hash);
        if (again) return dispositionOf(again);
      }
      if (isParleyError(err) && (err.responseCode ?? 550) >= 500) {
        const why = err.detail
          ? problem(err.code, err.message, err.detail.key, err.detail.params as Problem['params'])
          : problem(err.code, err.message, 'intake.refused', { message: err.message.replace(/^\d\.\d\.\d+ /, '') });
        return holdAs(why, r.recipient);
      }
      if (
        !isParleyError(err) &&
        err instanceof Error &&
        !/SQLITE|ENOSPC|EIO/.test(`${(err as { code?: string }).code}`)
      )
        return holdAs(
          problem('EBADINPUT', `the message cannot be read: ${err.message}`, 'intake.unparseable'),
          r.recipient,
        );
      throw err;
    }
  }

  private tooLarge(size: number): Problem {
    return problem(
      'ETOOLARGE',
      `the message is ${size} bytes, more than the relay takes (${this.s.maxBytes})`,
      'intake.tooLarge',
      { size, limit: this.s.maxBytes },
    );
  }

  private where(uid: number) {
    return { accountId: this.s.account.id, folder: this.s.folder, uidValidity: this.s.uidValidity, uid };
  }

  private async hold(
    uid: number,
    fields: HeaderField[],
    messageId: string | null,
    hash: string,
    size: number,
    why: Problem,
    recipient?: string,
  ): Promise<Disposition> {
    const { ctx, intake, account } = this.s;
    const rcpt =
      recipient ?? recipientsOf(fields).find((a) => ctx.addresses.isOwn(a)) ?? recipientsOf(fields)[0] ?? null;
    try {
      await ctx.store.commits.run(() => {
        intake.hold({
          accountId: account.id,
          sellerId: account.sellerId,
          subject: subjectOf(fields),
          // Whom it was for, never who sent it (R5); an address of the relay's or the shop's side.
          recipient: rcpt,
          size,
          code: why.code,
          message: why.message,
          key: why.key,
          params: why.params,
        });
        intake.markSeen({ ...this.where(uid), sellerId: account.sellerId, messageId, sha256: hash, outcome: 'held' });
      });
    } catch (err) {
      if (!isConstraint(err)) throw err;
      const again = intake.seen(account.sellerId, messageId, hash);
      if (again) return dispositionOf(again);
      throw err;
    }
    return 'held';
  }
}

const dispositionOf = (o: IntakeOutcome): Disposition => (o === 'held' ? 'held' : 'done');
