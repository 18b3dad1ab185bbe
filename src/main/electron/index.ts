import { app, BrowserWindow, session } from 'electron';
import { denyPermissions, hardenWebContents } from './security.js';
import { createMainWindow } from './window.js';

let mainWindow: BrowserWindow | null = null;

function openMainWindow(): void {
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  mainWindow = createMainWindow({ devServerUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// One Parley per user: two processes would fight over the store and the SMTP port.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    openMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });
}
