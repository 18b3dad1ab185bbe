import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../shared/domain.js';
import type { Language, MessageCategory } from '../../../shared/domain.js';
import { classify, detectLanguage } from './classifier.js';

type Row = [string, string, string, MessageCategory, boolean | null, Language, string];

// R12: every category in both languages; the last column is one phrase that must be reported
// as it appears in the message.
const ROWS: Row[] = [
  [
    'customization en',
    'Question about your ring',
    'Hello, which engraving text would you like on the ring?',
    'customization',
    true,
    'en',
    'engraving|which',
  ],
  [
    'customization en (personalise)',
    'Your order',
    'We need the name you want us to personalise the mug with.',
    'customization',
    true,
    'en',
    'personalise|name',
  ],
  [
    'customization de',
    'Ihre Gravur',
    'Guten Tag, bitte teilen Sie uns Ihren Wunschtext mit.',
    'customization',
    true,
    'de',
    'gravur|wunschtext',
  ],
  [
    'customization de (Farbe)',
    'Frage zu Ihrer Bestellung',
    'Welche Farbe möchten Sie für das Kissen?',
    'customization',
    true,
    'de',
    'farbe|welche',
  ],
  [
    'delivery-scheduling en',
    'Delivery of your sofa',
    'When are you at home? The freight company needs a delivery appointment.',
    'delivery-scheduling',
    true,
    'en',
    'home|appointment|when',
  ],
  [
    'delivery-scheduling de',
    'Liefertermin',
    'Wann sind Sie zu Hause? Die Spedition möchte einen Zustelltermin vereinbaren.',
    'delivery-scheduling',
    true,
    'de',
    'zustelltermin|hause|wann|spedition|liefertermin',
  ],
  [
    'address-problem en',
    'Problem with your order',
    'Your address is incomplete and the parcel was returned to sender.',
    'address-problem',
    true,
    'en',
    'address|incomplete|sender',
  ],
  [
    'address-problem de',
    'Ihre Lieferadresse',
    'Ihre Adresse ist unvollständig, die Hausnummer fehlt. Das Paket ist unzustellbar.',
    'address-problem',
    true,
    'de',
    'adresse|hausnummer|unzustellbar',
  ],
  [
    'review-request en',
    'How was your order?',
    'If you are happy, please leave us a review or some feedback.',
    'review-request',
    false,
    'en',
    'review|feedback',
  ],
  [
    'review-request de',
    'Ihre Meinung',
    'Bitte bewerten Sie uns, wir freuen uns über 5 Sterne.',
    'review-request',
    false,
    'de',
    'bewerten|sterne|meinung',
  ],
  [
    'confirmation en (shipped)',
    'Good news',
    'Your order has been dispatched. Your tracking number is 1Z999.',
    'confirmation',
    false,
    'en',
    'dispatched|tracking',
  ],
  [
    'confirmation en (refund)',
    'Your return',
    'The refund has been processed and will reach your card soon.',
    'confirmation',
    false,
    'en',
    'refund|processed',
  ],
  [
    'confirmation de (versandt)',
    'Versand',
    'Ihre Bestellung wurde versandt. Die Sendungsnummer lautet 123.',
    'confirmation',
    false,
    'de',
    'versandt|sendungsnummer|versand',
  ],
  [
    'confirmation de (Erstattung)',
    'Ihre Rücksendung',
    'Die Erstattung wurde veranlasst.',
    'confirmation',
    false,
    'de',
    'erstattung|veranlasst',
  ],
  [
    'proactive-service en',
    'Your new kettle',
    'Here is the manual and some tips for first use. See our FAQ for troubleshooting.',
    'proactive-service',
    false,
    'en',
    'manual|tips|faq|troubleshooting|first use',
  ],
  [
    'proactive-service de',
    'Ihr Wasserkocher',
    'Anbei die Bedienungsanleitung und ein paar Tipps für die Reinigung.',
    'proactive-service',
    false,
    'de',
    'anleitung|tipps|reinigung',
  ],
  [
    'stock-delay en',
    'About your order',
    'Unfortunately the lamp is out of stock. We can offer an alternative product.',
    'stock-delay',
    false,
    'en',
    'stock|alternative',
  ],
  [
    'stock-delay en (delayed)',
    'Update',
    'Your parcel has been delayed by our supplier.',
    'stock-delay',
    false,
    'en',
    'delayed|supplier',
  ],
  [
    'stock-delay de',
    'Lieferverzögerung',
    'Leider ist der Artikel nicht auf Lager, die Lieferung verzögert sich.',
    'stock-delay',
    false,
    'de',
    'lager|verz',
  ],
  ['other en', 'Hello', 'Just wanted to say hi and thank you.', 'other', null, 'en', ''],
  ['other de', 'Hallo', 'Wir wünschen Ihnen einen schönen Tag.', 'other', null, 'de', ''],
];

