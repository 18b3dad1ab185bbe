import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * The renderer gets no Node, no Electron and no way around the same-origin policy: it reaches
 * the backend only through the contextBridge API of the preload script.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
  };
}

/** Same document as far as navigation goes: a reload, or the same page with another #fragment. */
export function isSameDocument(target: string, current: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(current);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}

/**
 * Applied to every WebContents the app creates. Mail is hostile input: a link in a message must
 * never turn the Parley window into a browser tab, open a new window, or attach a <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isSameDocument(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Parley needs no camera, microphone, location, notifications-by-web-API or the like. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * The renderer's CSP as a response header too (the <meta> in index.html stays the guarantee:
 * some Electron versions do not run webRequest for file://). Only our renderer's files get it.
 */
export function applyRendererCsp(session: Session, rendererDirUrl: string, csp: string): void {
  const prefix = rendererDirUrl.endsWith('/') ? rendererDirUrl : `${rendererDirUrl}/`;
  session.webRequest.onHeadersReceived({ urls: ['file://*/*'] }, (details, callback) => {
    if (!details.url.startsWith(prefix)) {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
