import { describe, expect, it } from 'vitest';
import { checkAdditionalInfo, findImportantTags, isAdditionalInfoSubject } from './tags.js';

describe('findImportantTags (R10d)', () => {
  it.each([
    ['[Important] Your engraving', ['[Important]']],
    ['Your engraving [IMPORTANT]', ['[IMPORTANT]']],
    ['Ihre Gravur [wichtig] bitte', ['[wichtig]']],
    ['[Wichtig] Zusätzliche Informationen erforderlich', ['[Wichtig]']],
    ['Re:[important]order 302', ['[important]']],
    ['Important: your engraving', []],
    ['(Important) your engraving', []],
    ['[ Important ] your engraving', []],
    ['[Important!] your engraving', []],
    ['[Wichtige] Info', []],
  ])('%s → %j', (subject, tags) => {
    expect(findImportantTags(subject)).toEqual(tags);
  });
});

describe('isAdditionalInfoSubject (R10c)', () => {
  it.each([
    ['Additional information required', true],
    ['additional information REQUIRED', true],
    ['  Additional   information required  ', true],
    ['Additional information required - 302-1111111-1111111', true],
    ['Additional information required: engraving text', true],
    ['Additional information required 302-1111111-1111111', true],
    ['Zusätzliche Informationen erforderlich', true],
    ['Zusaetzliche Informationen erforderlich', true],
    ['Zusätzliche Informationen erforderlich – Bestellung 302-1', true],
    ['[Wichtig] Zusätzliche Informationen erforderlich', true],
    ['Re: Additional information required', false],
    ['Additional information required for our newsletter', false],
    ['Some additional information required', false],
  ])('%s → %s', (subject, expected) => {
    expect(isAdditionalInfoSubject(subject)).toBe(expected);
  });
});

describe('checkAdditionalInfo (R10c counts only from app or CLI)', () => {
  const subject = 'Additional information required';
  it.each([
    [{ via: 'app', subject }, true, false],
    [{ via: 'cli', subject }, true, false],
    [{ via: 'mail-client', subject }, false, true],
    [{ via: 'automatic', subject }, false, true],
    [{ via: 'app', subject: 'Engraving', reason: 'additional-info' }, true, false],
    [{ via: 'mail-client', subject: 'Engraving', reason: 'additional-info' }, false, true],
    [{ via: 'app', subject: 'Engraving' }, false, false],
  ] as const)('%j → applies %s', (message, applies, ignored) => {
    const check = checkAdditionalInfo(message);
    expect(check.applies).toBe(applies);
    expect(check.ignoredBecauseOfVia).toBe(ignored);
  });
});
