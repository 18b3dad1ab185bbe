// @vitest-environment jsdom
/**
 * One normalizer for whatever a call threw: the code, and words in the UI language — the message key's (with its
 * params) where the backend sent one, else the code's, else the backend's own English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '../i18n';
import { ApiError, failure, relayProblem } from './errors';

afterEach(() => useLanguage.setState({ language: 'en' }));

/** An R9 refusal of `senders.add` as it crosses the boundary (app/setup.test.ts checks the backend sends this). */
const R9 = {
  code: 'EOTHERSELLER',
  message: "lager@other.example belongs to another shop: sellers do not write to each other's buyers (R9)",
  key: 'sender.otherShop',
  params: { address: 'lager@other.example' },
};

describe('failure', () => {
  it('words an R9 refusal of senders.add in German when the UI speaks German, in English otherwise', () => {
    useLanguage.setState({ language: 'de' });
    const german = failure(R9);
    expect(german).toEqual({
      code: 'EOTHERSELLER',
      message: 'lager@other.example gehört zu einem anderen Shop: Shops schreiben nicht an die Käufer anderer Shops.',
      key: 'sender.otherShop',
      params: { address: 'lager@other.example' },
    });
    // From the bridge's ApiError alike (it keeps key and params).
    expect(failure(new ApiError(R9.code, R9.message, R9)).message).toBe(german.message);

    useLanguage.setState({ language: 'en' });
    expect(failure(R9).message).toBe(
      "lager@other.example belongs to another shop: shops do not write to each other's buyers.",
    );
  });

  it('says why a held message was not released in the UI language, not in the policy text of the shop', () => {
    const refused = {
      code: 'EQUOTA',
      message: 'Not released: R16: Das Tageslimit von 600 Nachrichten ist erreicht.',
      key: 'release.refused',
      params: { reasons: 'policy.dailyLimit' },
    };
    useLanguage.setState({ language: 'de' });
    expect(failure(refused).message).toBe(
      'Nicht freigegeben: das heutige Nachrichtenlimit ist erreicht; morgen kann sie gehen',
    );
    useLanguage.setState({ language: 'en' });
    expect(failure({ ...refused, params: { reasons: 'policy.stillBlocked' } }).message).toBe(
      'Not released: the policy check still stops it; the message says why',
    );
  });

  it("words a code without a key in the UI language, and keeps the backend's English only for a code it does not know", () => {
    useLanguage.setState({ language: 'de' });
    expect(failure({ code: 'ENOTFOUND', message: 'no conversation 7' })).toEqual({
      code: 'ENOTFOUND',
      message: 'Das gibt es nicht (mehr).',
    });
    expect(failure({ code: 'ENOTFOUND', message: 'x', key: 'no.such.key', params: {} }).message).toBe(
      'Das gibt es nicht (mehr).',
    );
    expect(failure({ code: 'ENEWCODE', message: 'something new' }).message).toBe('something new.');
  });

  it('puts the params into the words, and leaves a placeholder whose param did not arrive as it is', () => {
    const taken = { code: 'EEXISTS', message: '…', key: 'address.taken' };
    useLanguage.setState({ language: 'de' });
    expect(failure({ ...taken, params: { address: 'cs@x.example', shop: 'x' } }).message).toBe(
      'cs@x.example ist bereits die Adresse des Shops „x“.',
    );
    // Only strings and numbers are put into words.
    expect(failure({ ...taken, params: { address: { html: '<b>' }, shop: 'x' } }).message).toBe(
      '{address} ist bereits die Adresse des Shops „x“.',
    );
  });

  it('words a param that is a word key (why a certificate failed) in the UI language, inside the sentence', () => {
    const cert = {
      code: 'EBADINPUT',
      message: 'the certificate of imap.shop.example is not trusted (self-signed)',
      key: 'intake.certificate',
      params: { reason: 'cert.selfSigned', fingerprint: 'AB:CD' },
    };
    useLanguage.setState({ language: 'de' });
    expect(failure(cert)).toMatchObject({
      message: 'Dem Zertifikat des Mailservers wird nicht vertraut (selbst signiert). Sein Fingerabdruck: AB:CD',
      params: { reason: 'selbst signiert', fingerprint: 'AB:CD' },
    });
    useLanguage.setState({ language: 'en' });
    expect(failure(cert).message).toBe(
      'The mail server’s certificate is not trusted (self-signed). Its fingerprint: AB:CD',
    );
  });

  it("gives the transports' codes and EINTERNAL words in the UI language", () => {
    useLanguage.setState({ language: 'de' });
    expect(failure({ code: 'ENETWORK', message: 'fetch failed' }).message).toMatch(/nicht erreichbar/);
    expect(failure({ code: 'EINTERNAL', message: 'internal error' }).message).toMatch(/Fehler aufgetreten/);
    expect(failure({ code: 'EHTTP502', message: 'HTTP 502' }).message).toContain('HTTP 502');
  });

  it('makes anything else EUNKNOWN with its own message, or words when it has none', () => {
    expect(failure(new Error('Invalid PDF structure'))).toEqual({
      code: 'EUNKNOWN',
      message: 'Invalid PDF structure.',
    });
    expect(failure(undefined)).toEqual({ code: 'EUNKNOWN', message: 'Something went wrong.' });
  });
});

describe('relayProblem', () => {
  it('words why the relay is not running in the UI language, from the key the backend sent', () => {
    const held = {
      error: 'Another Parley relay (pid 4242 on box) is using this data directory',
      errorDetail: { key: 'relay.running' as const, params: { pid: 4242, host: 'box' } },
    };
    useLanguage.setState({ language: 'de' });
    expect(relayProblem(held)).toBe(
      'Ein anderes Parley-Relay (Prozess 4242 auf box) nutzt diesen Datenordner bereits: Beenden Sie es zuerst.',
    );
    useLanguage.setState({ language: 'en' });
    expect(relayProblem(held)).toMatch(/^Another Parley relay \(process 4242 on box\)/);
    expect(relayProblem({ error: 'old backend words', errorDetail: undefined })).toBe('old backend words');
    expect(relayProblem({ error: null, errorDetail: null })).toBeNull();
  });
});
