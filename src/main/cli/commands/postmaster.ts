import type { CoreContext } from '../../core/context.js';
import { listPostmaster, readPostmaster } from '../../core/app/postmaster.js';
import { parse, UsageError } from '../args.js';
import { print } from '../output.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

const USAGE = 'usage: parley postmaster list | parley postmaster show ID';

/** `parley postmaster list|show ID`: mail to postmaster@ the relay domain (RFC 5321), which is never forwarded. */
export async function postmasterCommand(open: Open, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  // The CLI is the operator's own tool over the whole store: no seller, so addresses are shown as received.
  const [sub, idText, ...extra] = positionals;
  if (sub === 'list' && idText === undefined) {
    const mail = listPostmaster(open(values), null);
    print(
      values.json,
      { mail },
      mail.length === 0
        ? ['no mail to the postmaster']
        : mail.map((m) => `${m.id}\t${m.receivedAt}\t${m.envelopeFrom || '<>'}\t${m.size} bytes\t${m.subject}`),
    );
    return;
  }
  if (sub !== 'show' || idText === undefined || extra.length > 0) throw new UsageError(USAGE);
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0)
    throw new UsageError(`the id must be a number (parley postmaster list shows them), got "${idText}"`);
  const message = await readPostmaster(open(values), null, id);
  print(values.json, message, [message.headers, '', message.text]);
}
