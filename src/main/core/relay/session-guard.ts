/**
 * What one SMTP session may hold: a whole DATA must arrive within a deadline and a whole session end within another
 * (the idle timeout alone lets a client that drips a byte every few seconds keep a slot for as long as it likes); past
 * either the client gets 421 and the connection is closed. A session that ends abnormally (deadline, reset, closed in
 * the middle of a message) is logged as one line when it closes, never a stack trace.
 */
import type { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface SessionDeadlines {
  /** ms from the DATA command to the end of the message. */
  dataDeadlineMs: number;
  /** ms from the greeting to the end of the session; a message being decided is answered first. */
  sessionDeadlineMs: number;
}

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never;

interface SessionState {
  connection: Connection | undefined;
  /** Bytes of the DATA in progress, null outside DATA. */
  dataBytes: number | null;
  /** Set once: what went wrong first. */
  problem: string | null;
  /** A received message is being decided: the session deadline waits for its answer. */
  deciding: boolean;
  closeAfterAnswer: boolean;
  dataTimer?: NodeJS.Timeout;
  sessionTimer?: NodeJS.Timeout;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export class SessionGuard {
  private readonly sessions = new WeakMap<SMTPServerSession, SessionState>();
  /** Errors a connection's listener took; the server's listener leaves them to the session's line. */
  private readonly noted = new WeakSet<Error>();
  private server: SMTPServer | undefined;

  constructor(
    private readonly listener: 'inbound' | 'submission',
    private readonly deadlines: SessionDeadlines,
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {}

  /**
   * Takes the server's 'error' events: without a listener, a client resetting its connection in the middle of a
   * transaction was an uncaught exception. A connection's error is noted on its session (and logged at its close);
   * any other is one line.
   */
  attach(server: SMTPServer): SMTPServer {
    this.server = server;
    server.on('error', (err: Error) => {
      // The connection's own listener runs after this one: look once it had its turn.
      setImmediate(() => {
        if (!this.noted.has(err)) this.log(`parley relay: ${this.listener} listener: ${oneLine(err)}`);
      });
    });
    return server;
  }

  /** onConnect, after the session was let in. */
  opened(session: SMTPServerSession): void {
    const connection = this.find(session);
    const state: SessionState = {
      connection,
      dataBytes: null,
      problem: null,
      deciding: false,
      closeAfterAnswer: false,
    };
    this.sessions.set(session, state);
    connection?.on('error', (err: Error) => {
      this.noted.add(err);
      this.note(state, errorCode(err));
    });
    state.sessionTimer = setTimeout(() => {
      this.note(state, `session not finished within ${seconds(this.deadlines.sessionDeadlineMs)}`);
      if (state.deciding) state.closeAfterAnswer = true;
      else this.refuse(state, '4.4.2 Session too long; closing. Send the rest in a new connection');
    }, this.deadlines.sessionDeadlineMs);
    state.sessionTimer.unref();
  }

  /** onData: the deadline for the whole message starts now; its bytes are counted for the log. */
  dataStarted(session: SMTPServerSession, stream: SMTPServerDataStream): void {
    const state = this.sessions.get(session);
    if (!state) return;
    state.dataBytes = 0;
    stream.on('data', (chunk: Buffer) => {
      if (state.dataBytes !== null) state.dataBytes += chunk.length;
    });
    stream.once('end', () => {
      clearTimeout(state.dataTimer);
      state.deciding = true;
    });
    stream.once('error', (err: Error) => this.note(state, errorCode(err)));
    state.dataTimer = setTimeout(() => {
      this.note(state, `DATA not finished within ${seconds(this.deadlines.dataDeadlineMs)}`);
      this.refuse(
        state,
        `4.4.2 Message not received in full within ${Math.ceil(this.deadlines.dataDeadlineMs / 60_000)} min; closing`,
      );
    }, this.deadlines.dataDeadlineMs);
    state.dataTimer.unref();
  }

  /** The message was answered: past the session deadline, the connection closes now. */
  answered(session: SMTPServerSession): void {
    const state = this.sessions.get(session);
    if (!state) return;
    state.deciding = false;
    if (!state.problem) state.dataBytes = null; // an aborted DATA keeps its count for the log line
    if (state.closeAfterAnswer)
      this.refuse(state, '4.4.2 Session too long; closing. Send the rest in a new connection');
  }

  /** onClose: one line for a session that ended abnormally. */
  closed(session: SMTPServerSession): void {
    const state = this.sessions.get(session);
    if (!state) return;
    this.sessions.delete(session);
    clearTimeout(state.dataTimer);
    clearTimeout(state.sessionTimer);
    if (!state.problem) return;
    const during = state.dataBytes === null ? '' : ` during DATA after ${state.dataBytes} bytes`;
    this.log(
      `parley relay: ${this.listener} session ${session.id} from ${session.remoteAddress} aborted${during}: ${state.problem}`,
    );
  }

  private note(state: SessionState, problem: string): void {
    state.problem ??= problem;
  }

  private refuse(state: SessionState, text: string): void {
    // send(421) closes the connection (smtp-server's own close, with its bound on a half-closed socket).
    state.connection?.send(421, text, false);
  }

  private find(session: SMTPServerSession): Connection | undefined {
    for (const connection of this.server?.connections ?? []) if (connection.session === session) return connection;
    return undefined;
  }
}

function errorCode(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNECTION') return 'the client closed the connection';
  return code ? `${code}` : oneLine(err);
}

function oneLine(err: Error): string {
  return String(err.message).replace(/\s+/g, ' ').slice(0, 200);
}
