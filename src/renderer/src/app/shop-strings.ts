/** Strings of the shop switcher and of the views that need one shop. */
import { defineStrings } from '../i18n';

export const shopStrings = defineStrings({
  switcher: { en: 'Shop: {name}', de: 'Shop: {name}' },
  allShops: { en: 'All shops', de: 'Alle Shops' },
  waiting: {
    en: '{n, plural, one {# needs a response} other {# need a response}}',
    de: '{n, plural, one {# braucht eine Antwort} other {# brauchen eine Antwort}}',
  },
  menu: { en: 'Shops', de: 'Shops' },
  pickTitle: { en: 'Pick a shop', de: 'Shop auswählen' },
  pickSettings: {
    en: 'Settings belong to one shop. Which shop do you want to change?',
    de: 'Einstellungen gehören zu einem Shop. Welchen Shop möchten Sie ändern?',
  },
  pickPerformance: {
    en: 'Performance is measured per shop. Which shop do you want to see?',
    de: 'Die Leistung wird je Shop gemessen. Welchen Shop möchten Sie sehen?',
  },
  pickOrders: {
    en: 'Orders are kept per shop. Which shop do you want to see?',
    de: 'Bestellungen werden je Shop geführt. Welchen Shop möchten Sie sehen?',
  },
  close: { en: 'Close', de: 'Schließen' },
  addShop: { en: 'Add a shop…', de: 'Shop hinzufügen…' },
  addShopTitle: { en: 'Add a shop', de: 'Shop hinzufügen' },
});
