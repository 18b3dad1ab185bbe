/** What `parley help`, `parley help COMMAND` and `parley COMMAND --help` print. */

/** Each command's own lines, in the order the general help lists them. */
export const USAGE: Record<string, string> = {
  serve: `  parley serve [--domain D] [--smtp HOST:PORT] [--submission HOST:PORT] [--smarthost smtp://HOST:PORT]
               [--smarthost-security starttls|tls|none] [--smarthost-trust SHA256-FINGERPRINT]
               [--smarthost-password-file F]   (for smtp://USER@HOST:PORT; also $PARLEY_SMARTHOST_PASSWORD or a prompt)
               [--dns system|offline|FILE] [--queue-lifetime 5d] [--retry-base 5m] [--dkim-key FILE --dkim-selector S]
               [--http 127.0.0.1:PORT]   (the inbox in a browser: prints "web bridge: http://127.0.0.1:PORT/#token=…")
               [--tls-cert FILE --tls-key FILE] [--submission-tls starttls|implicit]
               (PEM files; a --submission off loopback needs them: STARTTLS, AUTH only after it)
               [--greeting-wait MS]   (inbound waits MS before its greeting; default 100 off loopback, 0 on it)`,
  seller: `  parley seller add --id ID --name NAME --email ADDRESS [--password-file F | --ask-password] [--lang de|en]
               (the submission password, also from $PARLEY_SELLER_PASSWORD; none given: Parley makes one up)
  parley seller authorize --id ID --email ADDRESS
  parley seller set --id ID [--bounce-notices on|off] [--lang de|en] [--strict on|off] [--urgent-check confirm|warn-only]
  parley seller password --id ID [--password-file F | --ask-password]   (none given: a new one, printed once)
  parley seller list`,
  order: `  parley order add --seller ID --order ORDER_ID --buyer-email ADDRESS --buyer-name NAME [--category standard|handmade|wine|custom] [--purchased ISO_DATE]`,
  orders: `  parley orders import --seller ID FILE`,
  buyer: `  parley buyer opt-out --email ADDRESS [--undo]`,
  alias: `  parley alias --seller ID --buyer-email ADDRESS`,
  ship: `  parley ship --order ORDER_ID [--seller ID] [--carrier NAME --tracking NUMBER]
               (the buyer gets one shipping confirmation per order and tracking number: the same again sends nothing,
               a new tracking number sends a correction)`,
  send: `  parley send  --seller ID --to ALIAS --subject TEXT --body-file FILE [--attach FILE]… [--reason additional-info] [--reply-to MESSAGE-ID]
               [--confirm]   (R11: send a message Parley holds for [Important] anyway)
               (exit 3 when the policy blocks it or holds it for --confirm)`,
  check: `  parley check (same as send: prints the policy decision, sends nothing; exit 3 when send would not send it)`,
  messages: `  parley messages --seller ID [--alias ALIAS] [--limit N]`,
  message: `  parley message release --id MESSAGE_ID   (R11: a held message from your mail client goes after all)`,
  export: `  parley export --seller ID --alias ALIAS --out DIR [--for-authority]
               (the seller's copy shows the alias, R5; --for-authority: the originals with the buyer's address)`,
  verify: `  parley verify [--export DIR|ZIP]`,
  backup: `  parley backup --out DIR   (an online copy of the store and its files into a new or empty folder)`,
  restore: `  parley restore --from DIR [--force]   (refuses while a relay runs, or over a store newer than the backup)`,
  postmaster: `  parley postmaster list | parley postmaster show ID   (mail to postmaster@ the relay domain; never forwarded)`,
  intake: `  parley intake add --seller ID --imap imaps://USER@HOST[:PORT] [--folder INBOX] [--password-file F]
               [--trust-fingerprint SHA256]   (a mailbox buyer mail arrives in; password also from
               $PARLEY_IMAP_PASSWORD or a prompt; parley serve takes its mail in)
  parley intake list | parley intake remove --id N | parley intake held [--seller ID]`,
  import: `  parley import --seller ID (--mbox FILE | --maildir DIR)   (past buyer conversations into the record: no policy,
               no delivery; mailing lists and auto-replies skipped; a second import adds nothing; a killed one goes on
               where it stopped; progress on stderr)`,
  domain: `  parley domain list | parley domain set DOMAIN   (new addresses use DOMAIN; those under the old ones keep working)`,
  template: `  parley template add --seller ID --name NAME [--lang de|en] [--subject TEXT] [--body-file FILE]   (else stdin;
               {buyerName} {orderId} {productName} {trackingNumber} {shopName}; a review request gets an R11 warning)
  parley template list --seller ID | parley template remove --seller ID --id N|--name NAME`,
  demo: `  parley demo [--domain D]   (a demo shop with orders, buyers and conversations, in a new or empty data folder;
               it refuses a folder that holds a shop already)`,
  help: `  parley help [COMMAND]   (this list, or one command's usage; also parley COMMAND --help)`,
  version: `  parley version   (also parley --version)`,
};

const COMMON = `Every command takes --data DIR (default: the OS app-data folder, or $PARLEY_DATA) and --json, and --log [FILE]
(the app's log: relay, outbox, intake and errors, never a buyer's address or a secret; default DIR/logs/parley.log).
A password is never needed on the command line (others see it there): give a file, the environment or the prompt.`;

const EXIT_CODES = `Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 a usage error, 3 the policy blocked or held the
message (send, check).`;

export const HELP = `parley — anonymizing buyer–seller mail relay

${Object.values(USAGE).join('\n')}

${COMMON}
${EXIT_CODES}`;

/** One command's usage, with the options every command takes. */
export function commandUsage(name: string): string {
  return `usage:\n${USAGE[name]}\n\n${COMMON}`;
}

/** `--help` or `-h` among the arguments (before a `--` that ends the options). */
export function asksForHelp(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
