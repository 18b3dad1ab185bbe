import { FileSecretStore } from '../../core/app/secrets.js';
import type { CoreContext } from '../../core/context.js';
import { IntakeService, type IntakeStatus } from '../../core/intake/index.js';
import { checkStoreAtStart, startCheckError } from '../../core/ops/start-check.js';
import { SUBMISSION_TLS_MODES, type SubmissionTls } from '../../core/relay/listener-tls.js';
import { startRelay, type RelayOptions } from '../../core/relay/relay-service.js';
import {
  isLoopbackHost,
  normalizeFingerprint,
  SMARTHOST_SECURITIES,
  smarthostSecurity,
  withSmarthostSecurity,
  type SmarthostSecurity,
} from '../../core/relay/transports.js';
import { dataDir, duration, hostPort, parse, UsageError } from '../args.js';
import type { LogFlag } from '../log-flag.js';
import { readUserFile } from '../files.js';
import { print } from '../output.js';
import { readSecret, splitUrlPassword, warnSecretOnCommandLine, withUrlPassword } from '../secrets.js';
import { warnDomainChange } from './domain.js';

export const SERVE_OPTIONS = {
  domain: { type: 'string' },
  smtp: { type: 'string' },
  submission: { type: 'string' },
  smarthost: { type: 'string' },
  'smarthost-security': { type: 'string' },
  'smarthost-trust': { type: 'string' },
  'smarthost-password-file': { type: 'string' },
  dns: { type: 'string' },
  'queue-lifetime': { type: 'string' },
  'retry-base': { type: 'string' },
  'max-size': { type: 'string' },
  'greeting-wait': { type: 'string' },
  'dkim-key': { type: 'string' },
  'dkim-selector': { type: 'string' },
  http: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'submission-tls': { type: 'string' },
} as const;

/** `parley serve`: the headless relay, until SIGINT or SIGTERM. */
export async function serveCommand(
  open: (v: Record<string, unknown>) => CoreContext,
  argv: string[],
  log?: LogFlag,
): Promise<void> {
  const { values } = parse(argv, SERVE_OPTIONS);
  const smtp = hostPort(values.smtp ?? '127.0.0.1:2525', '--smtp');
  const submission = hostPort(values.submission ?? '127.0.0.1:2587', '--submission');
  const tls = listenerTls(values);
  const outbound = await smarthostLogin(smarthostFlags(values, values.http !== undefined), values);
  if (Boolean(values['dkim-key']) !== Boolean(values['dkim-selector']))
    throw new UsageError('--dkim-key and --dkim-selector go together');
  const maxSize = values['max-size'] === undefined ? undefined : Number(values['max-size']);
  if (maxSize !== undefined && !(maxSize > 0)) throw new UsageError('--max-size must be a number of bytes');
  const greetingWait = values['greeting-wait'] === undefined ? undefined : Number(values['greeting-wait']);
  if (greetingWait !== undefined && !(Number.isInteger(greetingWait) && greetingWait >= 0))
    throw new UsageError('--greeting-wait must be a whole number of milliseconds');
  const limits =
    maxSize || greetingWait !== undefined
      ? { ...(maxSize ? { maxMessageBytes: maxSize } : {}), greetingWaitMs: greetingWait }
      : undefined;
  const queueLifetimeMs = values['queue-lifetime'] ? duration(values['queue-lifetime'], '--queue-lifetime') : undefined;
  if (values.http !== undefined) {
    // The web bridge runs the whole app service; the relay runs inside it with these flags.
    const { serveHttp } = await import('../bridge/serve-http.js');
    await serveHttp({
      http: hostPort(values.http, '--http'),
      dataDir: dataDir(values),
      // --log FILE; without it the app service keeps its log in the data folder's logs/.
      log: log?.open(dataDir(values)),
      dns: values.dns,
      queueLifetimeMs,
      json: Boolean(values.json),
      overrides: {
        // Only the flags given: the others come from the settings the seller stored in the UI.
        smtp: values.smtp ? smtp : undefined,
        submission: values.submission ? submission : undefined,
        ...outbound,
        domain: values.domain,
        limits,
        outbox: values['retry-base'] ? { baseBackoffMs: duration(values['retry-base'], '--retry-base') } : undefined,
        ...tls,
      },
      dkim: values['dkim-key']
        ? { keySelector: values['dkim-selector']!, privateKey: readDkimKey(values['dkim-key']) }
        : undefined,
    });
    return;
  }
  const ctx = open({ ...values, queueLifetimeMs });
  // A store whose file or hash chain is damaged is not served: one line naming the way out (parley restore).
  const check = checkStoreAtStart(ctx);
  if (!check.ok) throw startCheckError(check);
  if (ctx.replacedDomain !== null) warnDomainChange(ctx);
  const relay = await startRelay(ctx, {
    smtp,
    submission,
    ...outbound,
    dkim: values['dkim-key']
      ? {
          domainName: ctx.domain,
          keySelector: values['dkim-selector']!,
          privateKey: readDkimKey(values['dkim-key']),
        }
      : undefined,
    limits,
    outbox: values['retry-base'] ? { baseBackoffMs: duration(values['retry-base'], '--retry-base') } : undefined,
    ...tls,
  });
  const info = {
    domain: ctx.domain,
    dataDir: ctx.store.dataDir,
    smtp: `${smtp.host}:${relay.smtpPort}`,
    submission: `${submission.host}:${relay.submissionPort}`,
    outbound: relay.transport,
    outboundSecurity: outbound.smarthost ? securityWords(outbound.smarthost, outbound.smarthostFingerprint) : null,
    sellers: ctx.sellers.list().map((s) => ({ id: s.id, relayAddress: ctx.addresses.sellerAddress(s.id) })),
  };
  const intake = await startIntake(ctx);
  print(Boolean(values.json), info, [
    `parley relay for ${info.domain} (data: ${info.dataDir})`,
    `inbound SMTP (buyers, carriers):    ${info.smtp}`,
    `submission (sellers, AUTH):         ${info.submission}`,
    `outbound:                           ${info.outbound}`,
    ...(info.outboundSecurity ? [`smarthost security:                 ${info.outboundSecurity}`] : []),
    ...info.sellers.map((s) => `seller ${s.id}: ${s.relayAddress}`),
    'ready; Ctrl+C stops',
  ]);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await intake.stop();
  await relay.stop();
  ctx.close();
}

