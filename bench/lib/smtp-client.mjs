// SMTP clients for the load. `send(from, to, raw)` → { ok, code, text, commitMs } and never
// throws: a failed send is a counted error, not the end of the row.
// The raw client is the default because it adds almost nothing of its own to the latency and
// can time DATA-sent → 250 (the durable commit); nodemailer is there to compare against.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { HOST } from './constants.mjs';

/** A minimal SMTP client connection over net: one command, one reply (no pipelining). */
class SmtpConn {
  static connect(port, ms = 30_000) {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: HOST, port });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new Error('connect timeout'));
      }, ms);
      sock.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        resolve(new SmtpConn(sock));
      });
    });
  }

  constructor(sock) {
    this.sock = sock;
    this.buf = '';
    this.lines = [];
    this.replies = [];
    this.waiters = [];
    this.dead = null;
    sock.setNoDelay(true);
    sock.on('data', (d) => this.onData(d));
    sock.on('error', (e) => this.fail(e));
    sock.on('close', () => this.fail(new Error('connection closed by server')));
  }

  onData(d) {
    this.buf += d.toString('latin1');
    let idx;
    while ((idx = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, idx).replace(/\r$/, '');
      this.buf = this.buf.slice(idx + 1);
      this.lines.push(line);
      // "250 " or a bare "250" ends a (possibly multi-line) reply; "250-" continues it.
      if (/^\d{3}(?: |$)/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join(' | ') };
        this.lines = [];
        const w = this.waiters.shift();
        if (w) w.resolve(reply);
        else this.replies.push(reply);
      }
    }
  }

  fail(err) {
    if (this.dead) return;
    this.dead = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  read(ms = 120_000) {
    if (this.replies.length) return Promise.resolve(this.replies.shift());
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.sock.destroy();
        reject(new Error('reply timeout'));
      }, ms);
      this.waiters.push({
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  cmd(line) {
    this.sock.write(`${line}\r\n`);
    return this.read();
  }

  async hello() {
    const greet = await this.read();
    if (greet.code !== 220) throw Object.assign(new Error(`greeting: ${greet.text}`), { code: greet.code });
    const ehlo = await this.cmd('EHLO bench.client.example');
    if (ehlo.code !== 250) throw Object.assign(new Error(`EHLO: ${ehlo.text}`), { code: ehlo.code });
  }

  async transaction(from, to, raw) {
    let r = await this.cmd(`MAIL FROM:<${from}>`);
    if (r.code !== 250) return { ok: false, ...r };
    r = await this.cmd(`RCPT TO:<${to}>`);
    if (r.code !== 250) {
      await this.cmd('RSET');
      return { ok: false, ...r };
    }
    r = await this.cmd('DATA');
    if (r.code !== 354) return { ok: false, ...r };
    this.sock.write(raw); // our messages never have a line starting with "." (checked at build time)
    this.sock.write(raw[raw.length - 1] === 0x0a ? '.\r\n' : '\r\n.\r\n');
    const dataSent = performance.now();
    r = await this.read();
    return { ok: r.code === 250, ...r, commitMs: performance.now() - dataSent };
  }

  quit() {
    try {
      this.sock.end('QUIT\r\n');
    } catch {
      /* ignore */
    }
    setTimeout(() => this.sock.destroy(), 2_000).unref();
  }
}

function rawClient(port, mode) {
  let conn = null;
  return {
    async send(from, to, raw) {
      try {
        if (mode === 'newconn') {
          const c = await SmtpConn.connect(port);
          try {
            await c.hello();
            return await c.transaction(from, to, raw);
          } finally {
            c.quit();
          }
        }
        if (!conn || conn.dead) {
          conn?.quit();
          conn = await SmtpConn.connect(port);
          await conn.hello();
        }
        return await conn.transaction(from, to, raw);
      } catch (err) {
        if (conn?.dead) conn = null;
        return { ok: false, code: err.code ?? 0, text: err.message };
      }
    },
    // Reuse mode connects before the measured phase, so its first message does not pay for it.
    async open() {
      if (mode === 'reuse' && !conn) {
        conn = await SmtpConn.connect(port);
        await conn.hello();
      }
    },
    close() {
      conn?.quit();
      conn = null;
    },
  };
}

let nodemailer = null;
async function nodemailerClient(port, mode) {
  nodemailer ??= (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({
    host: HOST,
    port,
    secure: false,
    ignoreTLS: true,
    name: 'bench.client.example',
    ...(mode === 'reuse' ? { pool: true, maxConnections: 1, maxMessages: Infinity } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  return {
    async send(from, to, raw) {
      try {
        const info = await transport.sendMail({ envelope: { from, to: [to] }, raw });
        const code = Number(String(info.response).slice(0, 3));
        return { ok: code === 250, code, text: info.response };
      } catch (err) {
        return { ok: false, code: err.responseCode ?? 0, text: err.message };
      }
    },
    async open() {},
    close() {
      transport.close();
    },
  };
}

/** `n` independent clients of `kind` (raw | nodemailer), each with its own connection(s). */
export async function makeClients(kind, port, mode, n) {
  const list = [];
  for (let k = 0; k < n; k++)
    list.push(kind === 'nodemailer' ? await nodemailerClient(port, mode) : rawClient(port, mode));
  return list;
}
