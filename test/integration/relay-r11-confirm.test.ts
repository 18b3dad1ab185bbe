/**
 * "A risky send asks first" (R11): a review request marked [Wichtig] to a buyer who opted out,
 * which the R12 classifier is sure is not needed to complete the order, through both front doors
 * over real SMTP sockets on 127.0.0.1:
 * - from the app it is not sent and not recorded (ECONFIRM) until the seller confirms;
 * - from a mail client it is accepted, recorded as held, not forwarded, and the seller is told by
 *   mail; released in the app it goes to the buyer and the R11 log says "released";
 * - "warn only" sends it with the warning; strict mode blocks it.
 * These rely on the shipped classifier model (src/main/core/policy/model/policy-model.json).
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendInputSchema } from '../../src/shared/contract.js';
import { getConversation } from '../../src/main/core/app/conversation.js';
import { dryRun, send } from '../../src/main/core/app/composer.js';
import { listInbox } from '../../src/main/core/app/inbox.js';
import { MimeViews } from '../../src/main/core/app/mime-view.js';
import { getPerformance } from '../../src/main/core/app/performance.js';
import { releaseHeld } from '../../src/main/core/relay/release.js';
import { OTHER_SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import { sqlGet, sqlValue } from '../../src/main/core/store/inspect.js';

// A German shop: [Wichtig] is its marketplace's tag (R10d).
const SHOP = OTHER_SELLER;
const SUBJECT = 'Bitte bewerten Sie uns';
const TAGGED = `[Wichtig] ${SUBJECT}`;
const BODY = 'Hallo, wir würden uns sehr über eine positive Bewertung mit fünf Sternen freuen. Vielen Dank!';

describe('R11 asks first: [Wichtig] on a message that is not needed to complete the order', () => {
  let h: Harness;
  let n = 0;
  const seller = () => h.ctx.sellers.require(SHOP.id);
  /** A fresh buyer of a standard order who opted out of unsolicited messages (R10). */
  const optedOutBuyer = () => {
    n++;
    const email = `kaeufer${n}@buyers.example`;
    h.ctx.orders.upsert({
      sellerId: SHOP.id,
      orderId: `302-0000000-11111${n}`,
      buyerEmail: email,
      buyerName: `Käufer ${n}`,
      category: 'standard',
    });
    h.ctx.pairs.setOptOut(email, true);
    return { email, alias: h.aliasOf(email, SHOP.id) };
  };
  const draft = (alias: string, confirm?: boolean) =>
    sendInputSchema.parse({
      alias,
      topic: 'other',
      subject: SUBJECT,
      body: BODY,
      important: true,
      ...(confirm ? { confirm } : {}),
    });
  const count = (table: string) => sqlValue<number>(h.ctx.store, `SELECT COUNT(*) FROM ${table}`)!;
  const lastUse = () =>
    sqlGet(
      h.ctx.store,
      'SELECT message_id, kind, category, necessary, verdict, override FROM important_uses ORDER BY id DESC LIMIT 1',
    );
  const fromMailClient = (alias: string) =>
    h.submit(SHOP, { from: SHOP.email, to: alias }, { subject: TAGGED, text: BODY });
  const recordedId = (alias: string) =>
    sqlValue<number>(
      h.ctx.store,
      `SELECT MAX(m.id) FROM messages m JOIN conversations c ON c.id = m.conversation_id
    JOIN pairs p ON p.id = c.pair_id WHERE p.alias = ? AND m.direction = 'seller-to-buyer'`,
      alias.split('@')[0],
    )!;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the dry run says Send must ask, and says why: a review request, with the deciding phrases', async () => {
    const buyer = optedOutBuyer();
    const check = await dryRun(h.ctx, seller(), draft(buyer.alias));
    expect(check.subject).toBe(TAGGED);
    expect(check.willDeliver).toBe(false);
    expect(check.decision.verdict).toBe('hold');
    expect(check.decision.reasons).toContainEqual(
      expect.objectContaining({ rule: 'R11', code: 'important-needs-confirmation' }),
    );
    expect(check.decision.category).toMatchObject({ category: 'review-request', necessary: false, unsure: false });
    expect(check.decision.category.phrases.join(' ')).toMatch(/bewerten|Bewertung/);
    expect(check.decision.warnings.map((w) => w.rule)).toEqual(['R11']);
  });

  it('from the app: refused with ECONFIRM and nothing recorded; with confirm it is delivered and logged as "sent anyway"', async () => {
    const buyer = optedOutBuyer();
    const before = { messages: count('messages'), outbox: count('outbox'), uses: count('important_uses') };
    const refused = send(h.ctx, seller(), draft(buyer.alias), 'de');
    await expect(refused).rejects.toMatchObject({ code: 'ECONFIRM' });
    await expect(refused).rejects.toThrow(/Trotzdem senden/);
    expect({ messages: count('messages'), outbox: count('outbox'), uses: count('important_uses') }).toEqual(before);

    const sent = await send(h.ctx, seller(), draft(buyer.alias, true), 'de');
    expect(sent.state).toBe('queued');
    expect(sent.decision.verdict).toBe('deliver');
    expect(sent.decision.rules).toContain('R10d');
    expect(sent.decision.warnings.map((w) => w.rule)).toEqual(['R11']);
    const [mail] = await h.sink.waitFor(1, { to: buyer.email });
    expect((await simpleParser(mail.raw)).subject).toBe(TAGGED);
    expect(lastUse()).toEqual({
      message_id: sent.messageId,
      kind: 'important-tag',
      category: 'review-request',
      necessary: 0,
      verdict: 'deliver',
      override: 'confirmed',
    });
    const logged = getPerformance(h.ctx, seller()).importantUses.find((u) => u.messageId === sent.messageId)!;
    expect(logged).toMatchObject({ verdict: 'deliver', override: 'confirmed', necessary: false });
  });

  it('from a mail client: held (250, not forwarded, the seller told by mail); released in the app it is delivered and logged as "released"', async () => {
    const buyer = optedOutBuyer();
    const noticesBefore = h.sink.messages.filter((m) => m.to.includes(SHOP.email)).length;
    await expect(fromMailClient(buyer.alias)).resolves.toMatch(/^250 .*held \(R11\)/);
    const id = recordedId(buyer.alias);
    expect(h.ctx.record.meta(id)?.verdict).toBe('held');
    expect(h.ctx.outbox.forMessage(id)).toEqual([]); // nothing on its way to the buyer
    expect(lastUse()).toMatchObject({ message_id: id, verdict: 'held', override: null });

    // The notice says how to release it, in the shop's language.
    const notices = await h.sink.waitFor(noticesBefore + 1, { to: SHOP.email });
    const notice = await simpleParser(notices.at(-1)!.raw);
    expect(notice.subject).toContain(TAGGED);
    // Held, not undeliverable: its own subject and notice kind.
    expect(notice.subject).toMatch(/^Zurückgehalten, bitte freigeben oder ändern: /u);
    expect(notice.headers.get('x-parley-notice')).toBe('held');
    expect(notice.text).toContain('Freigeben');
    expect(h.sink.messages.filter((m) => m.to.includes(buyer.email))).toEqual([]);

    const conversationId = h.ctx.record.meta(id)!.conversationId!;
    const view = () =>
      getConversation(h.ctx, seller(), conversationId, 'de', new MimeViews(h.ctx.store.blobs)).messages.find(
        (m) => m.id === id,
      )!;
    expect(view()).toMatchObject({ state: 'held', releasable: true, releasedAt: null });
    expect(view().reasons.find((r) => r.rule === 'R11')?.message).toContain('Freigeben');
    const row = () => listInbox(h.ctx, seller(), 'all', 0, 100).rows.find((r) => r.id === conversationId)!;
    expect(row().badges).toContain('held');

    const released = await releaseHeld(h.ctx, seller(), id, 'app');
    expect(released.decision.verdict).toBe('deliver');
    const [mail] = await h.sink.waitFor(1, { to: buyer.email });
    const forwarded = await simpleParser(mail.raw);
    expect(forwarded.subject).toBe(TAGGED);
    expect(forwarded.from?.text).toContain(SHOP.name); // R6
    expect(forwarded.text).toContain('fünf Sternen');
    expect(mail.raw.toString('latin1')).not.toContain(SHOP.email);
    // The record row stays as it was written (R21); the state comes from the release and the outbox.
    expect(h.ctx.record.meta(id)?.verdict).toBe('held');
    await expect.poll(() => view().state).toBe('delivered');
    expect(view()).toMatchObject({ releasable: false, reasons: [] });
    expect(view().releasedAt).not.toBeNull();
    expect(row().badges).not.toContain('held');
    expect(lastUse()).toEqual({
      message_id: id,
      kind: 'important-tag',
      category: 'review-request',
      necessary: 0,
      verdict: 'deliver',
      override: 'released',
    });
    expect(
      getPerformance(h.ctx, seller())
        .importantUses.filter((u) => u.messageId === id)
        .map((u) => [u.verdict, u.override]),
    ).toEqual([
      ['deliver', 'released'],
      ['held', null],
    ]);
    await expect(releaseHeld(h.ctx, seller(), id, 'app')).rejects.toMatchObject({ code: 'EEXISTS' });
  });

  it('a release is decided again: strict mode switched on meanwhile refuses it', async () => {
    const buyer = optedOutBuyer();
    await expect(fromMailClient(buyer.alias)).resolves.toMatch(/held/);
    const id = recordedId(buyer.alias);
    h.ctx.sellers.update(SHOP.id, { strict: true });
    try {
      await expect(releaseHeld(h.ctx, seller(), id, 'cli')).rejects.toMatchObject({
        code: 'EPOLICY',
        message: expect.stringContaining('R11'),
      });
      expect(h.ctx.outbox.forMessage(id)).toEqual([]);
      expect(h.ctx.releases.get(id)).toBeUndefined();
    } finally {
      h.ctx.sellers.update(SHOP.id, { strict: false });
    }
  });

  it('"warn only": the same message goes at once, with the R11 warning', async () => {
    const buyer = optedOutBuyer();
    h.ctx.sellers.update(SHOP.id, { urgentCheck: 'warn-only' });
    try {
      await expect(fromMailClient(buyer.alias)).resolves.toMatch(/queued/);
      await h.sink.waitFor(1, { to: buyer.email });
      const id = recordedId(buyer.alias);
      const decision = JSON.parse(sqlValue<string>(h.ctx.store, 'SELECT decision FROM messages WHERE id = ?', id)!);
      expect(decision).toMatchObject({ verdict: 'deliver', warnings: [expect.objectContaining({ rule: 'R11' })] });
      expect(lastUse()).toMatchObject({ message_id: id, verdict: 'deliver', override: null });
      const sent = await send(h.ctx, seller(), draft(buyer.alias), 'de'); // the app does not ask either
      expect(sent.decision.verdict).toBe('deliver');
    } finally {
      h.ctx.sellers.update(SHOP.id, { urgentCheck: 'confirm' });
    }
  });

  it('strict mode blocks it, from the app and from a mail client', async () => {
    const buyer = optedOutBuyer();
    h.ctx.sellers.update(SHOP.id, { strict: true });
    try {
      await expect(fromMailClient(buyer.alias)).resolves.toMatch(/blocked by policy \(.*R11/);
      expect(h.ctx.record.meta(recordedId(buyer.alias))?.verdict).toBe('block');
      await expect(send(h.ctx, seller(), draft(buyer.alias, true), 'de')).rejects.toMatchObject({ code: 'EPOLICY' });
    } finally {
      h.ctx.sellers.update(SHOP.id, { strict: false });
    }
  });
});
