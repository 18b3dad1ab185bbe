/** Strings of the order context box (R3). */
import { defineStrings } from '../../i18n';

export const orderStrings = defineStrings({
  title: { en: 'Order context', de: 'Bestellungen' },
  none: { en: 'No orders are known for this alias.', de: 'Zu diesem Alias sind keine Bestellungen bekannt.' },
  order: { en: 'Order', de: 'Bestellung' },
  product: { en: 'Product', de: 'Produkt' },
  category: { en: 'Category', de: 'Kategorie' },
  purchased: { en: 'Purchased', de: 'Gekauft' },
  shipping: { en: 'Shipping', de: 'Versand' },
  shipped: { en: 'Shipped {date}', de: 'Versandt am {date}' },
  notShipped: { en: 'Not shipped yet', de: 'Noch nicht versandt' },
  tracking: { en: '{carrier} {tracking}', de: '{carrier} {tracking}' },
  standard: { en: 'Standard', de: 'Standard' },
  handmade: { en: 'Handmade', de: 'Handgefertigt' },
  wine: { en: 'Wine', de: 'Wein' },
  custom: { en: 'Custom-made', de: 'Sonderanfertigung' },
  alwaysDelivered: {
    en: 'Messages about this order are always delivered.',
    de: 'Nachrichten zu dieser Bestellung werden immer zugestellt.',
  },
});