/**
 * The IMAP intake for every stored mailbox (parley intake add), beside the relay. Each change of state is a line on
 * stderr in words: the mailbox, never a buyer's address or a password.
 */
async function startIntake(ctx: CoreContext): Promise<IntakeService> {
  const intake = new IntakeService(ctx, new FileSecretStore(ctx.store.dataDir), {
    log: (line) => process.stderr.write(`${line}\n`),
  });
  intake.onStatus(intakeStatusLine());
  await intake.start();
  return intake;
}

/**
 * --tls-cert and --tls-key (PEM files, read when the relay starts) and --submission-tls. Without them a submission
 * port off loopback does not start: the relay says why.
 */
function listenerTls(values: {
  'tls-cert'?: string;
  'tls-key'?: string;
  'submission-tls'?: string;
}): Pick<RelayOptions, 'tls' | 'submissionTls'> {
  const { 'tls-cert': certFile, 'tls-key': keyFile, 'submission-tls': mode } = values;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new UsageError('--tls-cert and --tls-key go together');
  if (mode !== undefined && !(SUBMISSION_TLS_MODES as readonly string[]).includes(mode))
    throw new UsageError(`--submission-tls must be starttls or implicit, got "${mode}"`);
  if (mode === 'implicit' && !certFile)
    throw new UsageError('--submission-tls implicit needs --tls-cert and --tls-key');
  return {
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    submissionTls: mode as SubmissionTls | undefined,
  };
}

/**
 * --smarthost with --smarthost-security (starttls: required, the default off this machine; tls: port 465; none) and
 * --smarthost-trust FP, the SHA-256 fingerprint of a self-hosted smarthost's certificate accepted as it is. With
 * --http the trust may also be for the smarthost stored in Settings.
 */
