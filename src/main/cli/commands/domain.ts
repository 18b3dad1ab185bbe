import type { CoreContext } from '../../core/context.js';
import { isParleyError } from '../../core/errors.js';
import { checkDomainName, type ServedDomain } from '../../core/store/domains.js';
import { parse, UsageError } from '../args.js';
import { print } from '../output.js';

const day = (iso: string) => iso.slice(0, 10);

function domainLines(domains: ServedDomain[]): string[] {
  return domains.map((d) => `${d.current ? '* ' : '  '}${d.name}  (served since ${day(d.firstServedAt)})`);
}

/** What a new relay domain changes and what it does not: shown by `parley domain set` and `parley serve --domain`. */
export function domainChangeWarning(domain: string, older: string[]): string[] {
  return [
    `What changes: new relay addresses, buyer aliases and reply addresses use ${domain}.`,
    `What stays: buyers' and your mail to addresses already handed out under ${older.join(', ')} still arrives.`,
    `What you must do: your mail host (MX records) must receive mail for ${domain} and pass it to Parley.`,
  ];
}

/** `--domain` with a new name: it becomes current, and the addresses handed out under the old ones keep working. */
export function warnDomainChange(ctx: CoreContext): void {
  const older = ctx.domains.names().filter((d) => d !== ctx.domain);
  console.error(
    `parley: the relay domain is now ${ctx.domain} (was ${ctx.replacedDomain}); ` +
      `addresses under ${older.join(', ')} stay valid (parley domain list)`,
  );
}

/** `parley domain list` and `parley domain set DOMAIN`: the relay domains this store serves (store/domains.ts). */
export async function domainCommand(open: (v: Record<string, unknown>) => CoreContext, argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, {});
  switch (sub) {
    case 'list': {
      const ctx = open(values);
      const domains = ctx.domains.list();
      print(Boolean(values.json), { domains }, () => [
        ...domainLines(domains),
        ...(domains.length > 1 ? ['(* the current one; mail to the others still arrives)'] : []),
      ]);
      return;
    }
    case 'set': {
      if (positionals.length !== 1) throw new UsageError('parley domain set DOMAIN (one domain name)');
      let domain: string;
      try {
        domain = checkDomainName(positionals[0]);
      } catch (err) {
        if (isParleyError(err)) throw new UsageError(err.message);
        throw err;
      }
      const ctx = open({ ...values, domain });
      const domains = ctx.domains.list();
      const older = domains.filter((d) => !d.current).map((d) => d.name);
      print(Boolean(values.json), { domain, previous: ctx.replacedDomain, domains }, () =>
        ctx.replacedDomain === null
          ? [`${domain} is the current relay domain already; nothing changed`]
          : [
              `the relay domain is now ${domain} (was ${ctx.replacedDomain})`,
              ...domainChangeWarning(domain, older),
              'A running relay (parley serve) uses it from its next start.',
            ],
      );
      return;
    }
    default:
      throw new UsageError('parley domain list | parley domain set DOMAIN');
  }
}
