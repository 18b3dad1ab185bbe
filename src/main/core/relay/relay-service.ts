import type { SMTPServer } from 'smtp-server';
import type { CoreContext } from '../context.js';
import type { Log } from '../log.js';
import { AuthLimits, type AuthLimitOptions, type AuthLockout } from './auth-limits.js';
import { notifyDeliveryFailure } from './bounces.js';
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker, type OutboxOptions } from './outbox-worker.js';
import {
  close,
  createInboundServer,
  createSubmissionServer,
  DEFAULT_LIMITS,
  listen,
  type ListenerLimits,
  type ListenerSecurity,
} from './smtp-listeners.js';
import {
  isLoopback,
  loadListenerTls,
  submissionNeedsTls,
  type ListenerTlsFiles,
  type SubmissionTls,
} from './listener-tls.js';
import {
  MaildirTransport,
  SmarthostTransport,
  type DkimOptions,
  type SmarthostOptions,
  type SmarthostTimeouts,
  type Transport,
} from './transports.js';
import path from 'node:path';
import { errorDetail } from '../../../shared/errors.js';
import { ParleyError } from '../errors.js';
import { lockRelay } from '../store/lock.js';

export interface HostPort {
  host: string;
  port: number;
}

export interface RelayOptions {
  smtp: HostPort;
  submission: HostPort;
  /** smtp://host:port of the smarthost; absent, mail lands in the local mailbox under the data directory. */
  smarthost?: string;
  dkim?: DkimOptions;
  /** Waits for the smarthost's replies (tests and benchmarks scale them down). */
  smarthostTimeouts?: Partial<SmarthostTimeouts>;
  /** The smarthost certificate the seller trusts as it is (SHA-256 fingerprint), and a test authority. */
  smarthostFingerprint?: string | null;
  smarthostCa?: string;
  /** The smarthost's certificate problem (or missing STARTTLS) while it lasts; null once mail goes through again. */
  onSmarthostProblem?: SmarthostOptions['onProblem'];
  limits?: Partial<ListenerLimits>;
  outbox?: Partial<OutboxOptions>;
  /** Failed-login delays and lockouts on the submission port. */
  auth?: Partial<AuthLimitOptions>;
  /** Certificate and key for the listeners (PEM files, read at each start): STARTTLS on both. */
  tls?: ListenerTlsFiles;
  /** Submission with STARTTLS (the default) or TLS from the first byte (RFC 8314, port 465). */
  submissionTls?: SubmissionTls;
  /** Applies the rules of a non-loopback listener whatever the host (tests bind 127.0.0.1). */
  public?: boolean;
}

/** Each listener's TLS, or why the relay must not start: a public submission port without a certificate. */
function security(opts: RelayOptions, log: Log): { inbound: ListenerSecurity; submission: ListenerSecurity } {
  const tls = opts.tls ? loadListenerTls(opts.tls) : undefined;
  const inboundPublic = Boolean(opts.public) || !isLoopback(opts.smtp.host);
  const submissionPublic = Boolean(opts.public) || !isLoopback(opts.submission.host);
  if (submissionPublic && !tls) throw submissionNeedsTls(`${opts.submission.host}:${opts.submission.port}`);
  if (opts.submissionTls === 'implicit' && !tls)
    throw new ParleyError('EBADINPUT', 'Implicit TLS on the submission port needs a certificate and key', {
      detail: errorDetail('relay.couldNotStart', { message: 'implicit TLS needs a certificate and key' }),
    });
  if (inboundPublic && !tls)
    // Like a public MX (Postfix's smtpd_tls_security_level=may): buyers' servers still reach it, in clear.
    log.warn(
      'relay',
      `inbound ${opts.smtp.host}:${opts.smtp.port} is not on loopback and has no TLS certificate: ` +
        "buyers' mail arrives unencrypted; set --tls-cert and --tls-key to offer STARTTLS",
    );
  return {
    inbound: { tls, public: inboundPublic },
    submission: { tls, public: submissionPublic, implicit: opts.submissionTls === 'implicit' },
  };
}

function smarthostPassword(url: string): string[] {
  try {
    const password = new URL(url).password;
    return [password, decodeURIComponent(password)];
  } catch {
    return [];
  }
}

