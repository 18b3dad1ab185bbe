import { describe, expect, it } from 'vitest';
import type { PolicyContext, PolicyMessage, RuleId, Verdict } from '../../../shared/domain.js';
import { evaluate } from './evaluate.js';
import { attachment, context, HEADS, sellerMessage } from './testing/messages.js';

const MB = 1024 * 1024;
const STANDARD = '302-1111111-1111111';
const HANDMADE = '302-2222222-2222222';

// Message bodies by what they are (R12), so that R11 rows can mix them with tags.
const REVIEW_EN = 'Thank you for your purchase! Please leave us a review.';
const REVIEW_DE = 'Vielen Dank für Ihren Einkauf! Bitte bewerten Sie uns.';
const ENGRAVING_EN = 'Which engraving text would you like on the ring?';
const ENGRAVING_DE = 'Bitte teilen Sie uns Ihren Wunschtext für die Gravur mit.';
const PLAIN_EN = 'Hello, a note about your order.';
const PLAIN_DE = 'Hallo, eine Nachricht zu Ihrer Bestellung.';

const optedOut = { buyerOptedOut: true } as const;
const de = { language: 'de' } as const;
const only = (category: 'handmade' | 'wine' | 'custom' | 'standard'): Partial<PolicyContext> => ({
  orders: [{ orderId: STANDARD, category }],
});
const twoOrders: Partial<PolicyContext> = {
  orders: [
    { orderId: STANDARD, category: 'standard' },
    { orderId: HANDMADE, category: 'handmade' },
  ],
};
const atQuota = (sentToday: number): Partial<PolicyContext> => ({
  quota: { sentToday, ordersInWindow: 96, windowDays: 30 },
}); // limit 616

type Row = [
  name: string,
  message: Partial<PolicyMessage>,
  context: Partial<PolicyContext>,
  verdict: Verdict,
  rules: RuleId[],
  warnings: string[],
];