function smarthostFlags(
  values: { smarthost?: string; 'smarthost-security'?: string; 'smarthost-trust'?: string },
  stored: boolean,
): { smarthost?: string; smarthostFingerprint?: string } {
  const { smarthost, 'smarthost-security': security, 'smarthost-trust': trust } = values;
  if (smarthost !== undefined && !/^smtps?:\/\/[^/]+/.test(smarthost))
    throw new UsageError(`--smarthost must be smtp://HOST:PORT or smtps://HOST:PORT, got "${smarthost}"`);
  if (security !== undefined && !(SMARTHOST_SECURITIES as readonly string[]).includes(security))
    throw new UsageError(`--smarthost-security must be starttls, tls or none, got "${security}"`);
  if (security !== undefined && !smarthost) throw new UsageError('--smarthost-security needs --smarthost');
  if (trust !== undefined && !smarthost && !stored) throw new UsageError('--smarthost-trust needs --smarthost');
  const fingerprint = trust === undefined ? undefined : normalizeFingerprint(trust);
  if (fingerprint === null)
    throw new UsageError(`--smarthost-trust must be a SHA-256 fingerprint (32 hex pairs, AB:CD:…), got "${trust}"`);
  return {
    smarthost: smarthost && security ? withSmarthostSecurity(smarthost, security as SmarthostSecurity) : smarthost,
    smarthostFingerprint: fingerprint,
  };
}

/**
 * The smarthost's password: from --smarthost-password-file, $PARLEY_SMARTHOST_PASSWORD, or asked on a terminal when
 * the URL names a user (smtp://USER@HOST). One written into the URL still works, with a warning.
 */
async function smarthostLogin<T extends { smarthost?: string }>(
  outbound: T,
  values: { 'smarthost-password-file'?: string },
): Promise<T> {
  const file = values['smarthost-password-file'];
  if (!outbound.smarthost) {
    if (file !== undefined) throw new UsageError('--smarthost-password-file needs --smarthost');
    return outbound;
  }
  const { url, password: inUrl } = splitUrlPassword(outbound.smarthost);
  const user = new URL(url).username;
  if (file !== undefined && !user)
    throw new UsageError('--smarthost-password-file needs a user in --smarthost: smtp://USER@HOST:PORT');
  if (inUrl !== undefined) {
    if (file !== undefined)
      throw new UsageError('--smarthost has a password and --smarthost-password-file gives another');
    warnSecretOnCommandLine(
      'the password in --smarthost',
      'smtp://USER@HOST:PORT with --smarthost-password-file FILE or $PARLEY_SMARTHOST_PASSWORD',
    );
    return outbound;
  }
  if (!user) return outbound;
  const password = await readSecret({
    fileFlag: '--smarthost-password-file',
    file,
    env: 'PARLEY_SMARTHOST_PASSWORD',
    prompt: `smarthost password for ${decodeURIComponent(user)}`,
  });
  return password === undefined ? outbound : { ...outbound, smarthost: withUrlPassword(url, password) };
}

/** How the smarthost connection is secured, for the start-up lines. */
function securityWords(url: string, fingerprint: string | undefined): string {
  const security = smarthostSecurity(url);
  const words =
    security === 'tls'
      ? 'TLS from the first byte'
      : security === 'none'
        ? 'none (chosen with starttls=never)'
        : isLoopbackHost(new URL(url).hostname) && !/starttls=required/.test(url)
          ? 'STARTTLS when offered (a smarthost on this machine)'
          : 'STARTTLS required';
  return fingerprint ? `${words}; trusted certificate SHA-256 ${fingerprint}` : `${words}; certificate verified`;
}

// bytes: a PEM private key is a few KB; anything much larger is not one.
const DKIM_KEY_LIMIT = 64 * 1024;

function readDkimKey(file: string): string {
  return readUserFile('--dkim-key', file, DKIM_KEY_LIMIT).toString('utf8');
}

/**
 * A mailbox's state as one line on stderr when it changes (not each fetch): the mailbox and the counts, never a buyer's
 * address or a password. `parley serve` and `parley serve --http` print the same.
 */
export function intakeStatusLine(): (s: IntakeStatus) => void {
  const last = new Map<number, string>();
  return (s) => {
    const error = s.lastError && s.state === 'retrying' ? ` (${s.lastError.message})` : '';
    const line = `intake ${s.accountId} (${s.label}): ${s.state}${error}`;
    if (s.state === 'fetching' || last.get(s.accountId) === line) return;
    last.set(s.accountId, line);
    process.stderr.write(`${line}; ${s.recorded} recorded, ${s.held} held\n`);
  };
}
