/** What Save sends, and where refusals land. */
import { describe, expect, it } from 'vitest';
import { appStatus } from '../../state/testing/fake-backend';
import { buildPatch, fromStatus, serverErrors, validatePatch } from './form';

describe('settings form', () => {
  const status = appStatus();

  it('sends nothing when nothing changed', () => {
    expect(buildPatch(fromStatus(status), status)).toEqual({});
  });

  it('sends changed fields only; an emptied smarthost means the local mailbox (null)', () => {
    const withHost = appStatus({ relay: { ...status.relay, smarthost: 'smtp://a.example:25' } });
    const form = { ...fromStatus(withHost), smarthost: '  ', strict: true, theme: 'dark' as const };
    expect(buildPatch(form, withHost)).toEqual({
      seller: { strict: true },
      relay: { smarthost: null },
      ui: { theme: 'dark' },
    });
  });

  it('secrets: kept unless changed to a value or removed', () => {
    const base = fromStatus(status);
    expect(buildPatch({ ...base, dkimKey: { mode: 'change', value: '' } }, status)).toEqual({});
    expect(buildPatch({ ...base, dkimKey: { mode: 'remove', value: '' } }, status)).toEqual({
      relay: { dkimKey: null },
    });
  });

  it('validates with the contract schemas, by field path', () => {
    const errors = validatePatch({ seller: { email: 'nope' }, relay: { submission: 'localhost' } });
    expect(Object.keys(errors).sort()).toEqual(['relay.submission', 'seller.email']);
  });

  it('maps EBADINPUT "path: message" pairs to fields, the rest to the form', () => {
    expect(serverErrors('relay.smtp: host:port; input: something else', ['relay.smtp'])).toEqual({
      'relay.smtp': 'host:port',
      '': 'input: something else',
    });
  });
});
