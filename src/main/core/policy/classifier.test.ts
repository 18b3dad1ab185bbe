import { describe, expect, it } from 'vitest';
import type { Language, MessageCategory } from '../../../shared/domain.js';
import { classify, detectLanguage, stripQuoted } from './classifier.js';

type Row = [string, string, string, MessageCategory, boolean | null, Language, string];

// R12: every category in both languages; the last column is one phrase that must be reported
// as it appears in the message.
const ROWS: Row[] = [
  ['customization en', 'Question about your ring', 'Hello, which engraving text would you like on the ring?', 'customization', true, 'en', 'which engraving'],
  ['customization en (personalise)', 'Your order', 'We need the name you want us to personalise the mug with.', 'customization', true, 'en', 'personalise'],
  ['customization de', 'Ihre Gravur', 'Guten Tag, bitte teilen Sie uns Ihren Wunschtext mit.', 'customization', true, 'de', 'Wunschtext'],
  ['customization de (Farbe)', 'Frage zu Ihrer Bestellung', 'Welche Farbe möchten Sie für das Kissen?', 'customization', true, 'de', 'Welche Farbe'],
  ['delivery-scheduling en', 'Delivery of your sofa', 'When are you at home? The freight company needs a delivery appointment.', 'delivery-scheduling', true, 'en', 'delivery appointment'],
  ['delivery-scheduling de', 'Liefertermin', 'Wann sind Sie zu Hause? Die Spedition möchte einen Zustelltermin vereinbaren.', 'delivery-scheduling', true, 'de', 'Zustelltermin'],
  ['address-problem en', 'Problem with your order', 'Your address is incomplete and the parcel was returned to sender.', 'address-problem', true, 'en', 'returned to sender'],
  ['address-problem de', 'Ihre Lieferadresse', 'Ihre Adresse ist unvollständig, die Hausnummer fehlt. Das Paket ist unzustellbar.', 'address-problem', true, 'de', 'Hausnummer fehlt'],
  ['review-request en', 'How was your order?', 'If you are happy, please leave us a review or some feedback.', 'review-request', false, 'en', 'leave us a review'],
  ['review-request de', 'Ihre Meinung', 'Bitte bewerten Sie uns, wir freuen uns über 5 Sterne.', 'review-request', false, 'de', 'Bitte bewerten Sie uns'],
  ['confirmation en (shipped)', 'Good news', 'Your order has been dispatched. Your tracking number is 1Z999.', 'confirmation', false, 'en', 'tracking number'],
  ['confirmation en (refund)', 'Your return', 'The refund has been processed and will reach your card soon.', 'confirmation', false, 'en', 'refund has been processed'],
  ['confirmation de (versandt)', 'Versand', 'Ihre Bestellung wurde versandt. Die Sendungsnummer lautet 123.', 'confirmation', false, 'de', 'Ihre Bestellung wurde versandt'],
  ['confirmation de (Erstattung)', 'Ihre Rücksendung', 'Die Erstattung wurde veranlasst.', 'confirmation', false, 'de', 'Erstattung wurde veranlasst'],
  ['proactive-service en', 'Your new kettle', 'Here is the manual and some tips for first use. See our FAQ for troubleshooting.', 'proactive-service', false, 'en', 'troubleshooting'],
  ['proactive-service de', 'Ihr Wasserkocher', 'Anbei die Bedienungsanleitung und ein paar Tipps für die Reinigung.', 'proactive-service', false, 'de', 'Bedienungsanleitung'],
  ['stock-delay en', 'About your order', 'Unfortunately the lamp is out of stock. We can offer an alternative product.', 'stock-delay', false, 'en', 'out of stock'],
  ['stock-delay en (delayed)', 'Update', 'Your parcel has been delayed by our supplier.', 'stock-delay', false, 'en', 'has been delayed'],
  ['stock-delay de', 'Lieferverzögerung', 'Leider ist der Artikel nicht auf Lager, die Lieferung verzögert sich.', 'stock-delay', false, 'de', 'nicht auf Lager'],
  ['other en', 'Hello', 'Just wanted to say hi and thank you.', 'other', null, 'en', ''],
  ['other de', 'Hallo', 'Wir wünschen Ihnen einen schönen Tag.', 'other', null, 'de', ''],
];

describe('classify (R12)', () => {
  it.each(ROWS)('%s', (_name, subject, text, category, necessary, language, phrase) => {
    const result = classify(subject, text, language === 'de' ? 'en' : 'de');
    expect(result.category).toBe(category);
    expect(result.necessary).toBe(necessary);
    expect(result.language).toBe(language);
    if (phrase) {
      expect(result.phrases).toContain(phrase);
      expect(result.confidence).toBeGreaterThan(0.4);
    } else {
      expect(result.phrases).toEqual([]);
      expect(result.confidence).toBe(0);
    }
  });

  it('ignores quoted lines', () => {
    const text = 'Thanks, that is all.\n\nOn Monday, buyer wrote:\n> please send me the manual and some tips\n> and your FAQ';
    expect(classify('Re: question', text, 'en').category).toBe('other');
    expect(classify('Re: question', text.replace(/^> /gmu, ''), 'en').category).toBe('proactive-service');
  });

  it('ignores quoted German lines, so a customization answer stays one', () => {
    const text = 'Welchen Wunschtext möchten Sie?\n> Bitte bewerten Sie uns\n>> Bewertung 5 Sterne';
    const result = classify('AW: Gravur', text, 'de');
    expect(result.category).toBe('customization');
    expect(result.phrases).not.toContain('Bitte bewerten Sie uns');
  });

  it('weighs a subject hit more than a body hit', () => {
    // The subject says "review", the body mentions the manual once: the subject wins.
    expect(classify('Please leave us a review', 'The manual is attached.', 'en').category).toBe('review-request');
    expect(classify('The manual', 'Please leave us a review.', 'en').category).toBe('proactive-service');
  });

  it('is more confident with more evidence', () => {
    const weak = classify('Hello', 'Feedback welcome.', 'en');
    const strong = classify('Please leave us a review', 'We would love your feedback and five stars.', 'en');
    expect(weak).toMatchObject({ category: 'review-request', confidence: 0.38 });
    expect(strong).toMatchObject({ category: 'review-request', confidence: 1 });
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Sehr geehrte Kundin, vielen Dank für Ihre Bestellung.', 'en', 'de'],
    ['Dear customer, thank you for your order.', 'de', 'en'],
    ['OK', 'de', 'de'],
    ['OK', 'en', 'en'],
  ] as const)('%s (hint %s) → %s', (text, hint, expected) => {
    expect(detectLanguage(text, hint)).toBe(expected);
  });
});

describe('stripQuoted', () => {
  it('drops quoted lines and the attribution line', () => {
    expect(stripQuoted('Yes.\nAm 3. Mai schrieb Käufer:\n> Frage\n  > more')).toBe('Yes.');
  });
});
