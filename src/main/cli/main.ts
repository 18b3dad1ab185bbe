import { CoreContext } from '../core/context.js';
import { isParleyError } from '../core/errors.js';
import { dataDir, UsageError } from './args.js';
import { takeLogFlag, type LogFlag } from './log-flag.js';

const HELP = `parley — anonymizing buyer–seller mail relay

  parley serve [--domain D] [--smtp HOST:PORT] [--submission HOST:PORT] [--smarthost smtp://HOST:PORT]
               [--smarthost-security starttls|tls|none] [--smarthost-trust SHA256-FINGERPRINT]
               [--smarthost-password-file F]   (for smtp://USER@HOST:PORT; also $PARLEY_SMARTHOST_PASSWORD or a prompt)
               [--dns system|offline|FILE] [--queue-lifetime 5d] [--retry-base 5m] [--dkim-key FILE --dkim-selector S]
               [--http 127.0.0.1:PORT]   (the inbox in a browser: prints "web bridge: http://127.0.0.1:PORT/#token=…")
               [--tls-cert FILE --tls-key FILE] [--submission-tls starttls|implicit]
               (PEM files; a --submission off loopback needs them: STARTTLS, AUTH only after it)
  parley seller add --id ID --name NAME --email ADDRESS [--password-file F | --ask-password] [--lang de|en]
               (the submission password, also from $PARLEY_SELLER_PASSWORD; none given: Parley makes one up)
  parley seller authorize --id ID --email ADDRESS
  parley seller set --id ID [--bounce-notices on|off] [--lang de|en] [--strict on|off] [--urgent-check confirm|warn-only]
  parley seller list
  parley order add --seller ID --order ORDER_ID --buyer-email ADDRESS --buyer-name NAME [--category standard|handmade|wine|custom] [--purchased ISO_DATE]
  parley orders import --seller ID FILE
  parley buyer opt-out --email ADDRESS [--undo]
  parley alias --seller ID --buyer-email ADDRESS
  parley ship --order ORDER_ID [--carrier NAME --tracking NUMBER]
  parley send  --seller ID --to ALIAS --subject TEXT --body-file FILE [--attach FILE]… [--reason additional-info] [--reply-to MESSAGE-ID]
               [--confirm]   (R11: send a message Parley holds for [Important] anyway)
  parley check (same as send: prints the policy decision, sends nothing)
  parley messages --seller ID [--alias ALIAS]
  parley message release --id MESSAGE_ID   (R11: a held message from your mail client goes after all)
  parley export --seller ID --alias ALIAS --out DIR [--for-authority]
               (the seller's copy shows the alias, R5; --for-authority: the originals with the buyer's address)
  parley verify [--export DIR|ZIP]
  parley backup --out DIR   (an online copy of the store and its files into a new or empty folder)
  parley restore --from DIR [--force]   (refuses while a relay runs, or over a store newer than the backup)
  parley postmaster list | parley postmaster show ID   (mail to postmaster@ the relay domain; never forwarded)
  parley intake add --seller ID --imap imaps://USER@HOST[:PORT] [--folder INBOX] [--password-file F]
               [--trust-fingerprint SHA256]   (a mailbox buyer mail arrives in; password also from
               $PARLEY_IMAP_PASSWORD or a prompt; parley serve takes its mail in)
  parley intake list | parley intake remove --id N | parley intake held [--seller ID]
  parley domain list | parley domain set DOMAIN   (new addresses use DOMAIN; those under the old ones keep working)
  parley template add --seller ID --name NAME [--lang de|en] [--subject TEXT] [--body-file FILE]   (else stdin;
               {buyerName} {orderId} {productName} {trackingNumber} {shopName}; a review request gets an R11 warning)
  parley template list --seller ID | parley template remove --seller ID --id N|--name NAME
  parley demo

Every command takes --data DIR (default: the OS app-data folder, or $PARLEY_DATA) and --json, and --log [FILE]
(the app's log: relay, outbox, intake and errors, never a buyer's address or a secret; default DIR/logs/parley.log).
A password is never needed on the command line (others see it there): give a file, the environment or the prompt.`;

type Command = (open: (v: Record<string, unknown>) => CoreContext, argv: string[], log: LogFlag) => Promise<void>;

// Each command loads only what it needs: `parley alias` should not pay for the SMTP stack.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  seller: async () => (await import('./commands/seller.js')).sellerCommand,
  order: async () => (await import('./commands/orders.js')).orderCommand,
  orders: async () => (await import('./commands/orders.js')).ordersCommand,
  ship: async () => (await import('./commands/orders.js')).shipCommand,
  buyer: async () => (await import('./commands/buyer.js')).buyerCommand,
  alias: async () => (await import('./commands/buyer.js')).aliasCommand,
  send: async () => (await import('./commands/send.js')).sendCommand,
  check: async () => (await import('./commands/send.js')).checkCommand,
  messages: async () => (await import('./commands/record.js')).messagesCommand,
  message: async () => (await import('./commands/message.js')).messageCommand,
  export: async () => (await import('./commands/record.js')).exportCommand,
  verify: async () => (await import('./commands/record.js')).verifyCommand,
  backup: async () => (await import('./commands/backup.js')).backupCommand,
  restore: async () => (await import('./commands/backup.js')).restoreCommand,
  postmaster: async () => (await import('./commands/postmaster.js')).postmasterCommand,
  domain: async () => (await import('./commands/domain.js')).domainCommand,
  template: async () => (await import('./commands/template.js')).templateCommand,
  intake: async () => (await import('./commands/intake.js')).intakeCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...given] = argv;
  const log = takeLogFlag(given);
  const rest = log.args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}" (parley help lists them)`);
  const command = await load();
  let ctx: CoreContext | undefined;
  const open = (v: Record<string, unknown>) =>
    (ctx ??= new CoreContext({
      dataDir: dataDir(v as { data?: string }),
      log: log.open(dataDir(v as { data?: string })),
      domain: v.domain as string | undefined,
      dns: v.dns as string | undefined,
      queueLifetimeMs: v.queueLifetimeMs as number | undefined,
    }));
  try {
    await command(open, rest, log);
  } finally {
    ctx?.close();
    log.close();
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`parley: ${err.message}`);
      process.exit(2);
    }
    if (isParleyError(err)) {
      console.error(`parley: ${err.message.replace(/^\d\.\d\.\d+ /, '')}`);
      process.exit(1);
    }
    console.error(`parley: internal error: ${(err as Error).stack ?? err}`);
    process.exit(70);
  },
);
