// @vitest-environment jsdom
/** One normalizer for whatever a call threw: `{ code, message }`, the UI's own codes in the UI language. */
import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '../i18n';
import { ApiError, failure } from './errors';

afterEach(() => useLanguage.setState({ language: 'en' }));

describe('failure', () => {
  it("keeps the backend's code and words, from the bridge's ApiError or Electron's plain object", () => {
    const words = 'Blocked: the buyer opted out (R10)';
    expect(failure(new ApiError('EPOLICY', words))).toEqual({ code: 'EPOLICY', message: words });
    expect(failure({ code: 'EPOLICY', message: words })).toEqual({ code: 'EPOLICY', message: words });
  });

  it("gives the transports' codes and EINTERNAL words in the UI language", () => {
    useLanguage.setState({ language: 'de' });
    expect(failure({ code: 'ENETWORK', message: 'fetch failed' }).message).toMatch(/nicht erreichbar/);
    expect(failure({ code: 'EINTERNAL', message: 'internal error' }).message).toMatch(/Fehler aufgetreten/);
    expect(failure({ code: 'EHTTP502', message: 'HTTP 502' }).message).toContain('HTTP 502');
  });

  it('makes anything else EUNKNOWN with its own message, or words when it has none', () => {
    expect(failure(new Error('Invalid PDF structure'))).toEqual({ code: 'EUNKNOWN', message: 'Invalid PDF structure' });
    expect(failure(undefined)).toEqual({ code: 'EUNKNOWN', message: 'Something went wrong.' });
  });
});
