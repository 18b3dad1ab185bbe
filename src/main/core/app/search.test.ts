import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConversation } from '../ops/testing/seeded-record.js';
import { ftsQuery, spellings } from './search.js';
import { buyerWrites, eventually, removeTestDirs, startDemoApp, type TestApp } from './testing/test-app.js';

let app: TestApp;
let other: { alias: string };
beforeAll(async () => {
  app = await startDemoApp();
  // Another shop in the same store: its conversations must never turn up.
  app.ctx.sellers.add({
    id: 'shop-one',
    name: 'Shop One',
    email: 'cs@shop-one.example',
    password: 'x',
    language: 'en',
  });
  other = await seedConversation(app.ctx);
});
afterAll(async () => {
  await app.close();
  removeTestDirs();
});
const search = async (query: string, limit?: number) => app.call('inbox.search', { query, limit });
const names = async (query: string) => (await search(query)).map((r) => r.buyerName);

describe('one search box: alias, order number, buyer name, full text', () => {
  it('finds a buyer by alias, with or without the relay domain, in any letter case (R3)', async () => {
    const anna = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === 'Anna Müller')!;
    expect(await search(anna.alias)).toEqual([
      expect.objectContaining({ id: anna.id, snippet: `«${anna.aliasAddress}»` }),
    ]);
    expect((await search(anna.aliasAddress.toUpperCase())).map((r) => r.id)).toEqual([anna.id]);
    expect(await search(other.alias)).toEqual([]);
  });

  it('finds a conversation by its order number, whole or its beginning', async () => {
    expect(await names('302-5520981-7730120')).toEqual(['James Smith']);
    const prefix = await search('302-771');
    expect(prefix.map((r) => r.buyerName)).toEqual(['Lukas Weber']);
    expect(prefix[0].snippet).toBe('«302-771»9034-1184460');
  });

  it('finds a buyer by the start of any word of the name, in any letter case', async () => {
    expect(await names('anna')).toEqual(['Anna Müller']);
    const last = await search('müll');
    expect(last.map((r) => r.buyerName)).toEqual(['Anna Müller']);
    expect(last[0].snippet).toBe('Anna «Müller»');
    expect(await names('muller')).toEqual(['Anna Müller']); // diacritics folded
    expect(await names('WEBER')).toEqual(['Lukas Weber']);
  });

  it('finds words of the messages (FTS5): prefixes, all words, diacritics folded, newest first with the match marked', async () => {
    const gravur = await search('gravur');
    expect(gravur.map((r) => r.buyerName)).toEqual(['Anna Müller']);
    expect(gravur[0].snippet).toMatch(/«Gravur»/i);
    expect(await names('schreibschr')).toEqual(['Anna Müller']);
    expect(await names('familie muller')).toEqual(['Anna Müller']); // "Familie Müller"
    expect(await names('walnut thursday')).toEqual(['James Smith']);
    expect(await names('walnut gravur')).toEqual([]);
    expect(await names('prize')).toEqual(['Prize Center']);
    expect(await names('mug')).toEqual([]); // the other shop's words
    expect((await search('bestellung', 2)).length).toBe(2);
  });

  it('takes any text safely: quotes, operators and punctuation are words, not syntax', async () => {
    expect(ftsQuery('a "b" OR c*')).toBe('"a" "b" "OR" "c"*');
    expect(ftsQuery('!!!')).toBeNull();
    await expect(search('"NEAR(gravur')).resolves.toBeInstanceOf(Array);
    await expect(search('!!!')).resolves.toEqual([]);
  });
});

