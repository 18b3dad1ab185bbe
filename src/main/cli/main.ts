import fs from 'node:fs';
import { CoreContext } from '../core/context.js';
import { isParleyError } from '../core/errors.js';
import { storeExists } from '../core/store/db.js';
import { dataDir, dataDirPath, UsageError } from './args.js';
import { takeLogFlag, type LogFlag } from './log-flag.js';
import { EXIT_POLICY } from './output.js';
import { packageVersion } from './package-info.js';
import { asksForHelp, commandUsage, HELP, USAGE } from './usage.js';

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
  import: async () => (await import('./commands/import.js')).importCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
};

/**
 * The commands that may make a new store: the others need one that is there (`parley messages` in a wrong folder says
 * so instead of leaving an empty store behind).
 */
const MAKES_A_STORE = new Set(['serve', 'demo', 'restore', 'seller add', 'domain set', 'buyer opt-out']);

async function main(argv: string[]): Promise<number> {
  const [name, ...given] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name ? given.find((a) => !a.startsWith('-')) : undefined;
    if (topic && !USAGE[topic]) throw new UsageError(`unknown command "${topic}" (parley help lists them)`);
    if (!name) {
      console.error(HELP); // no command at all is a usage error: the list goes where errors go
      return 2;
    }
    console.log(topic ? commandUsage(topic) : HELP);
    return 0;
  }
  if (name === 'version' || name === '--version' || name === '-V') {
    console.log(packageVersion());
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}" (parley help lists them)`);
  if (asksForHelp(given)) {
    console.log(commandUsage(name));
    return 0;
  }
  const log = takeLogFlag(given);
  const rest = log.args;
  const command = await load();
  const makesAStore = MAKES_A_STORE.has(name) || MAKES_A_STORE.has(`${name} ${rest[0]}`);
  let ctx: CoreContext | undefined;
  const open = (v: Record<string, unknown>) =>
    (ctx ??= new CoreContext({
      dataDir: makesAStore ? dataDir(v as { data?: string }) : existingStore(v as { data?: string }),
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

class StoreMissing extends Error {}

/** The data folder of a command that reads: one without a store is refused, and nothing is created there. */
function existingStore(values: { data?: string }): string {
  const dir = dataDirPath(values);
  if (fs.existsSync(dir)) dataDir(values); // a file or a folder it cannot write: said as such
  if (!storeExists(dir))
    throw new StoreMissing(
      `there is no Parley store in ${dir}: nothing is set up there yet ` +
        `(parley seller add or parley demo set one up${values.data === undefined ? '; another folder: --data DIR' : ''})`,
    );
  return dataDir(values);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`parley: ${err.message}`);
      process.exit(2);
    }
    if (isParleyError(err) || err instanceof StoreMissing) {
      console.error(`parley: ${err.message.replace(/^\d\.\d\.\d+ /, '')}`);
      process.exit(isParleyError(err) && err.code === 'ECONFIRM' ? EXIT_POLICY : 1);
    }
    console.error(`parley: internal error: ${(err as Error).stack ?? err}`);
    process.exit(70);
  },
);