describe('classify (R12)', () => {
  it.each(ROWS)('%s', (_name, subject, text, category, necessary, language, phrase) => {
    const result = classify(subject, text, language === 'de' ? 'en' : 'de');
    expect(result.category).toBe(category);
    expect(result.necessary).toBe(necessary);
    expect(result.language).toBe(language);
    // The deciding phrases are the seller's own words, quoted as written.
    for (const p of result.phrases) expect(`${subject}\n${text}`).toContain(p);
    // At least one deciding phrase carries a word of the expected ones.
    if (phrase) expect(result.phrases.join(' | ')).toMatch(new RegExp(phrase, 'iu'));
  });

  it('ignores quoted lines: a quoted buyer question does not make the answer its category', () => {
    const answer = 'Your parcel left our warehouse today with DHL, tracking number 1Z999AA10123456784.';
    const quote =
      '\n\nOn Monday, Anna wrote:\n> Could you send me the manual and some tips for the first use?\n> Is the lamp in stock again?';
    expect(classify('Re: question', answer, 'en').category).toBe('confirmation');
    expect(classify('Re: question', answer + quote, 'en').category).toBe('confirmation');
  });

  it('ignores quoted German lines, so a customization answer stays one', () => {
    const text = 'Welchen Wunschtext möchten Sie auf dem Ring?\n> Bitte bewerten Sie uns\n>> Bewertung 5 Sterne';
    const result = classify('AW: Gravur', text, 'de');
    expect(result.category).toBe('customization');
    expect(result.phrases.join(' ')).not.toMatch(/bewerten/iu);
  });

  it('weighs the subject more than one line of the body', () => {
    const body = 'Hello, a short note about your order 302-1234567-1234567.';
    expect(classify('Your order is delayed', body, 'en').category).toBe('stock-delay');
    expect(classify('Please rate your purchase', body, 'en').category).toBe('review-request');
  });

  it('explains against the runner-up: phrases for both sides, quoted from the message', () => {
    const text =
      'The lamp is delayed by a week. Please check that your address is complete, the house number seems to be missing.';
    const result = classify('Update', text, 'en');
    expect(result.category).toBe('address-problem');
    expect(result.runnerUp).toBe('stock-delay');
    expect(result.phrases.join(' ')).toMatch(/address|house number/u);
    expect(result.against!.join(' ')).toMatch(/delayed/u);
  });

  it('shows only meaningful phrases: no lone function words, no phrase across a sentence end', () => {
    const result = classify(
      'Your table',
      'Your oak table is ready and leaves us on Monday. Which day next week would suit you for the delivery?',
      'en',
    );
    expect(result.category).toBe('delivery-scheduling');
    for (const phrase of result.phrases) {
      expect(phrase).not.toMatch(/^(?:the|your|and|on|us)$/iu);
      expect(phrase).not.toMatch(/[.?!]\s/u);
    }
  });

  it('is never 100 % sure (calibration itself is measured on the held-out corpus)', () => {
    const clear = classify('Please rate us', 'We would love a five-star review of the lamp on the product page!', 'en');
    expect(clear.category).toBe('review-request');
    expect(clear.confidence).toBeLessThan(1);
  });

  it('says "not sure" below the threshold: the category is other, the guess is kept', () => {
    const result = classify('', 'ok', 'en');
    expect(result).toMatchObject({ category: 'other', necessary: null, unsure: true });
  });

  it('takes context as odds, not as a verdict: the topic the seller chose and a handmade order', () => {
    const text = 'We need a little more information from you before we can go on.';
    const plain = classify('Your order', text, 'en');
    const handmade = classify('Your order', text, 'en', { orderCategories: ['handmade'] });
    const topic = classify('Your order', text, 'en', { topic: 'customization' });
    expect(handmade.category).toBe('customization');
    expect(handmade.confidence).toBeGreaterThan(plain.confidence);
    expect(handmade.context).toContain('the order is handmade');
    expect(topic.confidence).toBeGreaterThan(plain.confidence);
    expect(topic.context).toContain('topic chosen: customization');
    // A review request stays one, whatever the order or the topic.
    const review = 'Please leave us a five-star review on the product page!';
    expect(
      classify('Please rate us', review, 'en', { orderCategories: ['handmade'], topic: 'customization' }).category,
    ).toBe('review-request');
  });
});

describe('classify: bad input never throws and stays fast', () => {
  const garbage = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 0xffff));
  it.each([
    ['empty', '', ''],
    ['subject only', '[Wichtig] Ihre Bestellung', ''],
    ['500 KB of text', 'Update', 'Lorem ipsum dolor sit amet, lieferung verzögert. '.repeat(10_000)],
    ['binary garbage', 'x', garbage],
    [
      'mixed scripts',
      'Заказ 注文 Bestellung',
      'Здравствуйте! ご注文ありがとうございます。 Ihre Bestellung wurde versandt. مرحبا',
    ],
    ['only a quote', 'Re: Frage', '> Wann kommt meine Bestellung?\n> Danke'],
    ['only whitespace and punctuation', '...', '\n\n  ?!  \n'],
  ])('%s', (_name, subject, text) => {
    const start = performance.now();
    const result = classify(subject, text, 'de');
    const ms = performance.now() - start;
    expect(CATEGORIES).toContain(result.category);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    // The goal is 5 ms (bench: npm run eval:policy); a test only catches runaway cost.
    expect(ms).toBeLessThan(100);
  });

  it('calls an empty message other with no confidence', () => {
    expect(classify('', '', 'en')).toMatchObject({ category: 'other', necessary: null, confidence: 0 });
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
