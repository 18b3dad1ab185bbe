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
  shell,
  Tray,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { ContractHandlers, UiSettings } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import { createAppService, type AppService } from '../core/app/index.js';
import { headerCsp } from '../core/transport/csp.js';
import { APP_ID } from './app-id.js';
import { buyerMessageNotifier, showResponseNeeded } from './attention.js';
import { applySpellCheckerLanguages, installContextMenu, keepDictionariesLocal } from './context-menu.js';
import { exportPathChooser } from './export-dialog.js';
import { backupFolderChooser } from './backup-dialog.js';
import { installAppMenu } from './menu.js';
import { bindContract, forwardEvents, trustedSender } from './ipc.js';
import { nativeBindingPath, trayIconPath, type AppLocation } from './paths.js';
import { SafeStorageSecrets } from './secrets.js';
import { APP_ORIGIN, registerAppScheme, RENDERER_URL, serveRenderer } from './protocol.js';
import { denyPermissions, hardenWebContents } from './security.js';
import { applyStartAtLogin, CloseToTray, conversationOpener, showCloseHint, startedAtLogin } from './lifecycle.js';
import { shellText, systemLanguage } from './shell-strings.js';
import { ShellTray } from './tray.js';
import { BUILD_UPDATE_URL, startAutoUpdate } from './updater.js';
import { createMainWindow, RENDERER_DIR, RENDERER_FILE } from './window.js';

let mainWindow: BrowserWindow | null = null;
let service: AppService | null = null;
let tray: Tray | null = null;
let unbind: () => void = () => {};
let language: Language = 'en';
let shellTray: ShellTray | null = null;
/** The seller's desktop switches (ui settings), as last read or saved. */
let desktop: Pick<UiSettings, 'notifications' | 'startAtLogin' | 'closeHintShown'> = {
  notifications: true,
  startAtLogin: false,
  closeHintShown: false,
};
// Closing the window hides it: the relay and the intake keep running until Quit.
const closeToTray = new CloseToTray({
  hintShown: () => desktop.closeHintShown,
  showHint: () =>
    showCloseHint({
      Notification,
      dialog,
      language: () => language,
      notificationsOn: () => desktop.notifications,
      remember: () => {
        desktop.closeHintShown = true;
        void Promise.resolve(service?.handlers['settings.update']({ ui: { closeHintShown: true } })).catch(() => {});
      },
    }),
});
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

function openMainWindow(): void {
  mainWindow = createMainWindow({ devServerUrl });
  closeToTray.watch(mainWindow);
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
      noteDesktopSettings(status.ui);
      installAppMenu(Menu, { isPackaged: app.isPackaged, platform: process.platform, language });
      applySpellCheckerLanguages(session.defaultSession, language);
      return status;
    },
  };
}

/** Follows the seller's desktop switches: the tray's words, start at login when it changed. */
function noteDesktopSettings(ui: UiSettings): void {
  if (ui.startAtLogin !== desktop.startAtLogin) {
    try {
      applyStartAtLogin(
        { app, platform: process.platform, executable: process.env.APPIMAGE ?? process.execPath },
        ui.startAtLogin,
      );
    } catch (err) {
      console.error('parley: could not change start at login:', (err as Error).message);
    }
  }
  desktop = { notifications: ui.notifications, startAtLogin: ui.startAtLogin, closeHintShown: ui.closeHintShown };
  shellTray?.update({ language: ui.language });
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
    // Settings "Backup": the folder dialog; the service saves the folder and runs the daily schedule.
    chooseBackupFolder: backupFolderChooser({
      dialog,
      window: () => mainWindow,
      startIn: () => app.getPath('documents'),
      language: () => language,
    }),
    chooseExportPath: exportPathChooser({
      dialog,
      window: () => mainWindow,
      startIn: () => app.getPath('documents'),
      language: () => language,
    }),
    // A link the seller confirmed (features/links); app/links.ts lets only http(s) through.
    openExternal: (url) => shell.openExternal(url),
    // Settings' "Open logs folder": the system's file manager; '' when it opened (Electron's shell.openPath).
    openFolder: (folder) => shell.openPath(folder),
  });
  const handlers = watchLanguage(service.handlers);
  unbind = bindContract({
    ipcMain,
    handlers,
    isTrustedSender: trustedSender(() => mainWindow, { rendererUrl: RENDERER_URL, devServerUrl }),
    log: (name, err) => service?.logInternal(name, err),
  });
  forwardEvents(service, () => mainWindow?.webContents);
  tray = createTray(where);
  const running = service;
  shellTray = new ShellTray(
    {
      Menu,
      tray,
      dock: app.dock,
      actions: {
        open: focusMainWindow,
        pauseRelay: () => void running.pauseRelay().then(() => shellTray?.update({ paused: true })),
        resumeRelay: () => void running.resumeRelay().then(() => shellTray?.update({ paused: false })),
        quit: () => app.quit(),
      },
    },
    { language },
  );
  const notify = buyerMessageNotifier({
    Notification,
    windowFocused: () => mainWindow?.isFocused() ?? false,
    focusWindow: focusMainWindow,
    openConversation: conversationOpener(() => mainWindow?.webContents, focusMainWindow),
    enabled: () => desktop.notifications,
    language: () => language,
  });
  // The tray shows the count itself (its menu and tooltip): the badge helper does the dock/launcher.
  const badge = { app, tray: null, language: () => language };
  service.onEvent((name, payload) => {
    if (name === 'counts.changed') {
      const n = showResponseNeeded(badge, payload as Parameters<typeof showResponseNeeded>[1]);
      shellTray?.update({ needResponse: n });
    }
    if (name === 'message.new') notify(payload as Parameters<typeof notify>[0]);
    if (name === 'relay.status' && (payload as { running: boolean }).running) shellTray?.update({ paused: false });
  });
  await service.start();
  const status = await service.handlers['app.status']({});
  language = status.ui.language;
  noteDesktopSettings(status.ui);
  installAppMenu(Menu, { isPackaged: app.isPackaged, platform: process.platform, language });
  keepDictionariesLocal(session.defaultSession);
  applySpellCheckerLanguages(session.defaultSession, language);
  if (!status.firstRun) {
    shellTray.update({ needResponse: showResponseNeeded(badge, await service.handlers['inbox.counts']({})) });
  }
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
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    // Copy, paste, select all and the spell checker's suggestions (context-menu.ts).
    installContextMenu(contents, { Menu, language: () => language });
  });
  app.on('second-instance', focusMainWindow);
  // The window hides on close (lifecycle.ts); even with no window left, the relay keeps running until Quit.
  app.on('window-all-closed', () => {});
  // Stop the relay and close the store before the process goes: the outbox resumes on next start.
  let stopping = false;
  app.on('before-quit', (event) => {
    closeToTray.quitRequested();
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
    // Started with the system: in the tray until the seller opens it.
    if (!startedAtLogin(process.argv, app, process.platform)) openMainWindow();
    // macOS: a click on the dock icon brings the (hidden or closed) window back.
    app.on('activate', focusMainWindow);
  });
}
