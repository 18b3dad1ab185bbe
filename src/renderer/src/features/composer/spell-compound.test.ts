import nspell from 'nspell';
import { beforeAll, describe, expect, it } from 'vitest';
import { compoundAware, type NSpellTables } from './spell-compound';
import { wordsOf } from './spell-words';
// The dictionaries the app ships (spell-checker.ts bundles the same files).
import deAff from '../../../../../node_modules/dictionary-de/index.aff?raw';
import deDic from '../../../../../node_modules/dictionary-de/index.dic?raw';
import enAff from '../../../../../node_modules/dictionary-en/index.aff?raw';
import enDic from '../../../../../node_modules/dictionary-en/index.dic?raw';

/** A seller's German reply with the compounds and verb forms of a shop's day (300 words). */
const SELLER_TEXT = `Guten Tag Frau Müller,

vielen Dank für Ihre Bestellung und Ihre freundliche Nachricht. Gerne nenne ich Ihnen die Einzelheiten: Ihre
Bestellnummer und die Sendungsnummer finden Sie in der Bestellbestätigung, die wir Ihnen gestern geschickt haben. Die
Lieferadresse haben wir geprüft; bitte nennen Sie uns noch die Hausnummer, denn sie fehlt in der Adresse. Die
Versandkosten betragen innerhalb Deutschlands fünf Euro, ab einem Bestellwert von fünfzig Euro ist der Versand
versandkostenfrei. Unsere Holzwerkstatt fertigt jedes Schneidebrett von Hand aus Eichenholz; die Lieferzeit beträgt
deshalb etwa eine Woche. Sobald der Zahlungseingang verbucht ist, geben wir das Paket dem Paketdienst mit. Die
Sendungsverfolgung zeigt Ihnen dann, wann der Zusteller kommt. Falls Sie nicht zu Hause sind, legt er eine
Benachrichtigungskarte in den Briefkasten, und Sie holen das Paket in der Postfiliale oder an der Packstation ab.
Wünschen Sie eine Geschenkverpackung, schreiben Sie es bitte in das Bemerkungsfeld; die Geschenkverpackung kostet
nichts. Einen Geschenkgutschein legen wir auf Wunsch ebenfalls bei. Sollte Ihnen etwas nicht gefallen, können Sie die
Ware innerhalb von vierzehn Tagen zurückschicken: Das Rücksendeetikett liegt dem Paket bei, die Rücksendeadresse
steht auf dem Lieferschein. Nach Eingang der Rücksendung erstatten wir den Kaufpreis auf dem ursprünglichen
Zahlungsweg; die Rückerstattung dauert meist drei bis fünf Werktage. Unser Kundenservice ist montags bis freitags
von neun bis siebzehn Uhr für Sie da, telefonisch oder per E-Mail. Für Rückfragen zu Ihrer Rechnungsadresse, zur
Zahlungsart oder zu einer Lieferverzögerung genügt eine kurze Antwort auf diese Nachricht. Bitte geben Sie dabei Ihre
Kundennummer an, damit wir Ihr Kundenkonto schneller finden. Die Widerrufsbelehrung und unsere Datenschutzerklärung
finden Sie auf unserer Internetseite. Wir freuen uns, dass Ihnen unser Holzspielzeug gefällt, und wünschen Ihnen viel
Freude mit Ihrer Bestellung. Wenn alles angekommen ist, freuen wir uns über eine kurze Bewertung im Onlineshop.

Mit freundlichen Grüßen aus der Werkstatt
Jonas Becker, Holzwerkstatt Becker`;

