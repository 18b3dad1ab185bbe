import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository (or installed package) root: bin/parley.js and out/renderer live under it. The first folder up from
 * this module with Parley's package.json: src/main/cli from the sources, out/cli from the bundle.
 */
export const PACKAGE_ROOT = packageRoot(import.meta.dirname);

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'parley')
        return dir;
    } catch {
      // no package.json here, or not one we can read: look further up
    }
    if (path.dirname(dir) === dir) return path.resolve(import.meta.dirname, '../../..');
  }
}

/** Parley's version from its package.json ("0.0.0" where that cannot be read). */
export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}
