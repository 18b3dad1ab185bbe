import { describe, expect, it } from 'vitest';
import { mapReferences, newMessageId, parseMessageIds } from './message-ids.js';

describe('newMessageId', () => {
  it('is <random@domain> with at least 24 characters of [a-z0-9], never repeating', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newMessageId('relay.test')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^<[a-z0-9]{24,}@relay\.test>$/);
  });
});

describe('parseMessageIds', () => {
  it.each([
    ['<a@b> <c@d>', ['<a@b>', '<c@d>']],
    ['<a@b>\r\n\t<c@d>', ['<a@b>', '<c@d>']],
    ['<a@b>,<c@d>', ['<a@b>', '<c@d>']],
    ['(comment) <a@b> garbage <c@d', ['<a@b>']],
    ['<a @b>', ['<a@b>']],
    ['a@b c@d', ['<a@b>', '<c@d>']],
    ['no ids here', []],
    ['', []],
    ['<>', []],
  ])('%j → %j', (value, ids) => {
    expect(parseMessageIds(value)).toEqual(ids);
  });
});

describe('mapReferences', () => {
  const table: Record<string, string> = {
    '<buyer-1@mail.test>': '<r1@relay.test>',
    '<buyer-2@mail.test>': 'r2@relay.test',
  };
  const map = (id: string): string | undefined => table[id];

  it('maps known ids, keeps unknown ones and the spacing between', () => {
    expect(mapReferences('<buyer-1@mail.test>\r\n <other@x.y> <buyer-2@mail.test>', map)).toBe(
      '<r1@relay.test>\r\n <other@x.y> <r2@relay.test>',
    );
  });

  it('maps bare ids when there are no brackets', () => {
    expect(mapReferences('buyer-1@mail.test other@x.y', map)).toBe('<r1@relay.test> other@x.y');
  });

  it('leaves a value without ids as it is', () => {
    expect(mapReferences('nothing', map)).toBe('nothing');
  });
});
