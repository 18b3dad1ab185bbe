import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain.js';
import { context, sellerMessage } from './testing/messages.js';
import { findExceptions, optOutBlockReason } from './opt-out.js';

const HANDMADE = '302-2222222-2222222';
const opted = (language: Language) =>
  context({ language, buyerOptedOut: true, orders: [{ orderId: HANDMADE, category: 'handmade' }] });

// R10: the seller reads why a message to an opted-out buyer went or did not go in the
// language of its marketplace; the rule ids stay as they are.
describe("R10 reasons in the seller's language", () => {
  it.each([
    [
      'R10a',
      { repliesToBuyer: true },
      'en',
      'The buyer opted out of unsolicited seller messages, but this is a reply within a conversation the buyer started, so it is delivered.',
    ],
    [
      'R10a',
      { repliesToBuyer: true },
      'de',
      'Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Diese Nachricht ist aber eine Antwort in einer Unterhaltung, die der Käufer begonnen hat, und wird deshalb zugestellt.',
    ],
    [
      'R10b',
      { text: `Zu Ihrer Bestellung ${HANDMADE}` },
      'de',
      `Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Diese Nachricht betrifft aber die Bestellung ${HANDMADE} (handgefertigt), und Nachrichten zu handgefertigten Produkten, Wein oder Sonderanfertigungen können Käufer nicht abbestellen. Sie wird deshalb zugestellt.`,
    ],
    [
      'R10b',
      { text: 'Zu Ihrer Bestellung' },
      'de',
      `Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Diese Nachricht betrifft aber die Bestellung ${HANDMADE} (handgefertigt), und Nachrichten zu handgefertigten Produkten, Wein oder Sonderanfertigungen können Käufer nicht abbestellen. Sie wird deshalb zugestellt. Die Nachricht nennt keine Bestellnummer, daher zählen alle Bestellungen dieses Käufers.`,
    ],
    [
      'R10b',
      { text: 'About your order' },
      'en',
      `The buyer opted out of unsolicited seller messages, but the message is about order ${HANDMADE} (handmade); buyers cannot opt out of messages about handmade, wine or custom-made products. No order number is mentioned, so all orders of this buyer count.`,
    ],
    [
      'R10c',
      { via: 'app', subject: 'Zusätzliche Informationen erforderlich' },
      'de',
      'Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Diese Nachricht wurde aber aus Parley als „Zusätzliche Informationen erforderlich“ gesendet und wird deshalb zugestellt.',
    ],
    [
      'R10d',
      { subject: 'Lieferadresse [WICHTIG]' },
      'de',
      'Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Der Betreff dieser Nachricht enthält aber „[WICHTIG]“, deshalb wird sie zugestellt.',
    ],
    [
      'R10d',
      { subject: '[Important] Your address' },
      'en',
      'The buyer opted out of unsolicited seller messages, but the subject contains "[Important]", so it is delivered.',
    ],
  ] as const)('%s (%s) in %s', (rule, message, language, words) => {
    const ctx = rule === 'R10b' ? opted(language) : { ...opted(language), orders: [] };
    const { applied } = findExceptions(sellerMessage(message), ctx);
    expect(applied).toEqual([
      {
        rule,
        code: expect.any(String),
        message: words,
        ...(rule === 'R10b' || rule === 'R10d' ? { params: expect.any(Object) } : {}),
      },
    ]);
  });

  it('R10b names several orders in the plural', () => {
    const orders = [
      { orderId: '302-1', category: 'wine' as const },
      { orderId: '302-2', category: 'custom' as const },
    ];
    const { applied } = findExceptions(
      sellerMessage({ text: 'Ihre Bestellungen 302-1 und 302-2' }),
      context({ language: 'de', buyerOptedOut: true, orders }),
    );
    expect(applied[0].message).toContain('betrifft aber die Bestellungen 302-1 (Wein), 302-2 (Sonderanfertigung), und');
  });

  it('R10 block reason in German: what happened first, then the ways through, then the warning', () => {
    const { additionalInfo } = findExceptions(sellerMessage(), opted('de'));
    expect(optOutBlockReason('de', additionalInfo)).toEqual({
      rule: 'R10',
      code: 'buyer-opted-out',
      message:
        'Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt. Diese Nachricht ist keine Antwort an den Käufer und wird deshalb nicht zugestellt. ' +
        'Wenn sie dringend und zur Abwicklung der Bestellung nötig ist, setzen Sie [Wichtig] in den Betreff ' +
        '(oder senden Sie sie aus Parley mit dem Betreff „Zusätzliche Informationen erforderlich“) oder antworten Sie in einer Unterhaltung, ' +
        'die der Käufer begonnen hat. Nutzen Sie das nur für Nachrichten, die zur Abwicklung der Bestellung nötig sind: ' +
        'Missbrauch kann Ihre Verkaufsberechtigung kosten.',
      params: { tag: '[Wichtig]', viaIgnored: 'no' },
    });
  });

  it('R10 block reason in German explains that the R10c subject does not count from a mail client', () => {
    const { additionalInfo } = findExceptions(
      sellerMessage({ subject: 'Zusätzliche Informationen erforderlich' }),
      opted('de'),
    );
    expect(optOutBlockReason('de', additionalInfo).message).toMatch(
      / Der Betreff „Zusätzliche Informationen erforderlich“ zählt nur, wenn die Nachricht aus der Parley-App oder mit „parley send“ gesendet wird, nicht aus einem E-Mail-Programm\.$/,
    );
  });

  it('R10 block reason in English is unchanged', () => {
    const { additionalInfo } = findExceptions(
      sellerMessage({ subject: 'Additional information required' }),
      opted('en'),
    );
    expect(optOutBlockReason('en', additionalInfo).message).toBe(
      'The buyer opted out of unsolicited seller messages and this message is not a reply to the buyer, so it is not delivered. If it is urgent and needed to complete the order, ' +
        'put [Important] in the subject (or send it from Parley with the subject "Additional information required"), or reply within a conversation ' +
        'the buyer started. Use this only for messages needed to complete the order: misuse can cost your selling privileges. ' +
        'The subject "Additional information required" counts only when the message is sent from the Parley app or CLI, not from a mail client.',
    );
  });
});
