import { setTimeout as delay } from 'node:timers/promises';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { defaultGreetingWaitMs, GreetingServer } from './greeting.js';
import { installDataReader } from './data-stream.js';
import { readMessage } from './read-message.js';
import type { CoreContext } from '../context.js';
import { ParleyError, isParleyError } from '../errors.js';
import { AuthLimits, type AuthLockout } from './auth-limits.js';
import { acceptFromSeller, type AcceptResult } from './accept.js';
import { BounceLimits, DEFAULT_BOUNCE_LIMITS, type BounceLimitOptions } from './bounce-limits.js';
import { applyMailAction, handleInbound } from './inbound.js';
import { SessionGuard } from './session-guard.js';
import { isStorageFull, storageFullReply } from './storage-full.js';
import { submissionNeedsTls, TLS_SERVER_OPTIONS, type ListenerTls } from './listener-tls.js';
import { checkSubmissionSender, routeInbound, routeSubmission, type InboundRoute } from './routes.js';
import { stderrLog, type Log } from '../log.js';

export interface ListenerLimits extends BounceLimitOptions {
  /** Largest message accepted, in bytes; larger ones are refused during DATA (552). */
  maxMessageBytes: number;
  /** Concurrent SMTP connections per listener. */
  maxClients: number;
  /** Concurrent connections from one remote address, so one client cannot hold every slot. */
  maxPerClient: number;
  /** ms from DATA to the end of the message; past it 421 and closed (session-guard.ts). */
  dataDeadlineMs: number;
  /** ms a whole session may last; past it 421 and closed once the message in hand is answered. */
  sessionDeadlineMs: number;
  /**
   * ms the inbound port waits before its greeting, answering a client that talks first with 421 (greeting.ts).
   * Unset: 100 on a port open to the internet, 0 on loopback. Submission never waits: it takes nothing without AUTH.
   */
  greetingWaitMs?: number;
}

export const DEFAULT_LIMITS: ListenerLimits = {
  maxMessageBytes: 25 * 1024 * 1024, // 25 MiB: a 10 MB attachment (R15) base64-encoded plus text, like common providers
  maxClients: 200,
  maxPerClient: 20,
  // 10 min: 25 MiB at about 350 kbit/s, slower than any uplink a seller mails from; a client dripping bytes to hold
  // a slot (the idle timeout restarts with each byte) is cut off after it.
  dataDeadlineMs: 10 * 60_000,
  // 30 min: three whole DATA deadlines; a mail client sends its queue and quits well before, a slot holder does not.
  sessionDeadlineMs: 30 * 60_000,
  ...DEFAULT_BOUNCE_LIMITS,
};

// One recipient per transaction: each message gets one record and one SMTP answer; RFC 5321
// clients send the other recipients again in a new transaction after a 452.
/** How a listener meets the network (listener-tls.ts). */
export interface ListenerSecurity {
  /** Certificate and key: STARTTLS is offered (or, on submission with `implicit`, TLS from the first byte). */
  tls?: ListenerTls;
  /** Bound to anything but loopback: submission takes AUTH only over TLS. */
  public: boolean;
  /** Submission only: implicit TLS (RFC 8314) instead of STARTTLS. */
  implicit?: boolean;
}

export const LOOPBACK_SECURITY: ListenerSecurity = { public: false };

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never;

const ONE_RECIPIENT = () =>
  new ParleyError('EBADINPUT', '4.5.3 One recipient per message here: send the others separately', 452);

type Callback = (err?: Error | null) => void;

/** The listeners' guards write `parley relay: …` lines: into the log, which still shows them on the console. */
function relayLine(log: Log): (line: string) => void {
  return (line) => log.warn('relay', line.replace(/^parley relay: /, ''));
}

function smtpError(err: unknown, log: Log = stderrLog()): Error {
  if (isParleyError(err)) return Object.assign(new Error(err.message), { responseCode: err.responseCode ?? 550 });
  // The client left in the middle of the message (or was cut off at a deadline): the session guard logs one line
  // when it closes, and there is nobody left to answer.
  if ((err as NodeJS.ErrnoException).code === 'ECONNECTION')
    return Object.assign(new Error('4.4.2 Connection closed before the message was received in full'), {
      responseCode: 421,
    });
  if (isStorageFull(err)) return storageFullReply(err, log);
  // A bug or a failed write: temporary, so the client tries again and nothing is lost.
  log.error('relay', 'internal error', err);
  return Object.assign(new Error('4.3.0 Temporary problem storing the message; try again later'), {
    responseCode: 451,
  });
}

/**
 * At most `limit` connections from one remote address: clients that open connections and drip bytes take their own
 * slots only, never every slot of the listener. Refused with 421 at the greeting, so a client tries again later.
 */
