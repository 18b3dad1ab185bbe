import { describe, expect, it } from 'vitest';
import { parseStructured } from './mime-params.js';

describe('parseStructured', () => {
  it.each([
    ['Text/HTML; Charset="UTF-8"', 'text/html', { charset: 'UTF-8' }],
    ['multipart/mixed;\tboundary="----=_Part_1; x"', 'multipart/mixed', { boundary: '----=_Part_1; x' }],
    ['multipart/mixed; boundary=abc ; x=1', 'multipart/mixed', { boundary: 'abc', x: '1' }],
    ['text/plain (a comment); format=flowed', 'text/plain', { format: 'flowed' }],
    ['text/plain;; ;charset=us-ascii;', 'text/plain', { charset: 'us-ascii' }],
    ['text/plain; charset', 'text/plain', {}],
    ['attachment; filename="a.txt"; filename="b.txt"', 'attachment', { filename: 'a.txt' }],
    ["attachment; filename*=''plain%20name", 'attachment', { filename: 'plain name' }],
    ["attachment; filename*=unknown-charset''caf%C3%A9", 'attachment', { filename: 'café' }],
    ['', '', {}],
  ])('%j', (input, value, params) => {
    const parsed = parseStructured(input);
    expect(parsed.value).toBe(value);
    expect({ ...parsed.params }).toEqual(params);
  });

  it('is fast on hostile input', () => {
    const started = performance.now();
    parseStructured('a/b' + ';'.repeat(200_000) + '=x');
    parseStructured('a/b; x="' + '\\'.repeat(200_000));
    parseStructured('a/b' + '('.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

// MIME fuzz (seed 1510427990, message 38420): a boundary parameter repeated to 3 MB by a hostile header cost
// seconds of garbage collection in every walk, as the quoted value grew one character at a time.
describe('parseStructured on a quoted value of megabytes', () => {
  it('reads it in one pass, escapes and all', () => {
    const value = `${"x'()+_,-./:=?  ".repeat(400_000)}\\"end`;
    const started = performance.now();
    const parsed = parseStructured(`multipart/mixed; boundary="${value}"; a=b`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(parsed.params.boundary).toBe(value.replace('\\"', '"'));
    expect(parsed.params.a).toBe('b');
  });
});
