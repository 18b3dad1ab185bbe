import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { spliceOutgoing } from './commit.js';

const head = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

/** The outgoing copy put back together from what the outbox row keeps and the raw message's range. */
function assemble(raw: Buffer, s: NonNullable<ReturnType<typeof spliceOutgoing>>): Buffer {
  const { content, splice } = s;
  return Buffer.concat([
    content.subarray(0, splice.headLength),
    raw.subarray(splice.start, splice.end),
    content.subarray(splice.headLength),
  ]);
}

describe('the forwarded copy as bytes around the raw body', () => {
  const body = Buffer.from(randomBytes(40 * 1024).toString('base64'), 'latin1');
  const raw = Buffer.concat([head('From: a@b.example\nSubject: x\n\n'), body]);

  it('keeps the new header and the footer, and names the body where it is', () => {
    const header = head('From: alias@relay.test\nSubject: x\n\n');
    const copy = Buffer.concat([header, body, head('\n-- footer\n')]);
    const s = spliceOutgoing(raw, copy)!;
    expect(s.splice).toEqual({ start: raw.length - body.length, end: raw.length, headLength: header.length });
    expect(assemble(raw, s).equals(copy)).toBe(true);
  });

  it("finds the body after an earlier place that holds only the body's start", () => {
    const decoy = Buffer.concat([body.subarray(0, 1024), head('\n')]);
    const copy = Buffer.concat([head('From: alias@relay.test\nX-Note: '), decoy, head('\n'), body]);
    const s = spliceOutgoing(raw, copy)!;
    expect(s.splice.headLength).toBe(copy.length - body.length);
    expect(assemble(raw, s).equals(copy)).toBe(true);
  });

  it('gives up when the body changed', () => {
    const changed = Buffer.from(body);
    changed[changed.length - 10] ^= 1;
    expect(spliceOutgoing(raw, Buffer.concat([head('From: alias@relay.test\n\n'), changed]))).toBeNull();
  });
});
