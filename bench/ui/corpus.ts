/**
 * Words for bench/ui's generated store: buyer names, products and message texts in German and
 * English, shaped like a woodworking shop's mail (questions about engraving, delivery dates,
 * addresses, invoices, returns). A seeded random source makes every run produce the same store.
 */

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

export const FIRST_DE = [
  'Anna',
  'Lukas',
  'Maria',
  'Jonas',
  'Sophie',
  'Felix',
  'Lea',
  'Paul',
  'Hannah',
  'Elias',
  'Emma',
  'Noah',
  'Mia',
  'Leon',
  'Clara',
  'Finn',
  'Greta',
  'Moritz',
  'Ida',
  'Jakob',
];
export const LAST_DE = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hartmann',
];
export const FIRST_EN = [
  'James',
  'Olivia',
  'William',
  'Emily',
  'Oliver',
  'Charlotte',
  'Henry',
  'Amelia',
  'George',
  'Isla',
  'Jack',
  'Grace',
  'Harry',
  'Lily',
  'Thomas',
  'Ella',
  'Samuel',
  'Ruby',
  'Daniel',
  'Alice',
];
export const LAST_EN = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
];

export const PRODUCTS_DE = [
  'Schneidebrett aus Eiche',
  'Gewürzregal Buche',
  'Servierbrett Nussbaum',
  'Schlüsselbrett mit Gravur',
  'Weinkiste Kiefer',
  'Frühstücksbrettchen im Set',
  'Kräutertopf-Halter',
  'Wandregal Esche',
];
export const PRODUCTS_EN = [
  'Oak cutting board',
  'Beech spice rack',
  'Walnut serving tray',
  'Engraved key holder',
  'Pine wine crate',
  'Breakfast board set',
  'Herb pot stand',
  'Ash wall shelf',
];

/** Rare words planted in a few conversations: the full-text search queries of the bench. */
export const RARE_WORDS = ['Zirbenholz', 'Olivenholz', 'Kirschbaumholz', 'Mooreiche', 'bogwood', 'spalted'];

const BUYER_DE = [
  'ich habe {product} bestellt (Bestellung {order}). Kann die Gravur „{name}“ in Schreibschrift sein? Die Buchstaben sollten nicht zu klein werden.',
  'wann wird meine Bestellung {order} versendet? Ich bin nächste Woche von Montag bis Mittwoch nicht zu Hause, Donnerstag wäre ideal.',
  'in meiner Lieferadresse fehlt die Hausnummer, es muss Lindenstraße 14 heißen. Können Sie das für Bestellung {order} noch ändern?',
  'das {product} ist angekommen, aber an einer Ecke ist ein kleiner Riss im Holz. Anbei ein Foto. Was schlagen Sie vor?',
  'könnten Sie mir bitte eine Rechnung mit ausgewiesener Mehrwertsteuer für Bestellung {order} schicken? Ich brauche sie für meine Firma.',
  'ist das {product} auch in einer größeren Ausführung erhältlich? Ich würde gern zwei Stück als Geschenk bestellen.',
  'wie pflege ich das {product} am besten? Reicht Leinöl, oder empfehlen Sie etwas anderes?',
  'die Sendungsverfolgung für {order} zeigt seit drei Tagen keinen Fortschritt. Wissen Sie, wo das Paket ist?',
];
const BUYER_EN = [
  'I ordered the {product} (order {order}). Could the engraving "{name}" be in script? The letters should not be too small.',
  'when will order {order} ship? I am away Monday to Wednesday next week, so Thursday would be ideal for the delivery.',
  'my delivery address is missing the house number, it should be 14 Linden Road. Can you still change it for order {order}?',
  'the {product} arrived, but there is a small crack in the wood at one corner. A photo is attached. What do you suggest?',
  'could you send me an invoice showing VAT for order {order}? I need it for my company.',
  'is the {product} also available in a larger size? I would like to order two as a present.',
  'how should I look after the {product}? Is linseed oil enough, or do you recommend something else?',
  'tracking for {order} has not moved for three days. Do you know where the parcel is?',
];
const SELLER_DE = [
  'vielen Dank für Ihre Nachricht. Die Gravur in Schreibschrift ist möglich; wir schicken Ihnen vor dem Gravieren eine Vorschau.',
  'Ihre Bestellung {order} geht am Mittwoch in den Versand, die Zustellung ist dann für Donnerstag geplant.',
  'wir haben die Adresse für Bestellung {order} korrigiert. Das Paket geht heute noch raus.',
  'das tut uns leid! Wir schicken Ihnen ein neues {product}, das beschädigte brauchen Sie nicht zurückzusenden.',
  'die Rechnung für Bestellung {order} finden Sie im Anhang.',
];
const SELLER_EN = [
  'thank you for your message. Script engraving is possible; we will send you a preview before we engrave.',
  'your order {order} ships on Wednesday, so delivery is planned for Thursday.',
  'we have corrected the address for order {order}. The parcel goes out today.',
  'we are sorry! We will send you a new {product}; there is no need to return the damaged one.',
  'please find the invoice for order {order} attached.',
];

export interface TextVars {
  product: string;
  order: string;
  name: string;
  buyerName: string;
  shopName: string;
}

const fill = (template: string, v: TextVars) => template.replace(/\{(\w+)\}/g, (_, k: keyof TextVars) => v[k]);

/** One message: subject and body, in the buyer's language. */
/** `template` names the sentence used: messages from one template get the same policy decision. */
export function messageText(
  rnd: () => number,
  german: boolean,
  fromBuyer: boolean,
  v: TextVars,
  rare?: string,
): { subject: string; text: string; template: number } {
  const templates = fromBuyer ? (german ? BUYER_DE : BUYER_EN) : german ? SELLER_DE : SELLER_EN;
  const template = Math.floor(rnd() * templates.length);
  const body = fill(templates[template], v);
  const extra = rare
    ? german
      ? ` Übrigens: gibt es das auch aus ${rare}?`
      : ` By the way: do you make it in ${rare} too?`
    : '';
  const greeting = fromBuyer
    ? german
      ? 'Hallo,'
      : 'Hello,'
    : german
      ? `Hallo ${v.buyerName},`
      : `Dear ${v.buyerName},`;
  const closing = fromBuyer
    ? german
      ? `Viele Grüße\n${v.buyerName}`
      : `Best regards,\n${v.buyerName}`
    : german
      ? `Herzliche Grüße\n${v.shopName}`
      : `Kind regards,\n${v.shopName}`;
  const subject = german ? `Bestellung ${v.order}: ${v.product}` : `Order ${v.order}: ${v.product}`;
  return { subject, text: `${greeting}\n\n${body}${extra}\n\n${closing}\n`, template };
}
