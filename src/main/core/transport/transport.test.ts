import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, type ContractHandlers } from '../../../shared/contract.js';
import { CALL_NAME_LIST } from '../../../shared/contract-names.js';
import { ParleyError } from '../errors.js';
import { FALLBACK_CSP, headerCsp, metaCsp } from './csp.js';
import { assertCompleteHandlers, INTERNAL_ERROR, invokeCall, isCallName } from './invoke.js';

function handlers(overrides: Partial<Record<string, (input: never) => unknown>> = {}): ContractHandlers {
  const all: Record<string, unknown> = {};
  for (const name of CALL_NAMES) all[name] = vi.fn(async () => ({ name }));
  return { ...all, ...overrides } as unknown as ContractHandlers;
}

describe('invokeCall', () => {
  it('hands the handler the parsed input, defaults applied', async () => {
    const list = vi.fn(async () => ({ total: 0, offset: 0, rows: [] }));
    const result = await invokeCall(handlers({ 'inbox.list': list }), 'inbox.list', { filter: 'response-needed' });
    expect(result).toEqual({ ok: true, value: { total: 0, offset: 0, rows: [] } });
    expect(list).toHaveBeenCalledWith({ filter: 'response-needed', offset: 0, limit: 100 });
  });

  it('refuses invalid input with EBADINPUT and readable words, without calling the handler', async () => {
    const list = vi.fn();
    const result = await invokeCall(handlers({ 'inbox.list': list }), 'inbox.list', {
      filter: 'everything',
      limit: 9999,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('EBADINPUT');
    expect(result.error.message).toMatch(/^filter: .*; limit: /);
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses unknown fields (strict schemas) and a missing input', async () => {
    const h = handlers();
    expect(await invokeCall(h, 'app.status', { sneaky: 1 })).toMatchObject({ ok: false, error: { code: 'EBADINPUT' } });
    expect(await invokeCall(h, 'conversation.get', undefined)).toMatchObject({
      ok: false,
      error: { code: 'EBADINPUT', message: /^input: / },
    });
  });

  it('passes a ParleyError through as its code and words, without an SMTP status prefix', async () => {
    const h = handlers({
      'conversation.get': () => {
        throw new ParleyError('ENOTFOUND', '5.1.1 No conversation 7');
      },
    });
    expect(await invokeCall(h, 'conversation.get', { id: 7 })).toEqual({
      ok: false,
      error: { code: 'ENOTFOUND', message: 'No conversation 7' },
    });
  });

  it("carries a ParleyError's message key and params, and schema issues as input.invalid with the issues", async () => {
    const h = handlers({
      'senders.add': () => {
        throw new ParleyError('EOTHERSELLER', '5.7.1 cs@other.example belongs to another shop', {
          detail: { key: 'sender.otherShop', params: { address: 'cs@other.example' } },
        });
      },
    });
    expect(await invokeCall(h, 'senders.add', { email: 'cs@other.example' })).toEqual({
      ok: false,
      error: {
        code: 'EOTHERSELLER',
        message: 'cs@other.example belongs to another shop',
        key: 'sender.otherShop',
        params: { address: 'cs@other.example' },
      },
    });
    const invalid = await invokeCall(h, 'inbox.list', { filter: 'everything' });
    if (invalid.ok) throw new Error('accepted');
    expect(invalid.error).toMatchObject({ code: 'EBADINPUT', key: 'input.invalid' });
    expect(invalid.error.params).toEqual({ issues: invalid.error.message });
  });

  it('turns anything else into "internal error" and logs the stack, not the renderer', async () => {
    const log = vi.fn();
    const h = handlers({
      'inbox.counts': async () => {
        throw new Error('SQLITE_CORRUPT: /home/seller/.config/Parley/parley.db');
      },
    });
    const result = await invokeCall(h, 'inbox.counts', {}, log);
    expect(result).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|home/);
    expect(log).toHaveBeenCalledWith('inbox.counts', expect.any(Error));
  });
});

describe('contract names', () => {
  it('the zod-free name list is exactly the contract', () => {
    expect([...CALL_NAME_LIST].sort()).toEqual([...CALL_NAMES].sort());
    expect(isCallName('inbox.list')).toBe(true);
    expect(isCallName('constructor')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
  });

  it('a backend missing a handler is refused at start-up, by name', () => {
    const partial = handlers() as unknown as Record<string, unknown>;
    delete partial['outbox.cancel'];
    expect(() => assertCompleteHandlers(partial)).toThrow(/missing: outbox\.cancel$/);
    expect(() => assertCompleteHandlers(handlers())).not.toThrow();
  });
});

describe('headerCsp', () => {
  const html = `<head><meta charset="UTF-8" /><meta
      http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'self'; frame-src 'self' blob:"
    /></head>`;

  it('reads the policy from the page and adds what a <meta> cannot carry', () => {
    expect(metaCsp(html)).toBe("default-src 'self'; script-src 'self'; frame-src 'self' blob:");
    expect(headerCsp(html)).toBe(
      "default-src 'self'; script-src 'self'; frame-src 'self' blob:; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('keeps a directive the page sets itself', () => {
    const own = html.replace("frame-src 'self' blob:", "form-action 'self'");
    expect(headerCsp(own)).toBe("default-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'");
  });

  it('falls back to the strict default when the page has no policy', () => {
    expect(headerCsp('<html></html>')).toBe(`${FALLBACK_CSP}; frame-ancestors 'none'; form-action 'none'`);
    expect(headerCsp(null)).toContain("script-src 'self'");
  });
});
