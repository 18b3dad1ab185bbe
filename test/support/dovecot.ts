/**
 * A real IMAP server for tests and the intake bench: Debian's Dovecot on 127.0.0.1 with a temporary configuration,
 * passwd-file users and a Maildir store, all in one temp directory that `stop()` removes. TLS (implicit, on a second
 * port) is opt-in with a certificate from certs.ts. The helpers talk to the server through imapflow or doveadm, the
 * way a second mail client would.
 */
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import type { TestCert } from './certs.js';

const execFileP = promisify(execFile);

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /** Also listen with implicit TLS (`tlsPort`) using this certificate; plain IMAP stays on `port`. */
  tls?: TestCert;
  /** Leave IDLE out of the capabilities, so a client has to poll. */
  noIdle?: boolean;
  /** Leave MOVE out of the capabilities, so a client has to COPY, flag \Deleted and expunge. */
  noMove?: boolean;
}

export interface FolderMessage {
  uid: number;
  flags: string[];
  size: number;
  raw: Buffer;
}

export interface Dovecot {
  host: string;
  port: number;
  /** Implicit TLS port when `tls` was given. */
  tlsPort: number | null;
  users: DovecotUser[];
  dir: string;
  /** `imap://user@127.0.0.1:port` for the intake (plain IMAP is allowed on loopback only by the test's choice). */
  url(user?: string): string;
  append(user: string, folder: string, raw: Buffer | string): Promise<number>;
  /**
   * Delivers into the user's INBOX the way a local delivery agent does (a file in Maildir's new/), with no IMAP
   * connection: what a test uses while it kicks every connection of the user.
   */
  deliver(user: string, raw: Buffer | string): void;
  /** Appends many messages over one connection; returns their UIDs. */
  appendMany(user: string, folder: string, raws: (Buffer | string)[]): Promise<number[]>;
  list(user: string, folder: string, opts?: { raw?: boolean }): Promise<FolderMessage[]>;
  folders(user: string): Promise<string[]>;
  /** Messages in the folder; 0 when it does not exist. */
  count(user: string, folder: string): Promise<number>;
  createFolder(user: string, folder: string): Promise<void>;
  renameFolder(user: string, from: string, to: string): Promise<void>;
  /** Deletes the folder and creates it again with the same messages: a new UIDVALIDITY. */
  recreateFolder(user: string, folder: string): Promise<{ before: number; after: number }>;
  uidValidity(user: string, folder: string): Promise<number>;
  /** Drops every client connection of `user` (all users without one). */
  kick(user?: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode})`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('data', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Dovecot refuses to open mail as root: as root (CI, containers) the store belongs to `nobody` instead. */
function mailOwner(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? 0 };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function config(dir: string, port: number, tlsPort: number | null, opts: DovecotOptions): string {
  const { uid, gid } = mailOwner();
  const lines = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    `protocols = imap`,
    `listen = 127.0.0.1`,
    `ssl = ${opts.tls ? 'yes' : 'no'}`,
    `disable_plaintext_auth = no`,
    `auth_mechanisms = plain login`,
    // A first wrong password is answered at once (anvil still delays repeated failures from one address: 2 s, 4 s …).
    `auth_failure_delay = 0`,
    `default_internal_user = dovecot`,
    `default_login_user = dovenull`,
    `first_valid_uid = 0`,
    `first_valid_gid = 0`,
    `mail_location = maildir:${dir}/mail/%u`,
    `mail_privileged_group =`,
    `namespace inbox {`,
    `  inbox = yes`,
    `  separator = /`,
    `}`,
    `passdb {`,
    `  driver = passwd-file`,
    `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
    `}`,
    `userdb {`,
    `  driver = static`,
    `  args = uid=${uid} gid=${gid} home=${dir}/home/%u`,
    `}`,
    `service imap-login {`,
    `  inet_listener imap {`,
    `    address = 127.0.0.1`,
    `    port = ${port}`,
    `  }`,
    `  inet_listener imaps {`,
    `    port = ${tlsPort ?? 0}`,
    `    ssl = yes`,
    `  }`,
    `  process_min_avail = 1`,
    `}`,
    `service anvil {`,
    `  chroot =`,
    `}`,
    `mail_max_userip_connections = 100`,
    `imap_idle_notify_interval = 1 secs`,
  ];
  if (opts.tls) {
    lines.push(`ssl_cert = <${opts.tls.certFile}`, `ssl_key = <${opts.tls.keyFile}`);
  }
  if (opts.noIdle || opts.noMove) {
    const caps = ['IMAP4rev1', 'LITERAL+', 'SASL-IR', 'LOGIN-REFERRALS', 'ID', 'ENABLE', 'UIDPLUS'];
    if (!opts.noIdle) caps.push('IDLE');
    if (!opts.noMove) caps.push('MOVE');
    lines.push(`imap_capability = ${caps.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

export async function startDovecot(opts: DovecotOptions = {}): Promise<Dovecot> {
  if (!fs.existsSync('/usr/sbin/dovecot') || !fs.existsSync('/usr/bin/doveadm'))
    throw new Error(
      "Dovecot is not installed: the IMAP tests need Debian's dovecot-imapd (apt-get install dovecot-imapd)",
    );
  const users = opts.users ?? [{ user: 'shop', password: 'secret-pass' }];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-dovecot-'));
  // Dovecot's login and internal users must walk into the directory to reach their sockets.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  const owner = mailOwner();
  for (const sub of ['mail', 'home']) fs.chownSync(path.join(dir, sub), owner.uid, owner.gid);
  if (opts.tls) {
    // The key is read by the master (root) and handed on; copy both where the config points.
    fs.copyFileSync(opts.tls.certFile, path.join(dir, 'tls.crt'));
    fs.copyFileSync(opts.tls.keyFile, path.join(dir, 'tls.key'));
    opts = { ...opts, tls: { ...opts.tls, certFile: path.join(dir, 'tls.crt'), keyFile: path.join(dir, 'tls.key') } };
  }
  fs.writeFileSync(path.join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''), {
    mode: 0o644,
  });
  const port = await freePort();
  const tlsPort = opts.tls ? await freePort() : null;
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, config(dir, port, tlsPort, opts));
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, Date.now() + 15_000);
  } catch (err) {
    child.kill('SIGKILL');
    const log = fs.existsSync(path.join(dir, 'dovecot.log'))
      ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
      : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${stderr}\n${log}`);
  }

  const host = '127.0.0.1';
  const passwordOf = (user: string) => {
    const u = users.find((x) => x.user === user);
    if (!u) throw new Error(`no dovecot user ${user}`);
    return u.password;
  };
  async function withClient<T>(user: string, work: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = new ImapFlow({
      host,
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: passwordOf(user) },
      logger: false,
    });
    c.on('error', () => {});
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  }
  const doveadm = (args: string[]) => execFileP('/usr/bin/doveadm', ['-c', conf, ...args]);
  const uidValidity = (user: string, folder: string) =>
    withClient(user, async (c) =>
      Number(((await c.status(folder, { uidValidity: true })) || { uidValidity: 0 }).uidValidity ?? 0),
    );

  let delivered = 0;
  const server: Dovecot = {
    host,
    port,
    tlsPort,
    users,
    dir,
    url: (user = users[0].user) => `imap://${user}@${host}:${port}`,
    deliver: (user, raw) => {
      const owner = mailOwner();
      const base = path.join(dir, 'mail', user);
      for (const sub of ['', 'cur', 'new', 'tmp']) {
        if (!fs.existsSync(path.join(base, sub))) {
          fs.mkdirSync(path.join(base, sub), { mode: 0o700 });
          fs.chownSync(path.join(base, sub), owner.uid, owner.gid);
        }
      }
      const name = `${Date.now()}.P${process.pid}Q${++delivered}.parley-test`;
      const tmp = path.join(base, 'tmp', name);
      fs.writeFileSync(tmp, raw, { mode: 0o600 });
      fs.chownSync(tmp, owner.uid, owner.gid);
      fs.renameSync(tmp, path.join(base, 'new', name));
    },
    append: async (user, folder, raw) => (await server.appendMany(user, folder, [raw]))[0],
    appendMany: (user, folder, raws) =>
      withClient(user, async (c) => {
        const uids: number[] = [];
        for (const raw of raws) {
          const res = await c.append(folder, raw);
          uids.push(res ? Number(res.uid ?? 0) : 0);
        }
        return uids;
      }),
    list: (user, folder, o = {}) =>
      withClient(user, async (c) => {
        const lock = await c.getMailboxLock(folder, { readOnly: true });
        try {
          if (c.mailbox === false || c.mailbox.exists === 0) return [];
          const out: FolderMessage[] = [];
          for await (const m of c.fetch('1:*', { uid: true, flags: true, size: true, source: o.raw ?? false })) {
            out.push({ uid: m.uid, flags: [...(m.flags ?? [])], size: m.size ?? 0, raw: m.source ?? Buffer.alloc(0) });
          }
          return out;
        } finally {
          lock.release();
        }
      }),
    folders: (user) => withClient(user, async (c) => (await c.list()).map((f) => f.path)),
    count: (user, folder) =>
      withClient(user, async (c) => {
        // A folder that does not exist (yet) holds nothing.
        const status = await c.status(folder, { messages: true }).catch(() => false as const);
        return Number((status || { messages: 0 }).messages ?? 0);
      }),
    createFolder: (user, folder) => withClient(user, async (c) => void (await c.mailboxCreate(folder))),
    renameFolder: (user, from, to) => withClient(user, async (c) => void (await c.mailboxRename(from, to))),
    recreateFolder: async (user, folder) => {
      const before = await uidValidity(user, folder);
      const messages = await server.list(user, folder, { raw: true });
      await withClient(user, async (c) => {
        if (folder.toUpperCase() === 'INBOX') {
          // INBOX cannot be deleted: empty it and reset its UIDVALIDITY the way a restored mailbox would.
          if (messages.length > 0) {
            const lock = await c.getMailboxLock(folder);
            try {
              await c.messageDelete('1:*');
            } finally {
              lock.release();
            }
          }
        } else {
          await c.mailboxDelete(folder);
          await c.mailboxCreate(folder);
        }
      });
      if (folder.toUpperCase() === 'INBOX') {
        await doveadm(['mailbox', 'update', '-u', user, '--uid-validity', String(before + 1), folder]);
      }
      await server.appendMany(
        user,
        folder,
        messages.map((m) => m.raw),
      );
      return { before, after: await uidValidity(user, folder) };
    },
    uidValidity,
    kick: async (user) => {
      // The sessions' processes as anvil lists them; kicked until every one of them is gone (a kick can miss a
      // session that is just registering).
      const sessions = async () =>
        (await doveadm(['who', '-1', ...(user ? [user] : [])])).stdout
          .split('\n')
          .slice(1)
          .map((line) => line.trim().split(/\s+/)[2])
          .filter((pid) => pid && /^\d+$/.test(pid));
      // A session that just logged in may not be listed yet (anvil hears of it a moment later, later still on a busy
      // machine): wait up to 5 s for one to kick.
      let before = await sessions();
      for (let wait = 0; wait < 100 && before.length === 0; wait++) {
        await new Promise((r) => setTimeout(r, 50));
        before = await sessions();
      }
      for (let attempt = 0; attempt < 20 && before.length > 0; attempt++) {
        await doveadm(['kick', user ?? '*']).catch((err: { code?: number }) => {
          // 68 (EX_NOUSER): nobody was connected.
          if (err.code !== 68) throw err;
        });
        await new Promise((r) => setTimeout(r, 50));
        const left = await sessions();
        if (!before.some((pid) => left.includes(pid))) return;
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