function perClient(limit: number) {
  const open = new Map<string, number>();
  const counted = new WeakSet<SMTPServerSession>();
  return {
    onConnect(session: SMTPServerSession, callback: Callback) {
      const n = open.get(session.remoteAddress) ?? 0;
      if (n >= limit)
        return callback(
          Object.assign(new Error(`4.7.0 Too many connections from your address (${limit} at most); try again later`), {
            responseCode: 421,
          }),
        );
      open.set(session.remoteAddress, n + 1);
      counted.add(session);
      callback();
    },
    onClose(session: SMTPServerSession) {
      if (!counted.delete(session)) return;
      const n = (open.get(session.remoteAddress) ?? 1) - 1;
      if (n > 0) open.set(session.remoteAddress, n);
      else open.delete(session.remoteAddress);
    },
  };
}

function common(
  ctx: CoreContext,
  limits: ListenerLimits,
  guard: SessionGuard,
  security: ListenerSecurity,
  /** Runs for each session let in, before its greeting. */
  admitted: (session: SMTPServerSession) => void = () => {},
) {
  const slots = perClient(limits.maxPerClient);
  installDataReader();
  return {
    onConnect(session: SMTPServerSession, callback: Callback) {
      slots.onConnect(session, (err) => {
        if (!err) {
          guard.opened(session);
          admitted(session);
        }
        callback(err);
      });
    },
    onClose(session: SMTPServerSession) {
      slots.onClose(session);
      guard.closed(session);
    },
    name: ctx.domain,
    banner: 'Parley relay',
    size: limits.maxMessageBytes,
    maxClients: limits.maxClients,
    logger: false,
    ...(security.tls
      ? { key: security.tls.key, cert: security.tls.cert, ...TLS_SERVER_OPTIONS, hideSTARTTLS: false }
      : { hideSTARTTLS: true }),
    disableReverseLookup: true, // no DNS from the SMTP layer: tests and offline machines stay offline
    socketTimeout: 60_000, // ms of silence before a client is dropped
  } as const;
}

const AUTH_FAILED = () =>
  Object.assign(new Error('5.7.8 Authentication failed: use the seller id and the password from `parley seller add`'), {
    responseCode: 535,
  });

/** Temporary (454): the seller's mail client tries again later rather than dropping the password. */
function lockedOut(lockout: AuthLockout): Error {
  const minutes = Math.max(1, Math.ceil((Date.parse(lockout.until) - Date.now()) / 60_000));
  const what = lockout.kind === 'address' ? 'from this address' : 'for this login';
  return Object.assign(new Error(`4.7.0 Too many failed logins ${what}: locked, try again in ${minutes} min`), {
    responseCode: 454,
  });
}

/** The answer to a DATA; past the session deadline the guard closes the connection right after it. */
function answer(
  guard: SessionGuard,
  session: SMTPServerSession,
  callback: (err?: Error | null, message?: string) => void,
  err: Error | null,
  message?: string,
): void {
  callback(err, message);
  guard.answered(session);
}

function connectionOf(server: SMTPServer, session: SMTPServerSession): Connection | undefined {
  for (const connection of server.connections) if (connection.session === session) return connection;
  return undefined;
}

/**
 * Before STARTTLS on a public submission port, AUTH is neither offered in EHLO nor taken (RFC 4954 section 4, like
 * Postfix's smtpd_tls_auth_only): a mail client set to "no encryption" learns at its first login why, in words, and
 * its password never crosses in clear. After the handshake both are smtp-server's own again.
 */
function authOnlyAfterTls(connection: Connection, disabled: string[]): void {
  const ehlo = connection.handler_EHLO;
  const auth = connection.handler_AUTH;
  connection.handler_EHLO = function (this: Connection, command, callback) {
    if (this.secure) return ehlo.call(this, command, callback);
    const before = this.session.disabledCommands;
    this.session.disabledCommands = [...disabled, 'AUTH'];
    try {
      ehlo.call(this, command, callback);
    } finally {
      this.session.disabledCommands = before;
    }
  };
  connection.handler_AUTH = function (this: Connection, command, callback) {
    if (this.secure) return auth.call(this, command, callback);
    this.send(530, '5.7.0 Must issue a STARTTLS command first');
    callback();
  };
}

const routes = new WeakMap<SMTPServerSession, InboundRoute>();

/** Port 25 side: buyers, carriers, smarthost bounces, mail actions. No AUTH, nothing relayed outward. */
export function createInboundServer(
  ctx: CoreContext,
  limits: ListenerLimits = DEFAULT_LIMITS,
  security: ListenerSecurity = LOOPBACK_SECURITY,
): SMTPServer {
  const guard = new SessionGuard('inbound', limits, relayLine(ctx.log));
  const bounces = new BounceLimits(limits, Date.now, relayLine(ctx.log));
  const greetingWaitMs = limits.greetingWaitMs ?? defaultGreetingWaitMs('inbound', security.public);
  return guard.attach(
    new GreetingServer(greetingWaitMs, {
      ...common(ctx, limits, guard, security),
      authOptional: true,
      // STARTTLS whenever there is a certificate; never required (RFC 3207: a public MX must not insist).
      disabledCommands: security.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      onRcptTo(address, session, callback: Callback) {
        if (session.envelope.rcptTo.length > 0) return callback(smtpError(ONE_RECIPIENT()));
        try {
          const route = routeInbound(
            ctx,
            address.address,
            session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          );
          if (route.kind === 'bounce') bounces.take(ctx, route.token, session.remoteAddress);
          routes.set(session, route);
          callback();
        } catch (err) {
          callback(smtpError(err, ctx.log));
        }
      },
      onData(stream, session, callback: (err?: Error | null, message?: string) => void) {
        guard.dataStarted(session, stream);
        void (async () => {
          const raw = await readMessage(stream, limits.maxMessageBytes);
          const route = routes.get(session);
          if (!route) throw new ParleyError('EBADINPUT', '5.5.1 No valid recipient', 554);
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          return handleInbound(ctx, raw, route, {
            sender: mailFrom,
            ip: session.remoteAddress,
            helo: session.hostNameAppearsAs,
          });
        })().then(
          (r) => answer(guard, session, callback, null, `2.0.0 ${r}`),
          (err) => answer(guard, session, callback, smtpError(err, ctx.log)),
        );
      },
    }),
  );
}

