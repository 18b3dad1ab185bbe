/**
 * Tests only: one order as the app shows it, so a fixture names only the fields it cares about. The text fields
 * (ORDER_TEXT_FIELDS) are null unless given, so a new one needs no change here or in the fixtures.
 */
import { ORDER_TEXT_FIELDS, type OrderRow, type OrderText, type OrderView } from '../../../../shared/contract';

const NO_TEXT = Object.fromEntries(ORDER_TEXT_FIELDS.map((field) => [field, null])) as OrderText;

export function fakeOrder(fields: Partial<OrderView> = {}): OrderView {
  return {
    orderId: '302-0000000-0000000',
    ...NO_TEXT,
    category: 'standard',
    purchasedAt: '2025-03-01T09:00:00.000Z',
    shippedAt: null,
    carrier: null,
    tracking: null,
    ...fields,
  };
}

/** An order row of the Orders view: the order, its buyer's alias and conversation (none unless given). */
export function fakeOrderRow(fields: Partial<OrderRow> = {}): OrderRow {
  const alias = fields.alias ?? 'k3xq9z2m4p7w1ab';
  return {
    ...fakeOrder(fields),
    alias,
    aliasAddress: `${alias}@relay.parley.localhost`,
    conversationId: null,
    ...fields,
  };
}