const ROWS: Row[] = [
  // R10: an opted-out buyer gets no unsolicited message, in either language.
  ['R10 blocks (en)', { text: PLAIN_EN }, optedOut, 'block', ['R10'], []],
  ['R10 blocks (de)', { subject: 'Ihre Bestellung', text: PLAIN_DE }, { ...optedOut, ...de }, 'block', ['R10'], []],
  ['no opt-out: delivered', { text: PLAIN_EN }, {}, 'deliver', [], []],
  // R10a
  [
    'R10a reply to the buyer delivers (en)',
    { subject: 'Re: Question', repliesToBuyer: true },
    optedOut,
    'deliver',
    ['R10a'],
    [],
  ],
  [
    'R10a reply to the buyer delivers (de)',
    { subject: 'AW: Frage', text: PLAIN_DE, repliesToBuyer: true },
    { ...optedOut, ...de },
    'deliver',
    ['R10a'],
    [],
  ],
  // R10b
  ['R10b handmade order delivers', {}, { ...optedOut, ...only('handmade') }, 'deliver', ['R10b'], []],
  ['R10b wine order delivers', {}, { ...optedOut, ...only('wine') }, 'deliver', ['R10b'], []],
  ['R10b custom order delivers', {}, { ...optedOut, ...only('custom') }, 'deliver', ['R10b'], []],
  ['R10b standard order does not', {}, { ...optedOut, ...only('standard') }, 'block', ['R10'], []],
  ['R10b no order mentioned: any handmade order counts', {}, { ...optedOut, ...twoOrders }, 'deliver', ['R10b'], []],
  [
    'R10b handmade order mentioned',
    { text: `About order ${HANDMADE}.` },
    { ...optedOut, ...twoOrders },
    'deliver',
    ['R10b'],
    [],
  ],
  [
    'R10b standard order mentioned: handmade one does not count',
    { subject: `Order ${STANDARD}` },
    { ...optedOut, ...twoOrders },
    'block',
    ['R10'],
    [],
  ],
  // R10c
  [
    'R10c subject via app delivers',
    { via: 'app', subject: 'Additional information required', text: ENGRAVING_EN },
    optedOut,
    'deliver',
    ['R10c'],
    [],
  ],
  [
    'R10c subject via cli delivers',
    { via: 'cli', subject: 'Additional information required - 302-1', text: ENGRAVING_EN },
    optedOut,
    'deliver',
    ['R10c'],
    [],
  ],
  [
    'R10c German subject via app delivers',
    { via: 'app', subject: 'Zusätzliche Informationen erforderlich', text: ENGRAVING_DE },
    { ...optedOut, ...de },
    'deliver',
    ['R10c'],
    [],
  ],
  [
    'R10c reason via app delivers',
    { via: 'app', subject: 'Your ring', text: ENGRAVING_EN, reason: 'additional-info' },
    optedOut,
    'deliver',
    ['R10c'],
    [],
  ],
  [
    'R10c subject via mail-client does NOT deliver',
    { via: 'mail-client', subject: 'Additional information required', text: ENGRAVING_EN },
    optedOut,
    'block',
    ['R10'],
    [],
  ],
  [
    'R10c German subject via mail-client does NOT deliver',
    { via: 'mail-client', subject: 'Zusätzliche Informationen erforderlich', text: ENGRAVING_DE },
    { ...optedOut, ...de },
    'block',
    ['R10'],
    [],
  ],
  [
    'R10c "Re:" prefix does not count',
    { via: 'app', subject: 'Re: Additional information required', text: ENGRAVING_EN },
    optedOut,
    'block',
    ['R10'],
    [],
  ],
  // R10d
  [
    'R10d [Important] at the start',
    { subject: '[Important] Your ring', text: ENGRAVING_EN },
    optedOut,
    'deliver',
    ['R10d'],
    [],
  ],
  [
    'R10d [IMPORTANT] at the end',
    { subject: 'Your ring [IMPORTANT]', text: ENGRAVING_EN },
    optedOut,
    'deliver',
    ['R10d'],
    [],
  ],
  [
    'R10d [wichtig] in the middle',
    { subject: 'Ihre [wichtig] Gravur', text: ENGRAVING_DE },
    { ...optedOut, ...de },
    'deliver',
    ['R10d'],
    [],
  ],
  [
    'R10d [Wichtig]',
    { subject: '[Wichtig] Ihre Gravur', text: ENGRAVING_DE },
    { ...optedOut, ...de },
    'deliver',
    ['R10d'],
    [],
  ],
  [
    'R10d [Wichtig] from an English-marketplace seller',
    { subject: '[Wichtig] Your ring', text: ENGRAVING_EN },
    optedOut,
    'deliver',
    ['R10d'],
    [],
  ],
  [
    'R10d [Important] from a German-marketplace seller',
    { subject: '[Important] Ihre Gravur', text: ENGRAVING_DE },
    { ...optedOut, ...de },
    'deliver',
    ['R10d'],
    [],
  ],
  [
    'R10d "Important" without brackets blocks',
    { subject: 'Important: your ring', text: ENGRAVING_EN },
    optedOut,
    'block',
    ['R10'],
    [],
  ],
  [
    'R10d "[ Important ]" with spaces blocks',
    { subject: '[ Important ] your ring', text: ENGRAVING_EN },
    optedOut,
    'block',
    ['R10'],
    [],
  ],
  [
    'R10a and R10d both named',
    { subject: 'Re: [Important] ring', text: ENGRAVING_EN, repliesToBuyer: true },
    optedOut,
    'deliver',
    ['R10a', 'R10d'],
    [],
  ],
  // R11: a confident misuse is held until the seller confirms (default), sent with a warning
  // ("warn only"), or blocked (strict); a confirmed send goes with the warning on record.
  [
    'R11 holds: review request tagged [Important]',
    { subject: '[Important] Your order', text: REVIEW_EN },
    {},
    'hold',
    ['R11'],
    ['important-not-necessary'],
  ],
  [
    'R11 holds: review request tagged [Wichtig] (de)',
    { subject: '[Wichtig] Ihre Bestellung', text: REVIEW_DE },
    de,
    'hold',
    ['R11'],
    ['important-not-necessary'],
  ],
  // Held: R10d still applies (evidence), but "so it is delivered" would contradict the verdict.
  [
    'R11 holds: opted out, review request tagged',
    { subject: '[Important] Your order', text: REVIEW_EN },
    optedOut,
    'hold',
    ['R11'],
    ['important-not-necessary'],
  ],
  [
    'R11 holds: R10c via app for a review request',
    { via: 'app', subject: 'Additional information required', text: REVIEW_EN },
    {},
    'hold',
    ['R11'],
    ['important-not-necessary'],
  ],
  [
    'R11 confirmed: "Send anyway" delivers with the warning',
    { via: 'app', subject: '[Important] Your order', text: REVIEW_EN, confirmed: true },
    optedOut,
    'deliver',
    ['R10d'],
    ['important-not-necessary'],
  ],
  [
    'R11 warn only: delivers with the warning',
    { subject: '[Important] Your order', text: REVIEW_EN },
    { urgentCheck: 'warn-only' },
    'deliver',
    [],
    ['important-not-necessary'],
  ],
  [
    'R11 quiet: customization question tagged [Important]',
    { subject: '[Important] Your ring', text: ENGRAVING_EN },
    {},
    'deliver',
    [],
    [],
  ],
  [
    'R11 quiet: R10c subject from a mail client grants nothing',
    { via: 'mail-client', subject: 'Additional information required', text: REVIEW_EN },
    {},
    'deliver',
    [],
    [],
  ],
  [
    'R11 strict blocks a tagged review request',
    { subject: '[Important] Your order', text: REVIEW_EN },
    { strict: true },
    'block',
    ['R11'],
    ['important-not-necessary'],
  ],
  [
    'R11 strict blocks even when R10d let it through',
    { subject: '[Important] Your order', text: REVIEW_EN },
    { ...optedOut, strict: true },
    'block',
    ['R10d', 'R11'],
    ['important-not-necessary'],
  ],
  [
    'R11 strict lets a tagged customization question go',
    { subject: '[Important] Your ring', text: ENGRAVING_EN },
    { ...optedOut, strict: true },
    'deliver',
    ['R10d'],
    [],
  ],
  // R7, R9
  ['R7 unauthorized sender rejected', {}, { senderAuthorized: false }, 'reject', ['R7'], []],
  ['R9 another seller rejected', {}, { senderIsOtherSeller: true }, 'reject', ['R9'], []],
  ['R9 is named before R7', {}, { senderIsOtherSeller: true, senderAuthorized: false }, 'reject', ['R9'], []],
  [
    'R7 before the opt-out',
    { subject: '[Important] Your ring' },
    { senderAuthorized: false, ...optedOut },
    'reject',
    ['R7'],
    [],
  ],
  // R16 (limit 616 for 96 orders in 30 days)
  ['R16 at limit-1 delivers', {}, atQuota(615), 'deliver', [], []],
  ['R16 at the limit rejects', {}, atQuota(616), 'reject', ['R16'], []],
  ['R16 before the opt-out', {}, { ...atQuota(700), ...optedOut }, 'reject', ['R16'], []],
  [
    'R16 automatic at the limit delivers',
    { via: 'automatic', automatic: 'shipping-confirmation' },
    atQuota(616),
    'deliver',
    [],
    [],
  ],
  [
    'R16 automatic over the limit delivers',
    { via: 'automatic', automatic: 'shipping-confirmation' },
    atQuota(5000),
    'deliver',
    [],
    [],
  ],
  [
    'R17 shipping confirmation passes the opt-out',
    { via: 'automatic', automatic: 'shipping-confirmation' },
    optedOut,
    'deliver',
    ['R17'],
    [],
  ],
  // Buyer → seller: delivered whatever the seller-side context says (R5)
  [
    'buyer message ignores opt-out, R7 and quota',
    { direction: 'buyer-to-seller', subject: 'Question' },
    { ...optedOut, senderAuthorized: false, ...atQuota(9999) },
    'deliver',
    [],
    [],
  ],
  // R15 never changes the verdict
  [
    'R15 seller message: 11 MB pdf removed, message goes',
    { attachments: [attachment('big.pdf', HEADS.pdf, 11 * MB)] },
    {},
    'deliver',
    ['R15'],
    [],
  ],
  [
    'R15 buyer message: exe removed, message goes',
    { direction: 'buyer-to-seller', attachments: [attachment('setup.exe', HEADS.exe)] },
    {},
    'deliver',
    ['R15'],
    [],
  ],
  [
    'R15 blocked message still records the removal',
    { attachments: [attachment('invoice.pdf', HEADS.exe)] },
    optedOut,
    'block',
    ['R10', 'R15'],
    [],
  ],
  [
    'R15 allowed attachments leave no rule',
    { attachments: [attachment('photo.png', HEADS.png), attachment('letter.docx', HEADS.docx)] },
    {},
    'deliver',
    [],
    [],
  ],
];