/** Submission side: the seller's own mail client, AUTH required, mail only to its buyers' aliases. */
export function createSubmissionServer(
  ctx: CoreContext,
  limits: ListenerLimits = DEFAULT_LIMITS,
  authLimits: AuthLimits = new AuthLimits(),
  security: ListenerSecurity = LOOPBACK_SECURITY,
): SMTPServer {
  if (security.public && !security.tls) throw submissionNeedsTls('(not on loopback)');
  const guard = new SessionGuard('submission', limits, relayLine(ctx.log));
  const implicit = Boolean(security.tls && security.implicit);
  const disabled = security.tls && !implicit ? [] : ['STARTTLS'];
  const server: SMTPServer = new GreetingServer(defaultGreetingWaitMs('submission', security.public), {
    ...common(ctx, limits, guard, security, (session) => {
      if (!security.public || session.secure) return;
      const connection = connectionOf(server, session);
      if (connection) authOnlyAfterTls(connection, disabled);
    }),
    authMethods: ['PLAIN', 'LOGIN'],
    // On loopback a password never leaves the machine; anywhere else only over TLS (authOnlyAfterTls).
    allowInsecureAuth: !security.public,
    disabledCommands: disabled,
    secure: implicit,
    authRequiredMessage: '5.7.0 Authentication required',
    onAuth(auth, session, callback) {
      const login = (auth.username ?? '').toLowerCase();
      const address = session.remoteAddress;
      const { locked } = authLimits.check(address, login);
      if (locked) return callback(lockedOut(locked));
      void (async () => {
        const ok = await authLimits.run(() => ctx.sellers.checkPassword(login, auth.password ?? ''));
        if (authLimits.stopped)
          return callback(
            Object.assign(new Error('4.3.2 The relay is stopping; try again later'), { responseCode: 421 }),
          );
        if (ok && ctx.sellers.get(login)) {
          authLimits.succeeded(address, login);
          return callback(null, { user: login });
        }
        const failure = authLimits.failed(address, login);
        ctx.log.info('relay', `submission login failed for ${JSON.stringify(login)} from ${address}`);
        if (failure.delayMs > 0) await delay(failure.delayMs);
        callback(failure.locked ? lockedOut(failure.locked) : AUTH_FAILED());
      })().catch((err) => callback(smtpError(err, ctx.log)));
    },
    onMailFrom(address, session, callback: Callback) {
      if (!session.user)
        return callback(Object.assign(new Error('5.7.0 Authentication required'), { responseCode: 530 }));
      try {
        checkSubmissionSender(ctx, String(session.user), address.address);
        callback();
      } catch (err) {
        callback(smtpError(err, ctx.log));
      }
    },
    onRcptTo(address, session, callback: Callback) {
      if (session.envelope.rcptTo.length > 0) return callback(smtpError(ONE_RECIPIENT()));
      try {
        routeSubmission(ctx, String(session.user), address.address);
        callback();
      } catch (err) {
        callback(smtpError(err, ctx.log));
      }
    },
    onData(stream, session, callback: (err?: Error | null, message?: string) => void) {
      guard.dataStarted(session, stream);
      void (async (): Promise<Pick<AcceptResult, 'response'>> => {
        const raw = await readMessage(stream, limits.maxMessageBytes);
        const sellerId = String(session.user);
        const route = routeSubmission(ctx, sellerId, session.envelope.rcptTo[0].address);
        if (route.kind === 'action') return { response: applyMailAction(ctx, route) };
        const { pair } = route;
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        return acceptFromSeller(ctx, raw, {
          seller: ctx.sellers.require(sellerId),
          pair,
          via: 'mail-client',
          sender,
        });
      })().then(
        (r) => answer(guard, session, callback, null, `2.0.0 ${r.response}`),
        (err) => answer(guard, session, callback, smtpError(err, ctx.log)),
      );
    },
  });
  return guard.attach(server);
}

/** Starts a server on host:port (port 0 picks a free one) and resolves to the bound port. */
export function listen(server: SMTPServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function close(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
