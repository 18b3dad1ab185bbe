// A stand-in for the 'electron' module, just large enough to run the built main process
// (out/main/index.js) under plain Node: the build machines cannot download Electron. It records
// what the shell does in globalThis.__electron for drive.mjs to inspect.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const rec = {
  handlers: new Map(),
  windows: [],
  badges: [],
  sent: [],
  notifications: [],
  tooltip: null,
  prevented: 0,
  protocols: [],
  menus: 0,
};
globalThis.__electron = rec;

const emitter = new EventEmitter();
export const app = Object.assign(emitter, {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  setAppUserModelId() {},
  enableSandbox() {},
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.FAKE_ELECTRON_USER_DATA,
  setPath() {},
  getVersion: () => '0.0.0-test',
  getAppPath: () => process.cwd(),
  getLocale: () => 'en-US',
  setBadgeCount: (n) => rec.badges.push(n) > 0,
  quit: () => emitter.emit('before-quit', { preventDefault: () => rec.prevented++ }),
  exit: (code) => process.exit(code),
});

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => rec.windows;
  constructor(options) {
    super();
    this.options = options;
    this.webContents = {
      mainFrame: { processId: 1, routingId: 1, url: '' },
      isDestroyed: () => false,
      send: (...args) => rec.sent.push(args),
    };
    rec.windows.push(this);
  }
  loadFile(file) {
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  loadURL(url) {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isFocused = () => false;
  show() {}
  focus() {}
  restore() {}
}

export const ipcMain = {
  handle: (channel, fn) => rec.handlers.set(channel, fn),
  removeHandler: (channel) => rec.handlers.delete(channel),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setSpellCheckerDictionaryDownloadURL() {},
    webRequest: { onHeadersReceived() {} },
  },
};
// The renderer's scheme: registered before ready, then handled (with the CSP) once ready.
export const protocol = {
  registerSchemesAsPrivileged() {},
  handle: (scheme) => rec.protocols.push(scheme),
};
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
};
export class Tray {
  setToolTip(text) {
    rec.tooltip = text;
  }
  on() {}
  setContextMenu() {}
  destroy() {}
}
export const Menu = { buildFromTemplate: () => ({}), setApplicationMenu: () => rec.menus++ };
export class Notification {
  static isSupported = () => true;
  constructor(options) {
    this.options = options;
  }
  on() {}
  show() {
    rec.notifications.push(this.options);
  }
}
export const dialog = { showErrorBox: (title, message) => console.error(`error box: ${title}: ${message}`) };
// A confirmed link from a message (features/links): recorded, never opened.
export const shell = { openExternal: async (url) => void (rec.opened ??= []).push(url) };
export default { app, BrowserWindow, ipcMain, session, protocol, safeStorage, Tray, Menu, Notification, dialog, shell };
