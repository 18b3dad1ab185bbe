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

/** Writing to the clipboard ("Copy alias"): the only permission our own page is given. */
const CLIPBOARD_WRITE = new Set(['clipboard-sanitized-write', 'clipboard-write']);

/**
 * `scheme://host[:port]` of a URL or an origin string, or null for one without a host (file:, about:, data:, an
 * opaque "null" origin). Node's URL gives every non-special scheme the origin "null", so it is spelled out here.
 */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/**
 * Parley needs no camera, microphone, location, notifications-by-web-API or the like. Clipboard writes are granted
 * to our own page only (`ownOrigins`: app://parley, or the dev server); a mail's iframe or any other origin is refused.
 */
export function denyPermissions(session: Session, ownOrigins: readonly string[] = []): void {
  const own = new Set(ownOrigins.map(originOf).filter((o): o is string => o !== null));
  const allowed = (permission: string, origin: string | undefined): boolean => {
    const from = originOf(origin);
    return CLIPBOARD_WRITE.has(permission) && from !== null && own.has(from);
  };
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
}
