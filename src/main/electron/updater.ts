/**
 * Auto-update with electron-updater against a feed chosen when the app is built: `PARLEY_UPDATE_URL` in the build's
 * environment is baked in by electron-vite (`define`, electron.vite.config.ts). No URL, or a development run, and the
 * updater stays off: the module is not even loaded.
 */
declare const __PARLEY_UPDATE_URL__: string | undefined;

/** The feed URL baked in at build time, '' when none was set (and in tests, where nothing is baked). */
export const BUILD_UPDATE_URL: string = typeof __PARLEY_UPDATE_URL__ === 'string' ? __PARLEY_UPDATE_URL__ : '';

export interface AutoUpdateOptions {
  feedUrl: string;
  isPackaged: boolean;
  log?: (line: string) => void;
}

export type AutoUpdateState = 'off' | 'checking';

/**
 * Starts the updater when a feed is set and the app is packaged: it downloads in the background and installs on the
 * next quit (electron-updater's own notification says so). A failed check is logged, never shown as an error.
 */
export async function startAutoUpdate(options: AutoUpdateOptions): Promise<AutoUpdateState> {
  const log = options.log ?? ((line: string) => console.error(line));
  if (!options.feedUrl || !options.isPackaged) return 'off';
  let feed: URL;
  try {
    feed = new URL(options.feedUrl);
  } catch {
    log(`parley: the update feed ${options.feedUrl} is not a URL; updates are off`);
    return 'off';
  }
  if (feed.protocol !== 'https:') {
    log(`parley: the update feed must be https (${feed.origin}); updates are off`);
    return 'off';
  }
  const { default: electronUpdater } = await import('electron-updater');
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: feed.href });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (err: Error) => log(`parley: update check failed: ${err.message}`));
  void autoUpdater.checkForUpdatesAndNotify().catch((err: unknown) => {
    log(`parley: update check failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  return 'checking';
}
