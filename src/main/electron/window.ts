import { BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_URL } from './protocol.js';
import { secureWebPreferences } from './security.js';

// The main bundle lives in out/main; its siblings are out/preload and out/renderer.
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PRELOAD_PATH = join(outDir, 'preload', 'index.cjs');
export const RENDERER_DIR = join(outDir, 'renderer');
export const RENDERER_FILE = join(RENDERER_DIR, 'index.html');

export interface MainWindowOptions {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); never honoured in a packaged app. */
  devServerUrl?: string;
}

export function createMainWindow(options: MainWindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Parley',
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  // out/renderer over app://parley/ (protocol.ts), not file://.
  else void window.loadURL(RENDERER_URL);
  return window;
}
