import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { MIGRATIONS } from './migrations.js';
import type { NewMessage } from './record.js';

describe('the search index follows the record', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-fts-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  const message = (n: number, text: string): NewMessage => ({
    sellerId: null,
    conversationId: null,
    direction: 'buyer-to-seller',
    via: 'mail-client',
    envelopeFrom: 'b@buyer.example',
    envelopeTo: ['cs@shop.example'],
    fromName: 'B',
    subject: `Frage ${n}`,
    messageId: null,
    relayMessageId: `<${n}@relay.test>`,
    inReplyTo: null,
    references: [],
    text,
    rawSha256: 'a'.repeat(64),
    rawSize: 10,
    auth: null,
    verdict: 'deliver',
    decision: {},
    attachments: [],
  });
  const indexed = (ctx: CoreContext, word: string) =>
    ctx.store.db
      .prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid')
      .pluck()
      .all(`"${word}"`) as number[];

  it('indexes new messages in the background a moment later, all in one go', async () => {
    const ctx = new CoreContext({ dataDir: newDir(), dns: 'offline' });
    const ids = ctx.store.db.transaction(() =>
      [1, 2, 3].map((n) => ctx.record.append(message(n, `Eichenholz Nummer ${n}`)).id),
    )();
    expect(indexed(ctx, 'eichenholz')).toEqual([]); // not on the relay's commit
    const deadline = Date.now() + 5_000;
    while (indexed(ctx, 'eichenholz').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(indexed(ctx, 'eichenholz')).toEqual(ids);
    ctx.close();
  });

  it('takes in what is missing before a search, exactly once', () => {
    const ctx = new CoreContext({ dataDir: newDir(), dns: 'offline' });
    const first = ctx.store.db.transaction(() => ctx.record.append(message(1, 'Gravur bitte')).id)();
    ctx.store.searchIndex.catchUp();
    const second = ctx.store.db.transaction(() => ctx.record.append(message(2, 'Gravur vergessen')).id)();
    ctx.store.searchIndex.catchUp();
    ctx.store.searchIndex.catchUp();
    expect(indexed(ctx, 'gravur')).toEqual([first, second]);
    ctx.close();
  });

  it('opens a store of the earlier schema without indexing its messages twice', () => {
    const dir = newDir();
    const db = new Database(path.join(dir, 'parley.sqlite3'));
    for (const m of MIGRATIONS.filter((m) => m.version <= 4)) db.exec(m.sql);
    db.pragma('user_version = 4');
    db.prepare(
      `INSERT INTO messages (direction, via, envelope_from, envelope_to, subject, relay_message_id, refs, text, raw_sha256, raw_size, verdict, decision,
      received_at, prev_hash, record_hash) VALUES ('buyer-to-seller', 'mail-client', 'b@x', '[]', 'Alt', '<old@relay.test>', '[]', 'Holzkiste alt', ?, 1, 'deliver', '{}', '2026-01-01', ?, ?)`,
    ).run('a'.repeat(64), '0'.repeat(64), '1'.repeat(64));
    db.close();
    const ctx = new CoreContext({ dataDir: dir, dns: 'offline' });
    const added = ctx.store.db.transaction(() => ctx.record.append(message(2, 'Holzkiste neu')).id)();
    ctx.store.searchIndex.catchUp();
    expect(indexed(ctx, 'holzkiste')).toEqual([1, added]);
    ctx.close();
  });

  it("rebuilds the index of a store of schema 7 from the seller's view: the buyer's address is no longer in it (R5)", () => {
    const dir = newDir();
    const db = new Database(path.join(dir, 'parley.sqlite3'));
    for (const m of MIGRATIONS.filter((m) => m.version <= 7)) db.exec(m.sql);
    db.pragma('user_version = 7');
    db.exec(`INSERT INTO settings (key, value) VALUES ('domain', 'relay.test');
INSERT INTO sellers (id, name, email, password_hash, created_at) VALUES ('shop', 'Shop', 'cs@shop.example', 'x', '2026-01-01');
INSERT INTO buyers (email, name, created_at) VALUES ('anna.mueller@example.de', 'Anna', '2026-01-01');
INSERT INTO pairs (seller_id, buyer_id, alias, reply_token, created_at) VALUES ('shop', 1, 'k3x9q2m7p1z8w4t', 'tok', '2026-01-01');
INSERT INTO conversations (pair_id, started_by, subject, created_at, last_message_at) VALUES (1, 'buyer', 'Frage', '2026-01-01', '2026-01-01');`);
    db.prepare(
      `INSERT INTO messages (seller_id, conversation_id, direction, via, envelope_from, envelope_to, subject, relay_message_id, refs, text,
      raw_sha256, raw_size, verdict, decision, received_at, prev_hash, record_hash) VALUES ('shop', 1, 'buyer-to-seller', 'mail-client',
      'anna.mueller@example.de', '[]', 'Frage', '<old@relay.test>', '[]', ?, ?, 1, 'deliver', '{}', '2026-01-01', ?, ?)`,
    ).run('Wacholderholz? Antwort bitte an Anna.Mueller@example.de', 'a'.repeat(64), '0'.repeat(64), '1'.repeat(64));
    // Indexed as schema 7 did: the record's text.
    db.exec(`INSERT INTO messages_fts (rowid, subject, text) SELECT id, subject, text FROM messages;
UPDATE fts_progress SET through = 1;`);
    const old = db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck();
    expect(old.all('"mueller" "example"')).toEqual([1]);
    db.close();

    const ctx = new CoreContext({ dataDir: dir, dns: 'offline' });
    expect(indexed(ctx, 'mueller')).toEqual([]);
    expect(indexed(ctx, 'example')).toEqual([]);
    expect(indexed(ctx, 'wacholderholz')).toEqual([1]);
    expect(indexed(ctx, 'k3x9q2m7p1z8w4t')).toEqual([1]);
    expect([...ctx.search.messages('shop', '"antwort"')]).toEqual([
      { conversationId: 1, marked: 'Wacholderholz? «Antwort» bitte an k3x9q2m7p1z8w4t@relay.test' },
    ]);
    expect(ctx.store.db.prepare('SELECT text FROM messages').pluck().get()).toContain('Anna.Mueller@example.de'); // R21
    ctx.close();
  });

  it('reads the messages again when the relay domain changes: the alias address in the index is the one shown', () => {
    const dir = newDir();
    let ctx = new CoreContext({ dataDir: dir, dns: 'offline', domain: 'relay.test' });
    ctx.sellers.add({ id: 'shop', name: 'Shop', email: 'cs@shop.example', password: 'x', language: 'de' });
    const pair = ctx.pairs.ensurePair('shop', 'anna.mueller@example.de', 'Anna');
    ctx.store.db.transaction(() => {
      const conversationId = ctx.pairs.ensureConversation(pair.id, 'buyer', 'Frage');
      ctx.record.append({
        ...message(1, 'Bitte an anna.mueller@example.de antworten'),
        sellerId: 'shop',
        conversationId,
      });
    })();
    ctx.store.searchIndex.catchUp();
    ctx.close();

    ctx = new CoreContext({ dataDir: dir, dns: 'offline', domain: 'mail.parley.example' });
    expect(indexed(ctx, 'relay')).toEqual([]);
    expect([...ctx.search.messages('shop', '"antworten"')].map((h) => h.marked)).toEqual([
      `Bitte an ${pair.alias}@mail.parley.example «antworten»`,
    ]);
    ctx.close();
  });
});
