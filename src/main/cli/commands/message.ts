import type { CoreContext } from '../../core/context.js';
import { ParleyError } from '../../core/errors.js';
import { releaseHeld } from '../../core/relay/release.js';
import { parse, required, UsageError } from '../args.js';
import { print } from '../output.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

/** `parley message release --id N`: a seller message held for [Important] (R11) goes after all. */
export async function messageCommand(open: Open, argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, { id: { type: 'string' }, seller: { type: 'string' } });
  if (sub !== 'release') throw new UsageError('usage: parley message release --id MESSAGE_ID [--seller ID]');
  const id = Number(required(values, 'id'));
  if (!Number.isInteger(id) || id <= 0)
    throw new UsageError(`--id must be a message number (parley messages lists them), got "${values.id}"`);
  const ctx = open(values);
  const sellerId = values.seller ?? ctx.releases.ownerOf(id);
  if (!sellerId) throw new ParleyError('ENOTFOUND', `no message ${id}`);
  const released = await releaseHeld(ctx, ctx.sellers.require(sellerId), id, 'cli');
  print(values.json, released, [
    `message ${id} released (R11): queued for the buyer (outbox ${released.outboxId}); the running relay (parley serve) delivers it`,
    ...released.decision.warnings.map((w) => `warning ${w.rule}: ${w.message}`),
  ]);
}
