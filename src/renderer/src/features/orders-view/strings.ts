/** Strings of the Orders view: search, table, import (progress and result) and shipment confirmation. */
import { defineStrings } from '../../i18n';

export const ordersViewStrings = defineStrings({
  title: { en: 'Orders', de: 'Bestellungen' },
  search: { en: 'Order number, buyer or alias', de: 'Bestellnummer, Käufer oder Alias' },
  count: {
    en: '{count, plural, one {# order} other {# orders}}',
    de: '{count, plural, one {# Bestellung} other {# Bestellungen}}',
  },
  range: { en: '{from}–{to} of {total}', de: '{from}–{to} von {total}' },
  previous: { en: 'Previous', de: 'Zurück' },
  next: { en: 'Next', de: 'Weiter' },
  empty: {
    en: 'No orders yet. Import the marketplace’s order report to see them here.',
    de: 'Noch keine Bestellungen. Importieren Sie den Bestellbericht des Marktplatzes, um sie hier zu sehen.',
  },
  noMatch: { en: 'No order matches “{query}”.', de: 'Keine Bestellung passt zu „{query}“.' },
  loadFailed: {
    en: 'The orders could not be loaded: {message}',
    de: 'Die Bestellungen konnten nicht geladen werden: {message}',
  },
  retry: { en: 'Try again', de: 'Erneut versuchen' },
  order: { en: 'Order', de: 'Bestellung' },
  buyer: { en: 'Buyer', de: 'Käufer' },
  alias: { en: 'Alias', de: 'Alias' },
  product: { en: 'Product', de: 'Produkt' },
  category: { en: 'Category', de: 'Kategorie' },
  purchased: { en: 'Purchased', de: 'Gekauft' },
  shipment: { en: 'Shipment', de: 'Versand' },
  actions: { en: 'Actions', de: 'Aktionen' },
  standard: { en: 'Standard', de: 'Standard' },
  handmade: { en: 'Handmade', de: 'Handgefertigt' },
  wine: { en: 'Wine', de: 'Wein' },
  custom: { en: 'Custom-made', de: 'Sonderanfertigung' },
  alwaysDelivered: {
    en: 'Messages about this order are always delivered.',
    de: 'Nachrichten zu dieser Bestellung werden immer zugestellt.',
  },
  shipped: { en: 'Shipped {date}', de: 'Versandt am {date}' },
  notShipped: { en: 'Not shipped', de: 'Nicht versandt' },
  openConversation: { en: 'Open the conversation with {buyer}', de: 'Unterhaltung mit {buyer} öffnen' },
  noConversation: { en: 'The buyer has not written yet', de: 'Der Käufer hat noch nicht geschrieben' },
  // Import
  import: { en: 'Import order report…', de: 'Bestellbericht importieren…' },
  dropHint: {
    en: 'Drop the marketplace’s order report (.txt or .tsv, tab-separated) here, or',
    de: 'Bestellbericht des Marktplatzes (.txt oder .tsv, tabulatorgetrennt) hier ablegen, oder',
  },
  dropNow: { en: 'Release to import {name}', de: 'Loslassen, um {name} zu importieren' },
  importing: { en: 'Importing {name}…', de: '{name} wird importiert…' },
  progress: {
    en: '{done} of {total, plural, one {# row} other {# rows}}',
    de: '{done} von {total, plural, one {# Zeile} other {# Zeilen}}',
  },
  wrongType: {
    en: '{name} is not an order report: choose the .txt or .tsv file from the marketplace.',
    de: '{name} ist kein Bestellbericht: Wählen Sie die .txt- oder .tsv-Datei des Marktplatzes.',
  },
  tooBig: {
    en: '{name} is too large ({size}); the limit is 10 MB.',
    de: '{name} ist zu groß ({size}); die Grenze liegt bei 10 MB.',
  },
  importFailed: {
    en: 'The import failed: {message} Nothing was changed.',
    de: 'Der Import ist fehlgeschlagen: {message} Es wurde nichts geändert.',
  },
  resultTitle: {
    en: 'Imported {name}: {rows, plural, one {# row} other {# rows}} read {seconds, plural, =0 {at once} other {in # s}}',
    de: '{name} importiert: {rows, plural, one {# Zeile} other {# Zeilen}} {seconds, plural, =0 {sofort gelesen} other {in # s gelesen}}',
  },
  imported: { en: 'New', de: 'Neu' },
  updated: { en: 'Updated', de: 'Aktualisiert' },
  unchanged: { en: 'Unchanged', de: 'Unverändert' },
  failed: { en: 'Failed', de: 'Fehlerhaft' },
  failedRows: {
    en: 'Rows not imported (fix them in the file and import it again — the good rows stay as they are):',
    de: 'Nicht importierte Zeilen (in der Datei korrigieren und erneut importieren — die guten Zeilen bleiben unverändert):',
  },
  line: { en: 'Line {line}', de: 'Zeile {line}' },
  // Why a row was not imported (ImportProblem keys); the column names are the report's own headers.
  'problem.orderIdEmpty': { en: 'the order number (order-id) is empty', de: 'die Bestellnummer (order-id) ist leer' },
  'problem.emailEmpty': {
    en: 'the buyer’s address (buyer-email) is empty',
    de: 'die Adresse des Käufers (buyer-email) ist leer',
  },
  'problem.emailInvalid': {
    en: 'buyer-email “{value}” is not an e-mail address',
    de: 'buyer-email „{value}“ ist keine E-Mail-Adresse',
  },
  'problem.emailRelay': {
    en: 'buyer-email “{value}” is an address of this relay, not the buyer’s own',
    de: 'buyer-email „{value}“ ist eine Adresse dieses Relays, nicht die des Käufers',
  },
  'problem.emailSeller': {
    en: 'buyer-email “{value}” is the address of a shop, not of a buyer: shops do not write to each other',
    de: 'buyer-email „{value}“ ist die Adresse eines Shops, nicht die eines Käufers: Shops schreiben einander nicht',
  },
  'problem.dateMissing': {
    en: 'the purchase date (purchase-date) is missing; the daily message limit counts orders by it',
    de: 'das Kaufdatum (purchase-date) fehlt; das tägliche Nachrichtenlimit zählt die Bestellungen danach',
  },
  'problem.dateInvalid': {
    en: '{column} “{value}” in column {position} is not a date. Expected: 2026-12-03, 03.12.2026 or 3.12.2026, optionally with a time (14:30 or 14:30:00) and a time zone (Z or +01:00)',
    de: '{column} „{value}“ in Spalte {position} ist kein Datum. Erwartet: 03.12.2026, 3.12.2026 oder 2026-12-03, wahlweise mit Uhrzeit (14:30 oder 14:30:00) und Zeitzone (Z oder +01:00)',
  },
  'problem.categoryUnknown': {
    en: 'category “{value}” is not one of standard, handmade, wine, custom',
    de: 'Kategorie „{value}“ ist keine von standard, handmade (handgefertigt), wine (Wein), custom (Sonderanfertigung)',
  },
  'problem.otherBuyer': {
    en: 'order {orderId} is already recorded for another buyer; it was not changed',
    de: 'Bestellung {orderId} ist bereits für einen anderen Käufer erfasst; sie wurde nicht geändert',
  },
  'problem.otherCategory': {
    en: 'order {orderId} is already recorded as “{stored}”, not “{category}”; it was not changed',
    de: 'Bestellung {orderId} ist bereits als „{stored}“ erfasst, nicht als „{category}“; sie wurde nicht geändert',
  },
  moreFailed: { en: '… and {count} more', de: '… und {count} weitere' },
  close: { en: 'Close', de: 'Schließen' },
  // Shipment (R17, R16)
  confirmShipment: { en: 'Confirm shipment', de: 'Versand bestätigen' },
  shipTitle: { en: 'Confirm shipment', de: 'Versand bestätigen' },
  shipOrder: { en: 'Order {order} · {buyer} · {product}', de: 'Bestellung {order} · {buyer} · {product}' },
  carrier: { en: 'Carrier', de: 'Versanddienstleister' },
  tracking: { en: 'Tracking number', de: 'Sendungsnummer' },
  shipNote: {
    en: 'The buyer automatically receives a shipping confirmation. It does not count against your daily message limit.',
    de: 'Der Käufer erhält automatisch eine Versandbestätigung. Sie zählt nicht zu Ihrem täglichen Nachrichtenlimit.',
  },
  ship: { en: 'Confirm shipment', de: 'Versand bestätigen' },
  shipping: { en: 'Confirming…', de: 'Wird bestätigt…' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  shipFailed: {
    en: 'The shipment could not be confirmed: {message}',
    de: 'Der Versand konnte nicht bestätigt werden: {message}',
  },
  shipDone: {
    en: 'Order {order} is marked shipped; the shipping confirmation to the buyer is on its way (Outbox shows its delivery).',
    de: 'Bestellung {order} ist als versandt markiert; die Versandbestätigung an den Käufer ist unterwegs (der Postausgang zeigt die Zustellung).',
  },
});
