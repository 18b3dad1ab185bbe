import { heldIntakeView } from '../../core/app/intake-views.js';
import { FileSecretStore } from '../../core/app/secrets.js';
import type { CoreContext } from '../../core/context.js';
import { IntakeService } from '../../core/intake/index.js';
import { parse, required, UsageError } from '../args.js';
import { print } from '../output.js';
import { readSecret } from '../secrets.js';

type Open = (v: Record<string, unknown>) => CoreContext;

const USAGE =
  'usage: parley intake add --seller ID --imap imaps://USER@HOST[:PORT] [--folder INBOX] [--password-file F] ' +
  '[--trust-fingerprint FP] | parley intake list | parley intake remove --id N | parley intake held [--seller ID]';

/** The mailbox password: a file, else $PARLEY_IMAP_PASSWORD, else asked on the terminal without echo. */
async function readPassword(file: string | undefined): Promise<string> {
  const password = await readSecret({
    fileFlag: '--password-file',
    file,
    env: 'PARLEY_IMAP_PASSWORD',
    prompt: 'mailbox password',
  });
  if (password === undefined)
    throw new UsageError('the mailbox password: give --password-file FILE or set PARLEY_IMAP_PASSWORD');
  return password;
}

/** `parley intake add|list|remove|held`: the shop's mailboxes Parley reads buyer mail from over IMAP. */
export async function intakeCommand(open: Open, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    seller: { type: 'string' },
    imap: { type: 'string' },
    folder: { type: 'string' },
    'password-file': { type: 'string' },
    'trust-fingerprint': { type: 'string' },
    id: { type: 'string' },
  });
  const [sub, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(USAGE);
  const json = Boolean(values.json);
  const service = (ctx: CoreContext) => new IntakeService(ctx, new FileSecretStore(ctx.store.dataDir));
  switch (sub) {
    case 'add': {
      const sellerId = required(values, 'seller');
      const url = required(values, 'imap');
      const password = await readPassword(values['password-file']);
      const ctx = open(values);
      const account = await service(ctx).add({
        sellerId,
        url,
        folder: values.folder,
        password,
        trustFingerprint: values['trust-fingerprint'],
      });
      print(json, account, [
        `intake ${account.id}: ${account.user}@${account.host}:${account.port} · ${account.folder} for ${account.sellerId}`,
        `connected (${account.secure ? 'TLS' : 'STARTTLS or this machine'}); parley serve takes its mail in, ` +
          'filing it in Parley/Done, and what it cannot route in Parley/Held',
      ]);
      return;
    }
    case 'list': {
      const accounts = service(open(values)).list(values.seller);
      print(
        json,
        { accounts },
        accounts.length === 0
          ? ['no mailboxes (parley intake add connects one)']
          : accounts.map(
              (a) =>
                `${a.id}\t${a.sellerId}\t${a.secure ? 'imaps' : 'imap'}://${a.user}@${a.host}:${a.port}\t${a.folder}` +
                `${a.hasSecret ? '' : '\t(no password stored)'}${a.trustFingerprint ? `\ttrusts ${a.trustFingerprint}` : ''}`,
            ),
      );
      return;
    }
    case 'remove': {
      const id = Number(required(values, 'id'));
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError('--id must be a number (parley intake list shows them)');
      await service(open(values)).remove(id);
      print(json, { removed: id }, [`intake ${id} removed; what it recorded stays`]);
      return;
    }
    case 'held': {
      const ctx = open(values);
      // Like the app: a held message has no alias, so any address in it but ours and its recipient is hidden (R5).
      const held = service(ctx)
        .held(values.seller)
        .map((h) => heldIntakeView(h, ctx));
      print(
        json,
        { held },
        held.length === 0
          ? ['nothing held']
          : held.map(
              (h) =>
                `${h.id}\t${h.heldAt}\t${h.sellerId}\t${h.recipient ?? '-'}\t${h.size} bytes\t${h.subject ?? ''}\t` +
                h.reason.message,
            ),
      );
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}
