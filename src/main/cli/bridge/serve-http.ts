/**
 * `parley serve --http 127.0.0.1:PORT`: the app service (with the relay inside it, configured by
 * the same flags as the headless relay) behind the web bridge, so a browser — Playwright here, a
 * seller elsewhere — gets the same inbox as the desktop app. Prints the bridge URL as its own line
 * `web bridge: http://127.0.0.1:PORT/#token=…` (or `webBridge` with --json).
 */
import path from 'node:path';
import { createAppService, type RelayOverrides } from '../../core/app/index.js';
import type { ContractEvents, RelayStatus } from '../../../shared/contract.js';
import { UsageError } from '../args.js';
import { warnDomainChange } from '../commands/domain.js';
import { intakeStatusLine } from '../commands/serve.js';
import { print } from '../output.js';
import { PACKAGE_ROOT, packageVersion } from '../package-info.js';
import { loopbackAddress } from './loopback.js';
import { startBridge } from './server.js';
import type { Log } from '../../core/log.js';

export const RENDERER_DIR = path.join(PACKAGE_ROOT, 'out', 'renderer');

export interface HttpServeOptions {
  http: { host: string; port: number };
  dataDir: string;
  log?: Log;
  dns?: string;
  queueLifetimeMs?: number;
  json: boolean;
  /** The relay flags (--smtp, --submission, --smarthost, --max-size, --retry-base, --domain). */
  overrides: RelayOverrides;
  /** --dkim-key's PEM and --dkim-selector; signed for whatever the relay domain is at the time. */
  dkim?: { keySelector: string; privateKey: string };
  rendererDir?: string;
}

export async function serveHttp(opts: HttpServeOptions): Promise<void> {
  try {
    loopbackAddress(opts.http.host);
  } catch (err) {
    throw new UsageError(`--http: ${(err as Error).message}`);
  }
  const overrides: RelayOverrides = { ...opts.overrides };
  const app = await createAppService({
    dataDir: opts.dataDir,
    log: opts.log,
    version: packageVersion(),
    dns: opts.dns,
    queueLifetimeMs: opts.queueLifetimeMs,
    relayOverrides: overrides,
  });
  if (opts.dkim) {
    const dkim = opts.dkim;
    // The domain can change in Settings while serve runs; the relay reads this at each (re)start.
    Object.defineProperty(overrides, 'dkim', {
      enumerable: true,
      get: () => ({ domainName: app.ctx.domain, ...dkim }),
    });
  }
  let bridge: Awaited<ReturnType<typeof startBridge>> | undefined;
  const intakeLine = intakeStatusLine();
  // After the start-up lines, the relay's changes of state (a shop set up in the web UI starts it) as one line each.
  let relayLine: string | null = null;
  app.onEvent((event, payload) => {
    if (event === 'intake.status') intakeLine(payload as ContractEvents['intake.status']);
    if (event === 'relay.status' && relayLine !== null && !opts.json) {
      const line = relayStateLine(payload as ContractEvents['relay.status']);
      if (line !== relayLine) console.log((relayLine = line));
    }
  });
  try {
    await app.start();
    bridge = await startBridge({
      handlers: app.handlers,
      events: app,
      host: opts.http.host,
      port: opts.http.port,
      rendererDir: opts.rendererDir ?? RENDERER_DIR,
      // Kept per data folder: the printed link (and a bookmark) works after a restart, until Settings' "New link".
      token: () => app.bridgeToken(),
      log: (name, err) => app.logInternal(name, err),
    });
  } catch (err) {
    await app.stop();
    throw err;
  }
  if (!bridge.rendererBuilt)
    console.error('parley: the web UI is not built (run npm run build); the bridge answers API calls only');

  const relay = app.relayInfo();
  const ctx = app.ctx;
  if (ctx.replacedDomain !== null) warnDomainChange(ctx);
  const info = {
    domain: ctx.domain,
    dataDir: ctx.store.dataDir,
    smtp: relay.smtp,
    submission: relay.submission,
    outbound: relay.outbound,
    relayError: relay.error,
    sellers: ctx.sellers.list().map((s) => ({ id: s.id, relayAddress: ctx.addresses.sellerAddress(s.id) })),
    webBridge: bridge.url,
  };
  print(opts.json, info, [
    `parley relay for ${info.domain} (data: ${info.dataDir})`,
    `inbound SMTP (buyers, carriers):    ${info.smtp ?? `not running${info.relayError ? `: ${info.relayError}` : ' (no shop yet: set one up in the web UI)'}`}`,
    `submission (sellers, AUTH):         ${info.submission ?? 'not running'}`,
    `outbound:                           ${info.outbound}`,
    ...info.sellers.map((s) => `seller ${s.id}: ${s.relayAddress}`),
    `web bridge: ${info.webBridge}`,
    'ready; Ctrl+C stops',
  ]);
  relayLine = relayStateLine(app.relayInfo());
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await bridge.close();
  await app.stop();
}

/** The relay's state as the line the terminal gets when it changes while serve runs. */
function relayStateLine(status: RelayStatus): string {
  if (status.running) return `relay running on ${status.smtp} (inbound SMTP) and ${status.submission} (submission)`;
  return `relay not running${status.error ? `: ${status.error}` : ''}`;
}
