import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILD_UPDATE_URL, startAutoUpdate } from './updater.js';

const h = vi.hoisted(() => ({ loaded: 0, updater: null as null | Record<string, unknown> }));
vi.mock('electron-updater', () => {
  h.loaded++;
  const autoUpdater = {
    setFeedURL: vi.fn(),
    on: vi.fn(),
    checkForUpdatesAndNotify: vi.fn(async () => null),
    autoDownload: false,
    autoInstallOnAppQuit: false,
  };
  h.updater = autoUpdater;
  return { default: { autoUpdater }, autoUpdater };
});

describe('auto-update', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('is off without a feed URL baked in, and never loads electron-updater', async () => {
    expect(BUILD_UPDATE_URL).toBe('');
    expect(await startAutoUpdate({ feedUrl: BUILD_UPDATE_URL, isPackaged: true })).toBe('off');
    expect(h.loaded).toBe(0);
  });

  it('is off in development even with a feed', async () => {
    expect(await startAutoUpdate({ feedUrl: 'https://updates.parley.invalid/', isPackaged: false })).toBe('off');
    expect(h.loaded).toBe(0);
  });

  it('refuses a feed that is not https', async () => {
    const log = vi.fn();
    const state = await startAutoUpdate({ feedUrl: 'http://updates.parley.invalid/', isPackaged: true, log });
    expect(state).toBe('off');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('must be https'));
    expect(h.loaded).toBe(0);
  });

  it('checks the baked-in feed in a packaged app, logging a failed check', async () => {
    const log = vi.fn();
    const state = await startAutoUpdate({ feedUrl: 'https://updates.parley.invalid/desktop', isPackaged: true, log });
    expect(state).toBe('checking');
    const updater = h.updater as {
      setFeedURL: ReturnType<typeof vi.fn>;
      on: ReturnType<typeof vi.fn>;
      checkForUpdatesAndNotify: ReturnType<typeof vi.fn>;
      autoDownload: boolean;
    };
    expect(updater.setFeedURL).toHaveBeenCalledExactlyOnceWith({
      provider: 'generic',
      url: 'https://updates.parley.invalid/desktop',
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledOnce();
    const onError = updater.on.mock.calls.find((c) => c[0] === 'error')?.[1] as (err: Error) => void;
    onError(new Error('feed unreachable'));
    expect(log).toHaveBeenCalledWith('parley: update check failed: feed unreachable');
  });
});
