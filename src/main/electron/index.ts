/**
 * The desktop app's main process: one window over the app service. The core (store + relay)
 * runs here in the main process rather than a utility process: better-sqlite3 and the relay are
 * already off the UI thread where it matters (blob writes and the SMTP client on worker threads,
 * DESIGN.md "Threads"), IPC to a utility process would add a second hop to every call, and one
 * process keeps the single-instance lock, the store and the relay's ports together.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  session,
  Tray,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { ContractHandlers } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import { createAppService, type AppService } from '../core/app/index.js';
import { headerCsp } from '../core/transport/csp.js';
import { APP_ID } from './app-id.js';
import { buyerMessageNotifier, showResponseNeeded } from './attention.js';
import { exportPathChooser } from './export-dialog.js';
import { installAppMenu } from './menu.js';
import { bindContract, forwardEvents, trustedSender } from './ipc.js';
import { nativeBindingPath, trayIconPath, type AppLocation } from './paths.js';
import { SafeStorageSecrets } from './secrets.js';
import { APP_ORIGIN, registerAppScheme, RENDERER_URL, serveRenderer } from './protocol.js';
import { denyPermissions, hardenWebContents } from './security.js';
import { shellText, systemLanguage } from './shell-strings.js';
import { BUILD_UPDATE_URL, startAutoUpdate } from './updater.js';
import { createMainWindow, RENDERER_DIR, RENDERER_FILE } from './window.js';

let mainWindow: BrowserWindow | null = null;
let service: AppService | null = null;
let tray: Tray | null = null;
let unbind: () => void = () => {};
let language: Language = 'en';
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

function openMainWindow(): void {
  mainWindow = createMainWindow({ devServerUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusMainWindow(): void {
  if (!mainWindow) openMainWindow();
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createTray(where: AppLocation): Tray | null {
  if (process.platform === 'darwin') return null; // the dock carries the badge
  try {
    const icon = new Tray(trayIconPath(where));
    icon.on('click', focusMainWindow);
    icon.setContextMenu(
      Menu.buildFromTemplate([
        { label: shellText(language, 'trayOpen'), click: focusMainWindow },
        { label: shellText(language, 'trayQuit'), click: () => app.quit() },
      ]),
    );
    return icon;
  } catch (err) {
    console.error('parley: no tray icon on this desktop:', (err as Error).message);
    return null;
  }
}

/** The service's handlers, noting the seller's UI language for the shell's own words. */
function watchLanguage(handlers: ContractHandlers): ContractHandlers {
  return {
    ...handlers,
    'settings.update': async (input) => {
      const status = await handlers['settings.update'](input);
      language = status.ui.language;
      installAppMenu(Menu, { isPackaged: app.isPackaged, platform: process.platform, language });
      return status;
    },
  };
}

async function startService(): Promise<void> {
  const where: AppLocation = {
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  };
  const dataDir = app.getPath('userData');
  language = systemLanguage(app.getLocale());
  service = await createAppService({
    dataDir,
    version: app.getVersion(),
    secrets: new SafeStorageSecrets(safeStorage, dataDir),
    nativeBinding: nativeBindingPath(where),
    // R5: the originals for a dispute authority are written here, where the seller picks, never sent to the window.
    chooseExportPath: exportPathChooser({
      dialog,
      window: () => mainWindow,
      startIn: () => app.getPath('documents'),
      language: () => language,
    }),
  });
  const handlers = watchLanguage(service.handlers);
  unbind = bindContract({
    ipcMain,
    handlers,
    isTrustedSender: trustedSender(() => mainWindow, { rendererUrl: RENDERER_URL, devServerUrl }),
  });
  forwardEvents(service, () => mainWindow?.webContents);
  tray = createTray(where);
  const notify = buyerMessageNotifier({
    Notification,
    windowFocused: () => mainWindow?.isFocused() ?? false,
    focusWindow: focusMainWindow,
    language: () => language,
  });
  const badge = { app, tray, language: () => language };
  service.onEvent((name, payload) => {
    if (name === 'counts.changed') showResponseNeeded(badge, payload as Parameters<typeof showResponseNeeded>[1]);
    if (name === 'message.new') notify(payload as Parameters<typeof notify>[0]);
  });
  await service.start();
  const status = await service.handlers['app.status']({});
  language = status.ui.language;
  installAppMenu(Menu, { isPackaged: app.isPackaged, platform: process.platform, language });
  if (!status.firstRun) showResponseNeeded(badge, await service.handlers['inbox.counts']({}));
}

function startFailed(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error('parley: could not start:', err);
  const abi = /NODE_MODULE_VERSION|was compiled against a different|better_sqlite3\.node/.test(message);
  dialog.showErrorBox(
    shellText(language, 'startFailed'),
    abi ? `${message}\n\n${shellText(language, 'nativeHint')}` : message,
  );
  unbind();
  const half = service;
  service = null;
  void (half ? half.stop().catch(() => {}) : Promise.resolve()).finally(() => app.exit(1));
}

// PARLEY_DATA chooses the data folder, as for the CLI (and the Electron smoke test's temp dir).
if (process.env.PARLEY_DATA) app.setPath('userData', path.resolve(process.env.PARLEY_DATA));

// The installer's id: Windows groups the taskbar button and notifications by it.
app.setAppUserModelId(APP_ID);
// app:// must be privileged before ready; the renderer is served on it (protocol.ts).
registerAppScheme(protocol);

// One Parley per user: two processes would fight over the store and the SMTP port.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Stop the relay and close the store before the process goes: the outbox resumes on next start.
  let stopping = false;
  app.on('before-quit', (event) => {
    if (!service) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    const running = service;
    unbind();
    running
      .stop()
      .catch((err: unknown) => console.error('parley: stopping the service failed:', err))
      .finally(() => {
        service = null;
        tray?.destroy();
        app.quit();
      });
  });
  void app.whenReady().then(async () => {
    denyPermissions(session.defaultSession, devServerUrl ? [APP_ORIGIN, devServerUrl] : [APP_ORIGIN]);
    const indexHtml = fs.existsSync(RENDERER_FILE) ? fs.readFileSync(RENDERER_FILE, 'utf8') : null;
    serveRenderer(protocol, RENDERER_DIR, headerCsp(indexHtml));
    installAppMenu(Menu, { isPackaged: app.isPackaged, platform: process.platform, language });
    void startAutoUpdate({ feedUrl: BUILD_UPDATE_URL, isPackaged: app.isPackaged });
    try {
      await startService();
    } catch (err) {
      startFailed(err);
      return;
    }
    openMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });
}
