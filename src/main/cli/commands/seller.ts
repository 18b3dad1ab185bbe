import { resetSubmissionPassword } from '../../core/app/setup.js';
import { FileSecretStore } from '../../core/app/secrets.js';
import type { CoreContext } from '../../core/context.js';
import { isParleyError } from '../../core/errors.js';
import { randomPassword } from '../../core/store/passwords.js';
import type { UrgentCheck } from '../../core/store/sellers.js';
import { onOff, parse, required, UsageError } from '../args.js';
import { print } from '../output.js';
import { readSecret, warnSecretOnCommandLine } from '../secrets.js';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function checkEmail(value: string, what = '--email'): string {
  if (!EMAIL.test(value)) throw new UsageError(`${what} is not an e-mail address: "${value}"`);
  return value.toLowerCase();
}

/** The repository's refusal of what was typed (a seller id it does not take) exits as a usage error, status 2. */
async function badInputAsUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isParleyError(err) && err.code === 'EBADINPUT') throw new UsageError(err.message);
    throw err;
  }
}

/** R11 outside strict mode: hold a message that does not look necessary until confirmed, or only warn. */
function urgentCheck(value: string | undefined): UrgentCheck | undefined {
  if (value === undefined || value === 'confirm' || value === 'warn-only') return value;
  throw new UsageError(`--urgent-check must be confirm or warn-only, got "${value}"`);
}

function language(value: string | undefined): 'de' | 'en' | undefined {
  if (value === undefined || value === 'de' || value === 'en') return value;
  throw new UsageError(`--lang must be de or en, got "${value}"`);
}

/**
 * `seller add`'s submission password: --password-file, $PARLEY_SELLER_PASSWORD, or typed after --ask-password; none
 * of them, and Parley makes one up (printed once). --password PW still works, with a warning.
 */
async function submissionPassword(values: {
  password?: string;
  'password-file'?: string;
  'ask-password'?: boolean;
}): Promise<string | undefined> {
  const given = [values.password !== undefined, values['password-file'] !== undefined, values['ask-password']];
  if (given.filter(Boolean).length > 1)
    throw new UsageError('give the password one way: --password-file, --ask-password or $PARLEY_SELLER_PASSWORD');
  if (values.password !== undefined) {
    warnSecretOnCommandLine('--password', '--password-file FILE, $PARLEY_SELLER_PASSWORD or --ask-password');
    return values.password;
  }
  if (values['ask-password'] && !process.stdin.isTTY)
    throw new UsageError('--ask-password needs a terminal; give --password-file FILE or set PARLEY_SELLER_PASSWORD');
  const password = await readSecret({
    fileFlag: '--password-file',
    file: values['password-file'],
    env: 'PARLEY_SELLER_PASSWORD',
    prompt: values['ask-password'] ? 'submission password' : undefined,
  });
  if (password !== undefined && password.trim() === '') throw new UsageError('the submission password is empty');
  return password;
}

export async function sellerCommand(
  open: (v: { data?: string | boolean }) => CoreContext,
  argv: string[],
): Promise<void> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    'password-file': { type: 'string' },
    'ask-password': { type: 'boolean', default: false },
    lang: { type: 'string' },
    'bounce-notices': { type: 'string' },
    strict: { type: 'string' },
    'urgent-check': { type: 'string' },
  });
  const ctx = open(values);
  switch (sub) {
    case 'add': {
      const id = required(values, 'id').toLowerCase();
      const password = (await submissionPassword(values)) ?? randomPassword();
      const seller = await badInputAsUsage(() =>
        ctx.sellers.create({
          id,
          name: required(values, 'name'),
          email: checkEmail(required(values, 'email')),
          password,
          language: language(values.lang) ?? 'de',
        }),
      );
      const relayAddress = ctx.addresses.sellerAddress(seller.id);
      const domain = ctx.domain;
      print(values.json, { seller, domain, relayAddress, submission: { username: seller.id, password } }, [
        `seller ${seller.id} added: ${seller.name} <${seller.email}>`,
        `relay domain: ${domain} (parley domain list shows every domain served)`,
        `relay address (buyers write here): ${relayAddress}`,
        `submission login (your mail client, SMTP AUTH): user ${seller.id}, password ${password}`,
      ]);
      return;
    }
    case 'authorize': {
      const id = required(values, 'id');
      const email = checkEmail(required(values, 'email'));
      ctx.sellers.authorize(id, email); // refuses another seller's address (R9)
      print(values.json, { seller: id, authorized: ctx.sellers.authorizedSenders(id) }, [
        `${email} may now write to ${id}'s buyers (R7)`,
      ]);
      return;
    }
    case 'set': {
      const seller = ctx.sellers.update(required(values, 'id'), {
        bounceNotices: onOff(values['bounce-notices'], '--bounce-notices'),
        language: language(values.lang),
        strict: onOff(values.strict, '--strict'),
        urgentCheck: urgentCheck(values['urgent-check']),
        name: values.name,
        email: values.email === undefined ? undefined : checkEmail(values.email),
      });
      const lines = [
        `seller ${seller.id}: language ${seller.language}, bounce notices ${seller.bounceNotices ? 'on' : 'off'}, strict ${seller.strict ? 'on' : 'off'}, urgent check ${seller.urgentCheck}`,
      ];
      if (values['bounce-notices'] === 'off')
        lines.push(
          'warning (R13): without bounce notices you cannot tell whether a message to a buyer was blocked or delivered',
        );
      print(values.json, { seller }, lines);
      return;
    }
    case 'password': {
      // A mail client's new login: the one typed or given, or one Parley makes up (shown once, as the app's "Reset
      // password" does). The old password stops working at once.
      const id = ctx.sellers.require(required(values, 'id')).id;
      const chosen = await submissionPassword(values);
      const login = await resetSubmissionPassword(ctx, new FileSecretStore(ctx.store.dataDir), id, chosen);
      const shown = chosen === undefined ? login.password : null;
      print(values.json, { submission: { username: login.user, password: shown } }, [
        shown === null
          ? `submission password of ${id} changed; the old one no longer works`
          : `submission login (your mail client, SMTP AUTH): user ${login.user}, new password ${shown}`,
      ]);
      return;
    }
    case 'list': {
      const sellers = ctx.sellers.list().map((s) => ({
        ...s,
        relayAddress: ctx.addresses.sellerAddress(s.id),
        authorized: ctx.sellers.authorizedSenders(s.id),
      }));
      print(
        values.json,
        { sellers },
        sellers.map((s) => `${s.id}\t${s.name}\t${s.email}\t${s.relayAddress}`),
      );
      return;
    }
    default:
      throw new UsageError('usage: parley seller add|authorize|set|password|list …');
  }
}
