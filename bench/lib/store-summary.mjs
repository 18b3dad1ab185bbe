// After a row: what Parley recorded (read-only look at the store) and how much disk it used.
import fs from 'node:fs';
import path from 'node:path';

// The store's own reader (src/main/core/store/summary.ts), loaded through tsx once.
let summaryModule;

/** One line of counts from the store after serve stopped; never throws. */
export async function storeSummary(dataDir) {
  try {
    summaryModule ??= import('tsx/esm/api').then(({ register }) => {
      register();
      return import('../../src/main/core/store/summary.ts');
    });
    return (await summaryModule).storeSummary(dataDir);
  } catch (err) {
    return `(store not readable: ${err.message})`;
  }
}

/** Total size of the regular files under `dir` (0 when it cannot be read). */
export function dirBytes(dir) {
  let total = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  };
  try {
    walk(dir);
  } catch {
    /* ignore */
  }
  return total;
}