const CORRECT = [
  // Compounds of a seller's messages.
  ...['Lieferadresse', 'Hausnummer', 'Sendungsnummer', 'Rücksendeetikett', 'Bestellbestätigung', 'Versandkosten'],
  ...['Holzwerkstatt', 'Geschenkverpackung', 'Kundenservice', 'Zahlungseingang', 'Bestellnummer', 'Rechnungsadresse'],
  ...['Paketdienst', 'Versandbestätigung', 'Lieferverzögerung', 'Kundennummer', 'Sendungsverfolgung', 'Lieferzeit'],
  ...['Zahlungserinnerung', 'Widerrufsbelehrung', 'Geschenkgutschein', 'Rücksendeadresse', 'Schneidebrett'],
  ...['Holzschneidebrett', 'Versanddienstleister', 'Paketzusteller', 'Artikelnummer', 'Bearbeitungszeit'],
  ...['Produktbeschreibung', 'Kundenkonto', 'Zahlungsart', 'Sicherheitshinweis', 'Qualitätsholz', 'versandkostenfrei'],
  // Their inflections.
  ...['Lieferadressen', 'Bestellbestätigungen', 'Holzwerkstätten', 'Sendungsnummern', 'Zahlungsarten', 'Lieferzeiten'],
  // Verbs the dictionary lists twice (on their own and as a compound's end), at a sentence's start too.
  ...['nennen', 'Nennen', 'genannt', 'nenne', 'kosten', 'senden', 'bestellen', 'liefern', 'finden', 'geben'],
  // A verb's form that is also a compound's lowercase end ("bitte" of "bitten"); hyphenated words.
  ...['bitte', 'schreiben', 'legen', 'E-Mail', 'E-Mail-Adresse', 'Holz-Werkstatt'],
];

const MISSPELLED = [
  ...['Lieferrung', 'Hausnummerxyz', 'Qwertzuiop', 'Bestelung', 'Adrese', 'Rechnunng', 'Hausnumer', 'Kundenservis'],
  ...['Sendungsnumer', 'Zahlungseingnag', 'Geschenkverpakung', 'Entschuldigunng', 'Liferadresse', 'Versandkostn'],
  // A noun in -ung links with an "s"; lowercase soup; a capital inside; a wrong piece; a noun lowercase on its own.
  ...['Sendungnummer', 'Rechnungadresse', 'lieferadrsse', 'HausNummer', 'Hausnummer-xyz', 'service'],
];

describe('the German spell checker and compounds', () => {
  let de: (word: string) => boolean;
  let en: (word: string) => boolean;
  let plainDe: (word: string) => boolean;

  beforeAll(() => {
    const deSpeller = nspell(deAff, deDic);
    de = compoundAware(deSpeller as unknown as NSpellTables, deDic);
    plainDe = (word) => deSpeller.correct(word);
    en = compoundAware(nspell(enAff, enDic) as unknown as NSpellTables, enDic);
  }, 60_000);

  it('accepts the compounds and verb forms of a seller’s German message', () => {
    expect(CORRECT.length).toBeGreaterThanOrEqual(30);
    expect(CORRECT.filter((w) => !de(w))).toEqual([]);
    expect(wordsOf(SELLER_TEXT).filter((w) => !de(w.word) && !en(w.word))).toEqual([]);
  });

  it('still flags misspellings, letter soup included', () => {
    expect(MISSPELLED.length).toBeGreaterThanOrEqual(10);
    expect(MISSPELLED.filter((w) => de(w))).toEqual([]);
  });

  it('leaves English to its own rules: no German-style compounding there', () => {
    expect(['shipping', 'address', 'thanks', 'order'].filter((w) => !en(w))).toEqual([]);
    expect(['Lieferadresse', 'shippingaddress', 'Lieferrung'].filter((w) => en(w))).toEqual([]);
  });

  it('checks as fast as a seller types: 300 words well within a second', () => {
    const words = wordsOf(SELLER_TEXT).map((w) => w.word);
    expect(words.length).toBeGreaterThanOrEqual(290);
    const started = performance.now();
    for (const word of words) de(word);
    const withCompounds = performance.now() - started;
    const plainStarted = performance.now();
    for (const word of words) plainDe(word);
    const plain = performance.now() - plainStarted;
    expect(withCompounds, `compounds ${withCompounds.toFixed(1)} ms, nspell alone ${plain.toFixed(1)} ms`).toBeLessThan(
      1000,
    );
  });
});
