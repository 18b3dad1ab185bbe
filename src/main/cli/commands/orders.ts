import type { CoreContext } from '../../core/context.js';
import { importOrders } from '../../core/ops/orders-import.js';
import { isParleyError } from '../../core/errors.js';
import { confirmShipment } from '../../core/ops/ship.js';
import { isOrderCategory } from '../../core/store/orders.js';
import { parse, required, UsageError } from '../args.js';
import { ORDER_REPORT_LIMIT, readUserFile } from '../files.js';
import { print } from '../output.js';
import { checkEmail } from './seller.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

export async function orderCommand(open: Open, argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'add')
    throw new UsageError(
      'usage: parley order add --seller ID --order ORDER_ID --buyer-email ADDRESS --buyer-name NAME [--category standard|handmade|wine|custom] [--purchased ISO_DATE]',
    );
  const { values } = parse(rest, {
    seller: { type: 'string' },
    order: { type: 'string' },
    'buyer-email': { type: 'string' },
    'buyer-name': { type: 'string' },
    category: { type: 'string' },
    purchased: { type: 'string' },
    product: { type: 'string' },
  });
  const category = values.category ?? 'standard';
  if (!isOrderCategory(category))
    throw new UsageError(`--category must be standard, handmade, wine or custom, got "${category}"`);
  const ctx = open(values);
  const sellerId = required(values, 'seller');
  ctx.sellers.require(sellerId);
  const { order, created } = ctx.orders.upsert({
    sellerId,
    orderId: required(values, 'order'),
    buyerEmail: checkEmail(required(values, 'buyer-email'), '--buyer-email'),
    buyerName: required(values, 'buyer-name'),
    category,
    purchasedAt: values.purchased,
    productName: values.product,
  });
  const alias = ctx.addresses.aliasAddress(order.alias);
  print(values.json, { order, created, alias }, [
    `order ${order.orderId} ${created ? 'added' : 'exists already'} (${order.category}); buyer alias ${alias}`,
  ]);
}

export async function ordersCommand(open: Open, argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, { seller: { type: 'string' } });
  if (sub !== 'import' || positionals.length !== 1)
    throw new UsageError('usage: parley orders import --seller ID FILE');
  const text = readUserFile('the order report', positionals[0], ORDER_REPORT_LIMIT);
  const ctx = open(values);
  const sellerId = required(values, 'seller');
  ctx.sellers.require(sellerId);
  const report = importOrders(ctx, sellerId, text);
  print(values.json, report, () => [
    `${report.imported} imported, ${report.unchanged} unchanged, ${report.failed.length} failed of ${report.total} rows`,
    ...report.failed.map((f) => f.reason),
  ]);
  if (report.failed.length > 0) process.exitCode = 1;
}

export async function shipCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    order: { type: 'string' },
    seller: { type: 'string' },
    carrier: { type: 'string' },
    tracking: { type: 'string' },
  });
  if (values.tracking && !values.carrier) throw new UsageError('--tracking needs --carrier');
  const ctx = open(values);
  const orderId = required(values, 'order');
  let shipped: Awaited<ReturnType<typeof confirmShipment>>;
  try {
    shipped = await confirmShipment(ctx, {
      orderId,
      sellerId: values.seller,
      carrier: values.carrier,
      tracking: values.tracking,
    });
  } catch (err) {
    // The same confirmation again is done already: said, and not a failure (a script may run it twice).
    if (!isParleyError(err) || err.detail?.key !== 'ship.alreadyConfirmed') throw err;
    const { date } = err.detail.params;
    print(values.json, { order: ctx.orders.require(orderId, values.seller), message: null, alreadyConfirmed: date }, [
      `order ${orderId}: already confirmed on ${date}${values.tracking ? ` with tracking number ${values.tracking}` : ''}; ` +
        'nothing sent (another tracking number sends a correction)',
    ]);
    return;
  }
  const { order, message } = shipped;
  print(values.json, { order, message }, [
    `order ${order.orderId} shipped; shipping confirmation ${message.response} (automatic, outside the daily limit, R17)`,
  ]);
}