describe('German spellings and parts of an alias', () => {
  let jonas: { id: number; alias: string; aliasAddress: string };
  beforeAll(async () => {
    await buyerWrites(app, {
      from: { name: 'Jonas Mueller', address: 'jonas.m@mail.example' },
      subject: 'Lieferung in die Hauptstrasse',
      text: 'Grüße aus Köln! Bitte an die Gärtnerei Café Süd liefern, Stichwort Zirbelkiefer.\n',
    });
    jonas = await eventually(async () =>
      (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === 'Jonas Mueller'),
    );
  });

  it('finds "Müller" by "mueller" and "Mueller" by "Müller", in names and in the words of the messages', async () => {
    for (const query of ['mueller', 'Mueller', 'Müller', 'MÜLL', 'muel'])
      expect((await names(query)).sort(), query).toEqual(['Anna Müller', 'Jonas Mueller']);
    for (const query of [
      'koeln',
      'Gaertnerei',
      'gärtner',
      'hauptstraße',
      'Hauptstrasse',
      'cafe sued',
      'gruesse aus koeln',
    ])
      expect(
        (await search(query)).map((r) => r.id),
        query,
      ).toEqual([jonas.id]);
  });

  it('writes each word as any of its spellings, a word still being typed too', () => {
    expect(spellings('Müller')).toEqual(['Müller', 'mueller']);
    expect(spellings('Mueller')).toEqual(['Mueller', 'muller']);
    expect(spellings('Straße')).toEqual(['Straße', 'strasse']);
    expect(spellings('strasse')).toEqual(['strasse', 'straße']);
    expect(spellings('mue', true)).toEqual(['mue']); // not "mu": that starts every "mu…" word
    expect(ftsQuery('familie mueller')).toBe('"familie" AND ("mueller"* OR "muller"*)');
  });

  it("finds a conversation by the beginning or any inner piece of its alias, only among the shop's own", async () => {
    for (const part of [jonas.alias.slice(0, 6), jonas.alias.slice(5, 12), jonas.alias.slice(0, 14).toUpperCase()]) {
      const found = await search(part);
      expect(found[0]?.id, part).toBe(jonas.id);
      expect(found[0]?.snippet?.toLowerCase()).toContain(`«${part.toLowerCase()}»`);
    }
    expect(await search(other.alias.slice(2, 10))).toEqual([]);
  });
});

describe("the search box is no oracle for the buyer's hidden address (R5)", () => {
  it('finds a message by its words and the alias the seller sees, never by the real address in it', async () => {
    // The buyer's real address in the text, the signature and the subject; the seller sees the alias there.
    const real = 'lena.maria.vogel@mail.example.co.uk';
    await buyerWrites(app, {
      from: { name: 'Lena Vogel', address: real },
      subject: `Rückruf an ${real}`,
      text: `Schreiben Sie mir bitte direkt an ${real}, Stichwort Wacholderholz.\n\n-- \nLena Vogel\n${real.toUpperCase()}\n`,
    });
    const lena = await eventually(async () =>
      (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === 'Lena Vogel'),
    );

    // The address in any form the seller might guess it: none finds the conversation.
    for (const guess of [
      real,
      real.toUpperCase(),
      '"lena maria vogel mail example co uk"',
      'lena.maria.vogel',
      'vogel@mail.example',
      'maria vogel mail example',
      'mail.example.co.uk',
      '<lena.maria.vogel@mail.example.co.uk>',
    ])
      expect(await search(guess), guess).toEqual([]);

    // The words of the message, the seller's view of it and the buyer's name still find it.
    const word = await search('wacholderholz');
    expect(word.map((r) => r.id)).toEqual([lena.id]);
    // The snippet is cut from the same text the index read: the mark sits on the word, after the alias.
    expect(word[0].snippet).toContain(`an ${lena.aliasAddress}, Stichwort «Wacholderholz»`);
    expect((await search(`direkt an ${lena.aliasAddress}`)).map((r) => r.id)).toEqual([lena.id]);
    expect((await search(`Rückruf ${lena.alias}`)).map((r) => r.id)).toEqual([lena.id]);
    expect((await search(lena.aliasAddress)).map((r) => r.id)).toEqual([lena.id]);
    expect((await search('vogel')).map((r) => r.id)).toEqual([lena.id]);
  });
});
