import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { sqlExec, sqlRun } from '../store/inspect.js';
import { flipByte, seedConversation, type SeededConversation } from './testing/seeded-record.js';
import { verifyStore } from './verify-store.js';

let dataDir: string;
let ctx: CoreContext;
let seeded: SeededConversation;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-'));
  ctx = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
  seeded = await seedConversation(ctx);
});

afterEach(() => {
  ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const rawShaOf = (id: number) => ctx.record.meta(id)!.rawSha256;

// R21: the record cannot be edited without it showing.
describe('verifyStore', () => {
  it('passes an untouched record, and an empty one', () => {
    expect(verifyStore(ctx)).toEqual({ ok: true, messages: 4 });
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-'));
    const empty = new CoreContext({ dataDir: emptyDir, domain: 'relay.test', dns: 'offline' });
    try {
      expect(verifyStore(empty)).toEqual({ ok: true, messages: 0 });
    } finally {
      empty.close();
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('keeps passing as records are appended, across pages', async () => {
    const raw = Buffer.from('Subject: bulk\r\n\r\nx\r\n');
    const rawSha256 = await ctx.store.blobs.put(raw);
    // One transaction (not one fsync per record), and more records than verifyStore reads per page.
    ctx.store.transaction(() => {
      for (let i = 0; i < 520; i++) {
        ctx.record.append({
          sellerId: null,
          conversationId: null,
          direction: 'buyer-to-seller',
          via: 'mail-client',
          envelopeFrom: 'x@example.com',
          envelopeTo: ['cs@shop.example'],
          fromName: i % 3 ? null : 'X',
          subject: `bulk ${i}`,
          messageId: null,
          relayMessageId: `<bulk-${i}@relay.test>`,
          inReplyTo: null,
          references: [`<r${i}@x>`],
          text: 'x',
          rawSha256,
          rawSize: raw.length,
          auth: i % 2 ? undefined : null,
          verdict: 'reject',
          decision: { verdict: 'reject', rules: ['R7'] },
          attachments: [],
        });
      }
    });
    expect(verifyStore(ctx)).toEqual({ ok: true, messages: 524 });
  });

  it('names the message whose original file was altered on disk', () => {
    const [, second] = seeded.messageIds;
    flipByte(ctx.store.blobs.pathOf(rawShaOf(second)));
    const result = verifyStore(ctx);
    expect(result.ok).toBe(false);
    expect(result.messages).toBe(2);
    expect(result.firstBad?.messageId).toBe(second);
    expect(result.firstBad?.problem).toMatch(/original message file .* is missing or altered/);
  });

  it('names the message whose original file is gone', () => {
    fs.rmSync(ctx.store.blobs.pathOf(rawShaOf(seeded.otherMessageId)));
    expect(verifyStore(ctx).firstBad?.messageId).toBe(seeded.otherMessageId);
  });

  it('names the message whose attachment file was altered', () => {
    const [, second] = seeded.messageIds;
    const { sha256 } = ctx.recordReader.attachmentsOf(second).find((a) => a.filename === 'setup.exe')!;
    flipByte(ctx.store.blobs.pathOf(sha256), 0);
    expect(verifyStore(ctx).firstBad).toEqual({
      messageId: second,
      problem: expect.stringContaining('attachment "setup.exe"'),
    });
  });

  it('names a message row altered behind the triggers', () => {
    const [, second] = seeded.messageIds;
    sqlExec(ctx.store, 'DROP TRIGGER messages_no_update');
    sqlRun(ctx.store, "UPDATE messages SET subject = 'Re: nothing happened' WHERE id = ?", second);
    expect(verifyStore(ctx).firstBad).toEqual({
      messageId: second,
      problem: expect.stringContaining('does not match its hash'),
    });
  });

  it.each([
    ['verdict', "'deliver'"],
    ['decision', "'{}'"],
    ['received_at', "'2020-01-01T00:00:00.000Z'"],
    ['raw_size', 'raw_size + 1'],
    ['auth', 'NULL'],
  ])('catches a change of %s', (column, value) => {
    const [, , third] = seeded.messageIds;
    sqlExec(ctx.store, 'DROP TRIGGER messages_no_update');
    sqlRun(ctx.store, `UPDATE messages SET ${column} = ${value} WHERE id = ?`, third);
    expect(verifyStore(ctx).firstBad?.messageId).toBe(third);
  });

  it('names a message whose attachment rows were altered, added to or removed', () => {
    const [first, second] = seeded.messageIds;
    sqlExec(ctx.store, 'DROP TRIGGER attachments_no_update; DROP TRIGGER attachments_no_delete');
    sqlRun(ctx.store, "UPDATE attachments SET removed = 0 WHERE message_id = ? AND filename = 'setup.exe'", second);
    expect(verifyStore(ctx).firstBad?.messageId).toBe(second);
    sqlRun(ctx.store, "UPDATE attachments SET removed = 1 WHERE message_id = ? AND filename = 'setup.exe'", second);
    expect(verifyStore(ctx).ok).toBe(true);
    sqlRun(ctx.store, 'DELETE FROM attachments WHERE message_id = ?', first);
    expect(verifyStore(ctx).firstBad?.messageId).toBe(first);
  });

  it('names the message after a removed one, and a rewritten chain start', () => {
    const [first, second] = seeded.messageIds;
    sqlExec(ctx.store, 'DROP TRIGGER messages_no_delete');
    sqlRun(ctx.store, 'DELETE FROM messages WHERE id = ?', seeded.otherMessageId);
    expect(verifyStore(ctx).firstBad).toEqual({
      messageId: second,
      problem: expect.stringContaining(`does not link to message ${first}`),
    });

    sqlExec(ctx.store, 'DROP TRIGGER messages_no_update');
    sqlRun(ctx.store, "UPDATE messages SET prev_hash = 'x' WHERE id = ?", first);
    expect(verifyStore(ctx).firstBad).toEqual({
      messageId: first,
      problem: expect.stringContaining('first record does not start the chain'),
    });
  });
});
