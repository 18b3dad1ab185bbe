// The benchmark's knobs, all from the environment (the list is in relay.mjs's header comment).

function envInt(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

const list = (v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function config() {
  const N = envInt('N', 5000);
  return {
    N,
    N_NEWCONN: envInt('N_NEWCONN', N),
    CONC: Math.max(1, envInt('CONC', 10)),
    // Steady state: after 200 messages V8 is still compiling the accept path (its helper threads then take 0.1-0.5 ms
    // per message each, and rows swing by 30 %); after 3000 they are down to ~0.05 ms. The anchor gets the same
    // warm-up.
    WARMUP: envInt('WARMUP', 3000),
    BUYERS: Math.max(1, envInt('BUYERS', 200)),
    PROFILES: list(process.env.PROFILES ?? '2KB,200KB-mix,200KB'),
    MODES: list(process.env.MODES ?? 'reuse,newconn'),
    CLIENT: process.env.CLIENT ?? 'raw',
    SINK: process.env.SINK ?? 'auto',
    ANCHOR: process.env.ANCHOR !== '0',
    ANCHOR_REUSE: process.env.ANCHOR_REUSE !== '0',
    ANCHOR_N: envInt('ANCHOR_N', N),
    PHASE_TIMEOUT_MS: envInt('PHASE_TIMEOUT_S', 600) * 1000,
    CPU_PROF: process.env.CPU_PROF === '1',
    KEEP: process.env.KEEP === '1',
    RETRIES: envInt('RETRIES', 1),
    REPEAT: Math.max(1, envInt('REPEAT', 1)),
  };
}

/** Rows the given mode measures: new connections are slow, so that mode has its own N. */
export function rowCount(cfg, mode) {
  return mode === 'newconn' ? cfg.N_NEWCONN : cfg.N;
}
