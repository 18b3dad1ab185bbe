/**
 * The phrases of the R12 classifier, per category and language. Weights: 3 = the phrase alone
 * names the category, 2 = strong hint, 1 = weak hint that only counts together with others.
 * The classifier doubles a weight when the phrase is in the subject.
 *
 * Within one category each piece of text counts once, for its strongest phrase (see classifier.ts).
 *
 * Patterns are compiled with the `iu` flags and a leading "no letter before" guard, because
 * `\b` does not know umlauts. German compounds are written with their common prefixes
 * (`(?:liefer|versand)?adresse`) rather than a loose substring, so "Adressaufkleber" does
 * not count as an address problem.
 */
import type { Language, MessageCategory } from '../../../shared/domain.js';

export interface Phrase {
  pattern: RegExp;
  weight: number;
}

export type ClassifiedCategory = Exclude<MessageCategory, 'other'>;

export type Lexicon = Record<ClassifiedCategory, Record<Language, Phrase[]>>;

/** Global so that the classifier can look past a match that another phrase already claimed. */
function p(source: RegExp, weight: number): Phrase {
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${source.source})`, 'giu'), weight };
}

export const LEXICON: Lexicon = {
  customization: {
    en: [
      p(/(?:which|what|preferred|choose|select|pick)\b[^.?!\n]{0,40}?\b(?:colou?r|size|font|engraving|text|initials|name|design|motif|wording)s?\b/, 3),
      p(/engrav(?:ing|ed|e)\b/, 2),
      p(/personali[sz](?:e|ed|ation|ing)\b/, 2),
      p(/customi[sz](?:e|ed|ation|ing)\b/, 2),
      p(/(?:custom|personal) (?:text|message|name|design|wording)\b/, 2),
      p(/monogram/, 2),
      p(/(?:proof|mock-?up|artwork|design draft)\b[^.?!\n]{0,40}?\b(?:approv|confirm)/, 2),
      p(/(?:colou?r|size) (?:choice|option|preference)s?\b/, 2),
    ],
    de: [
      p(/gravur(?:text|wunsch)?/, 2),
      p(/gravier(?:en|t|ung)/, 2),
      p(/wunsch(?:text|name|farbe|größe|motiv|schrift|datum)/, 3),
      p(/personalisier(?:en|t|ung)/, 2),
      p(/individualisier(?:en|t|ung)/, 2),
      p(/(?:welche|welcher|welches|welchen|gewünschte[nr]?)\s[^.?!\n]{0,40}?(?:farbe|größe|schriftart|schrift|text|gravur|motiv|initialen|namen|aufdruck)/, 3),
      p(/in welcher (?:farbe|größe|schrift)/, 3),
      p(/(?:farb|größen|motiv)(?:wahl|auswahl|wunsch)/, 2),
      p(/aufdruck/, 1),
    ],
  },
  'delivery-scheduling': {
    en: [
      p(/when (?:are|will) you (?:be )?(?:at )?(?:home|available|in)\b/, 3),
      p(/delivery (?:appointment|slot|window)s?\b/, 3),
      p(/schedul(?:e|ing) (?:the |a |your )?(?:delivery|drop-?off)/, 3),
      p(/arrang(?:e|ing) (?:the |a )?(?:delivery|time|date)/, 3),
      p(/(?:convenient|preferred|suitable) (?:delivery )?(?:time|day|date)s?\b/, 2),
      p(/(?:time slot|time window)s?\b/, 2),
      p(/(?:someone|anyone|somebody)\b[^.?!\n]{0,20}?\b(?:at home|to receive|to sign|to accept)/, 2),
      p(/available to (?:receive|accept|sign)/, 2),
      p(/delivery (?:date|time)\b/, 1),
      p(/(?:freight|pallet|forwarder|kerbside|curbside)/, 1),
    ],
    de: [
      p(/wann (?:sind|wären) sie (?:zu ?hause|daheim|erreichbar|anzutreffen|anwesend)/, 3),
      p(/(?:liefer|zustell|anliefer)termin/, 3),
      p(/termin(?:vereinbarung| vereinbaren| abstimmen| absprechen)/, 3),
      p(/termin (?:für die )?(?:lieferung|zustellung|anlieferung)/, 3),
      p(/zeitfenster/, 2),
      p(/(?:uhrzeit|wochentag)/, 1),
      p(/(?:zu ?hause|anwesend|erreichbar) (?:sein|sind)/, 2),
      p(/passt (?:es )?ihnen/, 2),
      p(/(?:avisierung|avis)/, 2),
      p(/(?:spedition|bordsteinkante)/, 1),
    ],
  },
  'address-problem': {
    en: [
      p(/address (?:is |was |seems |appears )?(?:to be )?(?:incomplete|incorrect|invalid|wrong|missing|insufficient|unknown|not (?:found|complete|valid|correct))/, 3),
      p(/(?:incomplete|incorrect|invalid|wrong|insufficient) (?:shipping |delivery |postal )?address/, 3),
      p(/returned to (?:the )?sender/, 3),
      p(/undeliverable/, 3),
      p(/(?:confirm|verify|check|correct|update) (?:your |the )?(?:shipping |delivery |postal )?address/, 3),
      p(/(?:house|street|apartment|flat|suite|unit) number/, 2),
      p(/(?:could|can) ?not (?:be )?deliver(?:ed)?/, 2),
      p(/(?:post ?code|zip ?code)/, 1),
      p(/(?:shipping |delivery )?address/, 1),
    ],
    de: [
      p(/(?:liefer|versand|post)?(?:adresse|anschrift) (?:ist |war |scheint )?(?:leider )?(?:unvollständig|fehlerhaft|falsch|ungültig|unbekannt|nicht (?:korrekt|vollständig|richtig|auffindbar))/, 3),
      p(/(?:unvollständig|fehlerhaft|falsch|ungültig)(?:e|en)? (?:liefer|versand|post)?(?:adresse|anschrift)/, 3),
      p(/hausnummer fehlt|fehlende hausnummer/, 3),
      p(/unzustellbar/, 3),
      p(/(?:zurück|retour) an (?:den )?absender/, 3),
      p(/empfänger (?:ist )?(?:unbekannt|nicht ermittelbar)/, 3),
      p(/adressbestätigung|(?:liefer)?adresse (?:bitte )?(?:bestätigen|prüfen|überprüfen|korrigieren)/, 3),
      p(/(?:bestätigen|prüfen|überprüfen|korrigieren) sie (?:bitte )?ihre (?:liefer|versand)?(?:adresse|anschrift)/, 3),
      p(/nicht zugestellt werden/, 2),
      p(/hausnummer/, 2),
      p(/(?:postleitzahl|plz)/, 1),
      p(/(?:liefer|versand|post)?(?:adresse|anschrift)/, 1),
    ],
  },
  'review-request': {
    en: [
      p(/leav(?:e|ing) (?:us |me )?(?:a |an |your |some )?(?:honest |positive |quick |short )?(?:review|feedback|rating)/, 3),
      p(/(?:write|post|share) (?:us )?(?:a |an |your )?(?:honest |positive |quick |short )?(?:review|feedback|rating)/, 3),
      p(/rate (?:us|your (?:purchase|experience|order)|the (?:product|item))/, 3),
      p(/(?:positive|honest|5[- ]star|five[- ]star) (?:feedback|review|rating)/, 3),
      p(/(?:5|five)[- ]stars?/, 2),
      p(/how (?:did we do|was your experience)/, 2),
      p(/(?:product )?reviews?\b/, 1.5),
      p(/feedback/, 1.5),
      p(/satisfied with your (?:purchase|order)/, 1.5),
    ],
    de: [
      p(/(?:bitte )?bewerten sie (?:uns|den artikel|das produkt|ihren einkauf|ihre bestellung)/, 3),
      p(/bitte bewerten/, 3),
      p(/rezension/, 3),
      p(/(?:produkt|verkäufer|kunden|positive |ehrliche )?bewertung/, 2),
      p(/(?:5|fünf) sterne/, 2),
      p(/erfahrung (?:mit uns |mit anderen )?teilen/, 2),
      p(/(?:wenn|falls) sie zufrieden (?:sind|waren)/, 1.5),
      p(/feedback/, 1.5),
    ],
  },
  confirmation: {
    en: [
      p(/(?:your )?order (?:has|was|is) (?:now )?(?:been )?(?:shipped|dispatched|sent|delivered|confirmed)/, 3),
      p(/(?:has|have) (?:now )?been (?:shipped|dispatched|sent out)/, 3),
      p(/(?:order|shipping|dispatch|payment) confirmation/, 3),
      p(/refund (?:has been |was )?(?:processed|issued|completed|initiated)/, 3),
      p(/we (?:have )?(?:received|processed) your (?:order|payment|return)/, 3),
      p(/tracking (?:number|id|code|link)/, 2.5),
      p(/track (?:your|the) (?:package|parcel|order|shipment)/, 2),
      p(/(?:is )?on (?:its|the) way/, 2),
      p(/out for delivery/, 2),
      p(/refund/, 1.5),
      p(/thank(?:s| you) for your (?:order|purchase)/, 1.5),
    ],
    de: [
      p(/(?:ihre )?(?:bestellung|sendung|lieferung|ware) (?:wurde|ist) (?:heute |soeben |bereits )?(?:versandt|verschickt|versendet|zugestellt|bestätigt|unterwegs)/, 3),
      p(/wurde (?:heute |soeben )?(?:versandt|verschickt|versendet)/, 3),
      p(/(?:versand|bestell|auftrags|zahlungs|liefer)bestätigung/, 3),
      p(/(?:rück)?erstattung (?:wurde |ist )?(?:veranlasst|durchgeführt|ausgeführt|bearbeitet)/, 3),
      p(/wir haben ihre (?:bestellung|zahlung|rücksendung|retoure) erhalten/, 3),
      p(/(?:sendungs(?:nummer|verfolgung)|tracking-?(?:nummer|link|code)|paketnummer)/, 2.5),
      p(/(?:ist (?:bereits )?unterwegs|auf dem weg zu ihnen)/, 2),
      p(/(?:rück)?erstattung|gutschrift/, 2),
      p(/(?:vielen )?dank für ihre (?:bestellung|einkauf)|danke für ihren einkauf/, 1.5),
    ],
  },
  'proactive-service': {
    en: [
      p(/(?:user |instruction |owner'?s? |product )?manual/, 2.5),
      p(/(?:user guide|quick[- ]start|setup guide|getting started|care instructions)/, 2.5),
      p(/(?:faq|frequently asked questions)/, 2.5),
      p(/troubleshoot(?:ing)?/, 2.5),
      p(/instructions/, 2),
      p(/(?:usage |handy |useful )?tips?\b/, 2),
      p(/how to (?:use|set up|setup|install|clean|care for|assemble)/, 2),
      p(/video (?:tutorial|guide)|tutorial/, 2),
      p(/if you (?:have|run into) any (?:questions|problems|issues)/, 1),
    ],
    de: [
      p(/(?:bedienungs|gebrauchs|betriebs|montage|aufbau|pflege)anleitung/, 3),
      p(/anleitung/, 2),
      p(/handbuch/, 2.5),
      p(/(?:faq|häufig gestellte fragen|häufige fragen)/, 2.5),
      p(/(?:fehlerbehebung|problembehandlung|problemlösung)/, 2.5),
      p(/pflegehinweise/, 2.5),
      p(/tipps?/, 2),
      p(/so (?:verwenden|benutzen|reinigen|pflegen) sie/, 2),
      p(/erste schritte/, 2),
      p(/(?:falls|wenn) sie (?:noch )?fragen (?:haben|zu)/, 1),
    ],
  },
  'stock-delay': {
    en: [
      p(/(?:out of|not in) stock/, 3),
      p(/sold out/, 3),
      p(/back-?order(?:ed)?/, 3),
      p(/(?:is|are|will be|has been|have been|was) delayed/, 3),
      p(/delay(?:ed)? (?:in|of|with) (?:the )?(?:shipping|delivery|dispatch|shipment)/, 3),
      p(/later than (?:expected|planned|originally)/, 3),
      p(/(?:alternative|similar|replacement|substitute) (?:product|item|model|colou?r|version)/, 3),
      p(/(?:back in stock|restock)/, 3),
      p(/(?:currently |temporarily )?(?:unavailable|no longer available)/, 2),
      p(/delay(?:ed|s)?/, 2),
      p(/cancel(?:l?ation|l?ed|l?ing)?\b/, 1.5),
      p(/instead/, 1),
    ],
    de: [
      p(/nicht (?:mehr )?(?:auf|am) lager/, 3),
      p(/ausverkauft/, 3),
      p(/nicht (?:mehr )?(?:vorrätig|lieferbar|verfügbar)/, 3),
      p(/liefer(?:verzögerung|engpass|schwierigkeit)/, 3),
      p(/(?:verzögert|verschiebt) sich/, 3),
      p(/(?:verzögerung|verspätung)/, 2),
      p(/verspätet/, 2),
      p(/später als (?:geplant|erwartet|angekündigt)/, 3),
      p(/(?:alternativ(?:artikel|produkt|e[nrs]? (?:artikel|produkt|modell|farbe)))/, 3),
      p(/stornier(?:en|t|ung)/, 1.5),
      p(/stattdessen/, 1),
    ],
  },
};

/** German and English stop words for language detection; words that are both are left out. */
export const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  de: new Set(['der', 'die', 'das', 'und', 'ist', 'nicht', 'sie', 'ich', 'wir', 'ihre', 'ihr', 'ihnen', 'bitte', 'mit', 'für', 'auf', 'ein', 'eine', 'einen', 'zu', 'von', 'den', 'dem', 'des', 'wurde', 'haben', 'sind', 'uns', 'noch', 'wenn', 'oder', 'auch', 'nach', 'bei', 'vielen', 'dank', 'grüße', 'freundlichen', 'sehr', 'geehrte', 'geehrter', 'hallo', 'ihrer', 'ihren', 'können', 'gerne', 'werden']),
  en: new Set(['the', 'and', 'is', 'not', 'you', 'we', 'your', 'please', 'with', 'for', 'on', 'a', 'to', 'of', 'has', 'have', 'been', 'are', 'our', 'us', 'this', 'that', 'if', 'or', 'thank', 'thanks', 'regards', 'dear', 'hello', 'hi', 'would', 'could', 'can', 'it', 'be', 'my', 'best', 'kind', 'order', 'at']),
};
