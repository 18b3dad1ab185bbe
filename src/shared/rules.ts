/**
 * The rule ids of spec/RULES.md and their plain words, in German and English.
 * Every Decision names rules from this table; the UI and bounce notices turn ids into words here.
 */
export const RULE_IDS = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R8',
  'R9',
  'R10',
  'R10a',
  'R10b',
  'R10c',
  'R10d',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'R16',
  'R17',
  'R18',
  'R19',
  'R20',
  'R21',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Language = 'de' | 'en';

export const RULE_TEXT: Record<RuleId, Record<Language, string>> = {
  R1: {
    en: 'Every buyer has one stable, anonymized alias per seller.',
    de: 'Jeder Käufer hat pro Verkäufer eine feste, anonymisierte Adresse.',
  },
  R2: {
    en: 'Mail to an alias reaches the relay first and is then forwarded to the buyer.',
    de: 'Nachrichten an die anonymisierte Adresse gehen zuerst an das Nachrichtensystem und werden dann an den Käufer weitergeleitet.',
  },
  R3: {
    en: 'The alias is the key for a buyer: orders and conversations hang together by it.',
    de: 'Die anonymisierte Adresse verbindet Bestellungen und Nachrichten eines Käufers.',
  },
  R4: {
    en: 'The alias is only for messaging, never a login.',
    de: 'Die anonymisierte Adresse dient nur der Kommunikation, nie der Anmeldung.',
  },
  R5: {
    en: "Buyer messages reach the seller's customer-service address with the buyer's address replaced by the alias.",
    de: 'Käufernachrichten gehen an die Kundenservice-Adresse des Verkäufers; die Adresse des Käufers wird durch die anonymisierte Adresse ersetzt.',
  },
  R6: {
    en: "Seller messages show the shop name; the seller's own address is not exposed.",
    de: 'Verkäufernachrichten zeigen den Shopnamen; die eigene Adresse des Verkäufers bleibt verborgen.',
  },
  R7: {
    en: "Mail to an alias is accepted only from the seller's registered or authorized addresses.",
    de: 'Nachrichten an eine anonymisierte Adresse werden nur von der registrierten oder einer autorisierten Adresse des Verkäufers angenommen.',
  },
  R8: {
    en: 'Every message is shown with its delivery state.',
    de: 'Jede Nachricht wird mit ihrem Zustellstatus angezeigt.',
  },
  R9: {
    en: 'Sellers do not contact other sellers through the messaging system.',
    de: 'Verkäufer kontaktieren keine anderen Verkäufer über das Nachrichtensystem.',
  },
  R10: {
    en: 'The buyer has opted out of unsolicited seller messages.',
    de: 'Der Käufer hat unaufgeforderte Nachrichten von Verkäufern abbestellt.',
  },
  R10a: {
    en: 'A reply within a conversation the buyer started is always delivered.',
    de: 'Eine Antwort in einer vom Käufer begonnenen Unterhaltung wird immer zugestellt.',
  },
  R10b: {
    en: 'Messages about handmade, wine or custom-made products are always delivered.',
    de: 'Nachrichten zu handgefertigten Produkten, Wein oder Sonderanfertigungen werden immer zugestellt.',
  },
  R10c: {
    en: 'A message with the subject "Additional information required" sent through Parley is always delivered.',
    de: 'Eine über Parley gesendete Nachricht mit dem Betreff „Zusätzliche Informationen erforderlich“ wird immer zugestellt.',
  },
  R10d: {
    en: 'A message whose subject contains [Important] is always delivered.',
    de: 'Eine Nachricht mit [Wichtig] im Betreff wird immer zugestellt.',
  },
  R11: {
    en: '[Important] and "Additional information required" are only for messages needed to complete an order; misuse can cost selling privileges.',
    de: '[Wichtig] und „Zusätzliche Informationen erforderlich“ sind nur für Nachrichten gedacht, die zur Abwicklung einer Bestellung nötig sind; Missbrauch kann die Verkaufsberechtigung kosten.',
  },
  R12: {
    en: 'Necessary: customization, delivery scheduling, address problems. Not necessary: review requests, confirmations, proactive service, stock or delay notices.',
    de: 'Erforderlich: Anpassungen, Lieferterminabsprachen, Adressprobleme. Nicht erforderlich: Bewertungsanfragen, Bestätigungen, proaktiver Kundenservice, Liefer- oder Bestandsverzögerungen.',
  },
  R13: {
    en: 'With bounce notices off you cannot tell whether a message was blocked or delivered.',
    de: 'Ohne Unzustellbarkeitsbenachrichtigungen sehen Sie nicht, ob eine Nachricht blockiert oder zugestellt wurde.',
  },
  R14: {
    en: 'HTML mail is supported in both directions.',
    de: 'HTML-Nachrichten werden in beide Richtungen unterstützt.',
  },
  R15: {
    en: 'Attachments: at most 10 MB each, only .txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png.',
    de: 'Anhänge: höchstens 10 MB pro Datei, nur .txt, .pdf, .doc, .docx, .jpg, .gif, .tiff, .bmp, .png.',
  },
  R16: {
    en: 'Daily limit: 5 × average daily orders + 600 messages; automatic messages do not count.',
    de: 'Tageslimit: 5 × durchschnittliche tägliche Bestellungen + 600 Nachrichten; automatische Nachrichten zählen nicht.',
  },
  R17: {
    en: 'Confirming a shipment sends the buyer an automatic shipping confirmation.',
    de: 'Eine Versandbestätigung wird dem Käufer automatisch gesendet.',
  },
  R18: { en: 'A message can be reported with a reason.', de: 'Eine Nachricht kann mit einem Grund gemeldet werden.' },
  R19: {
    en: '"No response needed" removes a buyer message from the response-time metric.',
    de: '„Keine Antwort erforderlich“ nimmt eine Käufernachricht aus der Antwortzeit-Messung.',
  },
  R20: {
    en: 'By default the inbox shows only messages that need a response.',
    de: 'Standardmäßig zeigt der Posteingang nur Nachrichten, die eine Antwort erfordern.',
  },
  R21: {
    en: 'Every message is kept unaltered and can be exported for disputes.',
    de: 'Jede Nachricht wird unverändert aufbewahrt und kann für Streitfälle exportiert werden.',
  },
};

/** The subject tag of R10d on each marketplace: what "Mark as [Important]" puts in the subject. */
export const IMPORTANT_TAG: Record<Language, string> = { en: '[Important]', de: '[Wichtig]' };

/**
 * Every reason or warning code the policy gives, by rule: the UI words each one itself (in the seller's UI language,
 * with the buyer's name) instead of showing the policy's prose, which is in the shop's language.
 */
export const REASON_CODES = {
  R7: ['sender-not-authorized', 'sender-not-verified'],
  R9: ['other-seller'],
  R10: ['buyer-opted-out'],
  R10a: ['reply-to-buyer'],
  R10b: ['exempt-order-category'],
  R10c: ['additional-info-required'],
  R10d: ['important-tag'],
  R11: ['important-not-necessary', 'important-needs-confirmation'],
  R15: ['attachment-removed'],
  R16: ['daily-limit-reached'],
  R17: ['automatic-shipping-confirmation'],
} as const satisfies Partial<Record<RuleId, readonly string[]>>;

export type ReasonCode = (typeof REASON_CODES)[keyof typeof REASON_CODES][number];

/** What a reason's words need besides the rule and code: the tag or subject used, the orders named. */
export type ReasonParams = Record<string, string | number>;
