import type { CoreContext } from '../../core/context.js';
import { createDemo } from '../../core/ops/demo.js';
import { defaultDataDir, parse } from '../args.js';
import { print } from '../output.js';

export async function demoCommand(open: (v: Record<string, unknown>) => CoreContext, argv: string[]): Promise<void> {
  const { values } = parse(argv, { domain: { type: 'string' } });
  const ctx = open({ ...values, dns: 'offline' });
  const demo = await createDemo(ctx);
  // The folder the next commands need: named unless it is the default one they find by themselves.
  const data = ctx.store.dataDir === defaultDataDir() ? '' : ` --data ${shellWord(ctx.store.dataDir)}`;
  print(
    values.json,
    {
      ...demo,
      dataDir: ctx.store.dataDir,
      domain: ctx.domain,
      relayAddress: ctx.addresses.sellerAddress(demo.sellerId),
    },
    [
      `demo data in ${ctx.store.dataDir}: seller ${demo.sellerId}, ${demo.messages} messages sent through the relay`,
      `relay address: ${ctx.addresses.sellerAddress(demo.sellerId)}; submission login: ${demo.sellerId} / ${demo.password}`,
      `next: npx parley serve${data}   (then: npx parley messages --seller ${demo.sellerId}${data})`,
    ],
  );
}

/** A path as one word of a POSIX shell command line: quoted when it holds anything but the usual path characters. */
function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