export interface RunningRelay {
  smtpPort: number;
  submissionPort: number;
  transport: string;
  worker: OutboxWorker;
  /** Remote addresses and logins locked out of submission now, after too many wrong passwords. */
  authLockouts(): AuthLockout[];
  /** Called as each new lockout begins. */
  onAuthLockout(listener: (lockout: AuthLockout) => void): void;
  stop(): Promise<void>;
}

/** Starts the two listeners and the outbox worker over one core context. */
export async function startRelay(ctx: CoreContext, opts: RelayOptions): Promise<RunningRelay> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  // Before anything is opened: a missing certificate is a clear status, not a half-started relay.
  const listeners = security(opts, ctx.log);
  // The smarthost's password is never written, whichever error or description quotes it.
  if (opts.smarthost) ctx.log.hide(smarthostPassword(opts.smarthost));
  const transport: Transport = opts.smarthost
    ? new SmarthostTransport(opts.smarthost, {
        dkim: opts.dkim,
        name: ctx.domain,
        timeouts: opts.smarthostTimeouts,
        marks: ctx.store.deliveredMarks(),
        fingerprint: opts.smarthostFingerprint,
        ca: opts.smarthostCa,
        onProblem: opts.onSmarthostProblem,
      })
    : new MaildirTransport(path.join(ctx.store.dataDir, 'mailbox'));
  // One relay per store: a second outbox worker would send each message twice.
  const lock = await lockRelay(ctx.store.dataDir).catch(async (err: unknown) => {
    await transport.close();
    throw err;
  });
  const worker = new OutboxWorker(
    ctx.store,
    ctx.outbox,
    transport,
    { ...DEFAULT_OUTBOX_OPTIONS, ...opts.outbox },
    ctx.log,
  );
  worker.on('failed', (item, error) => {
    // Only the seller's own messages earn a failure notice; a failed notice must not beget another.
    if (item.kind !== 'forward' && item.kind !== 'shipping-confirmation') return;
    const msg = item.messageId === null ? undefined : ctx.record.meta(item.messageId);
    if (!msg?.sellerId || msg.direction !== 'seller-to-buyer') return;
    notifyDeliveryFailure(ctx, msg.sellerId, item.messageId!, msg.subject, item.recipients.join(', '), error).catch(
      (err) => ctx.log.error('outbox', 'could not queue a delivery-failure notice', err),
    );
  });
  const stopQueueing = ctx.signals.on('queued', (items) => worker.enqueue(items));
  const stopRecording = ctx.signals.on('recorded', (m) =>
    ctx.log.info('relay', `recorded message ${m.id} (${m.direction}${m.alias ? `, alias ${m.alias}` : ''})`),
  );
  const servers: SMTPServer[] = [];
  try {
    const inbound = createInboundServer(ctx, limits, listeners.inbound);
    servers.push(inbound);
    const smtpPort = await listen(inbound, opts.smtp.host, opts.smtp.port);
    const authLimits = new AuthLimits(opts.auth);
    const submission = createSubmissionServer(ctx, limits, authLimits, listeners.submission);
    servers.push(submission);
    const submissionPort = await listen(submission, opts.submission.host, opts.submission.port);
    worker.start();
    ctx.store.checkpoints.start();
    ctx.log.info(
      'relay',
      `relay started: inbound ${opts.smtp.host}:${smtpPort}, submission ${opts.submission.host}:${submissionPort}, ` +
        `out via ${transport.description}`,
    );
    return {
      smtpPort,
      submissionPort,
      transport: transport.description,
      worker,
      authLockouts: () => authLimits.lockouts(),
      onAuthLockout: (listener) => authLimits.onLockout(listener),
      async stop() {
        authLimits.stop();
        await Promise.all(servers.map(close));
        stopQueueing();
        stopRecording();
        await worker.stop();
        await ctx.store.checkpoints.stop();
        lock.release();
        ctx.log.info('relay', 'relay stopped');
      },
    };
  } catch (err) {
    await Promise.all(servers.map(close));
    stopQueueing();
    stopRecording();
    await transport.close();
    lock.release();
    throw err;
  }
}
