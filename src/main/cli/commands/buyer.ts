import type { CoreContext } from '../../core/context.js';
import { parse, required, UsageError } from '../args.js';
import { print } from '../output.js';
import { checkEmail } from './seller.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

export async function buyerCommand(open: Open, argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, { email: { type: 'string' }, undo: { type: 'boolean', default: false } });
  if (sub !== 'opt-out') throw new UsageError('usage: parley buyer opt-out --email ADDRESS [--undo]');
  const ctx = open(values);
  const buyer = ctx.pairs.setOptOut(checkEmail(required(values, 'email')), !values.undo);
  print(values.json, { buyer }, [
    `${buyer.email} ${buyer.optedOut ? 'opted out of unsolicited seller messages (R10)' : 'receives seller messages again'}`,
  ]);
}

export async function aliasCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, { seller: { type: 'string' }, 'buyer-email': { type: 'string' } });
  const ctx = open(values);
  const seller = ctx.sellers.require(required(values, 'seller'));
  const pair = ctx.pairs.ensurePair(seller.id, checkEmail(required(values, 'buyer-email'), '--buyer-email'));
  const alias = ctx.addresses.aliasAddress(pair.alias);
  print(values.json, { alias, seller: seller.id }, [alias]);
}
