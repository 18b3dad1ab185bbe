import { describe, expect, it } from 'vitest';
import { parseFields } from './header-block.js';
import { hostPattern, replaceHostNames } from './header-addresses.js';

describe('replaceHostNames', () => {
  // MIME fuzz (issue 13; seed 1510427990, messages 24119 and 56555): a From of `x@` and 50,000 dots made the host
  // pattern too large to compile, and the rewrite threw a SyntaxError.
  it('ignores a domain longer than a host name can be instead of throwing', () => {
    const fields = parseFields(Buffer.from('User-Agent: Mail on host.shop.example\r\n', 'latin1'));
    expect(() => hostPattern(['.'.repeat(50_000)])).not.toThrow();
    const out = replaceHostNames(fields, ['.'.repeat(50_000), 'shop.example'], 'relay.test');
    expect(out[0].raw.toString('latin1')).toBe('User-Agent: Mail on relay.test\r\n');
  });
});