describe('evaluate: one row per rule and exception', () => {
  it.each(ROWS)('%s', (_name, message, ctx, verdict, rules, warnings) => {
    const decision = evaluate(sellerMessage(message), context(ctx));
    expect(decision.verdict).toBe(verdict);
    expect(decision.rules).toEqual(rules);
    expect(decision.warnings.map((w) => w.code)).toEqual(warnings);
    // One plain-words reason per deciding rule, in the same order.
    expect(decision.reasons.map((r) => r.rule)).toEqual(rules);
  });
});

describe('evaluate: reasons, evidence and the quota report', () => {
  it('R10 bounce reason says the buyer opted out and how to reach them (en)', () => {
    const { reasons } = evaluate(sellerMessage(), context(optedOut));
    expect(reasons[0].code).toBe('buyer-opted-out');
    expect(reasons[0].message).toContain('opted out');
    expect(reasons[0].message).toContain('put [Important] in the subject');
    expect(reasons[0].message).toContain('reply within a conversation the buyer started');
  });

  it('R10 bounce reason names [Wichtig] on the German marketplace', () => {
    const { reasons } = evaluate(sellerMessage({ text: PLAIN_DE }), context({ ...optedOut, ...de }));
    expect(reasons[0].message).toContain('setzen Sie [Wichtig] in den Betreff');
    expect(reasons[0].message).toContain('„Zusätzliche Informationen erforderlich“');
  });

  it('R10 bounce reason explains that R10c does not count from a mail client', () => {
    const { reasons, evidence } = evaluate(
      sellerMessage({ subject: 'Additional information required' }),
      context(optedOut),
    );
    expect(reasons[0].message).toContain('counts only when the message is sent from the Parley app or CLI');
    expect(evidence).toContain('"Additional information required" does not count when sent via mail-client (R10c)');
  });

  it('R10d evidence quotes the tag as written', () => {
    const { evidence, reasons } = evaluate(
      sellerMessage({ subject: 'Ihre Gravur [Wichtig]', text: ENGRAVING_DE }),
      context({ ...optedOut, ...de }),
    );
    expect(evidence).toContain('subject contains "[Wichtig]"');
    expect(reasons).toEqual([
      {
        rule: 'R10d',
        code: 'important-tag',
        message: expect.stringContaining('„[Wichtig]“'),
        params: { tag: '[Wichtig]' },
      },
    ]);
  });

  it('R10a and R10b evidence', () => {
    const reply = evaluate(sellerMessage({ repliesToBuyer: true }), context(optedOut));
    expect(reply.evidence).toContain('replies to buyer message');
    const handmade = evaluate(
      sellerMessage({ text: `Your order ${HANDMADE}` }),
      context({ ...optedOut, ...twoOrders }),
    );
    expect(handmade.evidence).toEqual(
      expect.arrayContaining([`mentions order ${HANDMADE}`, `order ${HANDMADE} is handmade`]),
    );
    expect(handmade.evidence).not.toContain(`order ${STANDARD} is standard`);
  });

  it('R10b matches an order number only as a whole token', () => {
    const orders = [
      { orderId: '302-123', category: 'handmade' as const },
      { orderId: '302-1234', category: 'standard' as const },
    ];
    expect(evaluate(sellerMessage({ text: 'About 302-1234.' }), context({ ...optedOut, orders })).verdict).toBe(
      'block',
    );
    expect(evaluate(sellerMessage({ text: 'About 302-123.' }), context({ ...optedOut, orders })).verdict).toBe(
      'deliver',
    );
  });

  it('R11 warning names the tag and what the message looks like', () => {
    const { warnings, category } = evaluate(
      sellerMessage({ subject: '[Important] Your order', text: REVIEW_EN }),
      context(),
    );
    expect(category).toMatchObject({ category: 'review-request', necessary: false });
    expect(warnings).toEqual([
      {
        rule: 'R11',
        code: 'important-not-necessary',
        message: expect.stringContaining('"[Important]" is only for messages needed to complete an order'),
        params: { used: '[Important]' },
      },
    ]);
    expect(warnings[0].message).toMatch(/a review or feedback request \("[^"]*"/u);
  });

  it('R11 never holds or blocks on a call the engine is not sure of, even in strict mode', () => {
    // A two-letter note is nothing the engine can be sure of.
    const unsure = evaluate(sellerMessage({ subject: '[Important]', text: 'ok' }), context({ strict: true }));
    expect(unsure.category).toMatchObject({ category: 'other', unsure: true });
    expect(unsure.verdict).toBe('deliver');
    expect(unsure.warnings[0].message).toContain('Parley is not sure');
  });

  it("R11 words are in the seller's language, with the deciding phrases", () => {
    const { reasons, warnings } = evaluate(
      sellerMessage({ subject: '[Wichtig] Ihre Bestellung', text: REVIEW_DE }),
      context(de),
    );
    expect(warnings[0].message).toContain('„[Wichtig]“ ist nur für Nachrichten gedacht');
    expect(warnings[0].message).toContain('eine Bitte um Bewertung oder Feedback („');
    expect(reasons.find((r) => r.rule === 'R11')!.message).toContain('in Parley frei');
  });

  it('R11 context: the topic the seller picked and a handmade order count as evidence', () => {
    const decision = evaluate(
      sellerMessage({
        subject: '[Important] Your order',
        text: 'Which wood would you like for the box, oak or walnut?',
        topic: 'customization',
      }),
      context({ ...optedOut, ...only('handmade') }),
    );
    expect(decision.category.category).toBe('customization');
    expect(decision.verdict).toBe('deliver');
    expect(decision.evidence.join(' ')).toContain('the order is handmade');
  });

  it('R7 reason says how to authorize the address', () => {
    const { reasons } = evaluate(sellerMessage(), context({ senderAuthorized: false }));
    expect(reasons[0]).toMatchObject({ rule: 'R7', code: 'sender-not-authorized' });
    expect(reasons[0].message).toContain('parley seller authorize --id <seller> --email <address>');
    expect(reasons[0].message).toContain('Settings → Authorized senders');
  });

  it('R16 reason says the limit, the count and the reset time', () => {
    const { reasons, quota } = evaluate(sellerMessage(), context(atQuota(616)));
    expect(reasons[0].message).toContain('daily limit of 616 messages is reached: 616 were sent today');
    expect(reasons[0].message).toContain('00:00 UTC');
    expect(quota).toEqual({
      limit: 616,
      sentToday: 616,
      remaining: 0,
      averageDailyOrders: 3.2,
      windowDays: 30,
      perOrder: 5,
      base: 600,
      formula: '5 × 3.2 + 600 = 616',
      counted: true,
    });
  });

  it('the quota report is always filled, and not counted for automatic or buyer messages', () => {
    const automatic = evaluate(
      sellerMessage({ via: 'automatic', automatic: 'shipping-confirmation' }),
      context(atQuota(5000)),
    );
    expect(automatic.quota).toMatchObject({ limit: 616, counted: false });
    const buyer = evaluate(sellerMessage({ direction: 'buyer-to-seller' }), context());
    expect(buyer.quota).toMatchObject({ limit: 616, sentToday: 0, counted: false });
  });

  it('R15 actions are part of the decision', () => {
    const decision = evaluate(
      sellerMessage({
        attachments: [
          attachment('invoice.pdf', HEADS.exe),
          attachment('photo.jpg', HEADS.jpeg),
          attachment('photos.zip', HEADS.zip),
        ],
      }),
      context(),
    );
    expect(decision.attachments.map((a) => [a.filename, a.action, a.problem])).toEqual([
      ['invoice.pdf', 'remove', 'content-mismatch'],
      ['photo.jpg', 'keep', undefined],
      ['photos.zip', 'remove', 'type-not-allowed'],
    ]);
    expect(decision.reasons).toEqual([
      {
        rule: 'R15',
        code: 'attachment-removed',
        message: expect.stringContaining(
          '2 attachments are removed: invoice.pdf (content-mismatch), photos.zip (type-not-allowed)',
        ),
        params: { count: 2, names: 'invoice.pdf, photos.zip' },
      },
    ]);
  });

  it('delivers buyer messages whatever their type, without classifying them (R5, R12 is for sellers)', () => {
    const { category, verdict, rules } = evaluate(
      sellerMessage({
        direction: 'buyer-to-seller',
        subject: '[Wichtig] Bitte bewerten',
        text: 'Bitte bewerten Sie uns.',
      }),
      context({ ...de, ...optedOut }),
    );
    expect(verdict).toBe('deliver');
    expect(rules).toEqual([]);
    expect(category).toMatchObject({ category: 'other', necessary: null, confidence: 0 });
  });

  it('is deterministic and does not change its inputs', () => {
    const message = sellerMessage({
      subject: '[Important] Your order',
      text: REVIEW_EN,
      attachments: [attachment('a.pdf', HEADS.pdf)],
    });
    const ctx = context({ ...optedOut, ...twoOrders });
    const before = JSON.stringify([message, ctx]);
    expect(evaluate(message, ctx)).toEqual(evaluate(message, ctx));
    expect(JSON.stringify([message, ctx])).toBe(before);
  });
});
