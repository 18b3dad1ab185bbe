/**
 * The contract over Electron IPC (DESIGN.md "One contract, two transports"): one
 * `ipcMain.handle('parley:<name>')` per contract entry, registered in ONE loop. Every call is
 * checked to come from the main window's main frame showing our own renderer (an iframe with a
 * hostile mail, or a page the window was somehow navigated to, gets nothing), its input is parsed
 * with the entry's zod schema, and the answer is an envelope `{ ok, value | error }`: Electron
 * mangles thrown errors, an envelope crosses intact.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CALL_NAMES, type ContractError, type ContractHandlers, type EventSource } from '../../shared/contract.js';
import { IPC_CHANNELS } from '../../shared/contract-names.js';
import {
  assertCompleteHandlers,
  invokeCall,
  type CallResult,
  type InternalErrorLog,
} from '../core/transport/invoke.js';

export const FOREIGN_SENDER: ContractError = Object.freeze({
  code: 'EFORBIDDEN',
  message: 'this frame may not call Parley',
});

export interface ContractIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: ContractHandlers;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  log?: InternalErrorLog;
}

/** Binds every contract call; returns the function that unbinds them. */
export function bindContract(opts: ContractIpcOptions): () => void {
  assertCompleteHandlers(opts.handlers);
  for (const name of CALL_NAMES) {
    opts.ipcMain.handle(IPC_CHANNELS.call(name), async (event, input: unknown): Promise<CallResult> => {
      if (!opts.isTrustedSender(event)) {
        console.error(`parley: refused ${name} from a foreign frame (${event.senderFrame?.url ?? 'gone'})`);
        return { ok: false, error: FOREIGN_SENDER };
      }
      return invokeCall(opts.handlers, name, input, opts.log);
    });
  }
  return () => {
    for (const name of CALL_NAMES) opts.ipcMain.removeHandler(IPC_CHANNELS.call(name));
  };
}

export interface RendererLocation {
  /** out/renderer/index.html as the window loads it: app://parley/index.html (protocol.ts). */
  rendererUrl: string;
  /** electron-vite's dev server, when the window loads from it. */
  devServerUrl?: string;
}

/** Our renderer: the built index.html over app:// (any #fragment), or a page of the dev server. */
export function isRendererUrl(url: string, where: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (where.devServerUrl && parsed.origin === new URL(where.devServerUrl).origin) return true;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === new URL(where.rendererUrl).href;
}

/** The sender check: the main window's own WebContents, its main frame (no iframe), our page. */
export function trustedSender(
  getWindow: () => BrowserWindow | null,
  where: RendererLocation,
): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const window = getWindow();
    const frame = event.senderFrame;
    if (!window || window.isDestroyed() || !frame) return false;
    if (event.sender !== window.webContents) return false;
    const main = window.webContents.mainFrame;
    if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
    return isRendererUrl(frame.url, where);
  };
}

/**
 * Forwards every AppService event to the window as `('parley:event', name, payload)`. It names no event: whatever
 * the contract's list holds arrives, and the preload hands it to the page's subscribers of that name.
 */
export function forwardEvents(events: EventSource, getContents: () => WebContents | null | undefined): () => void {
  return events.onEvent((name, payload) => {
    const contents = getContents();
    if (contents && !contents.isDestroyed()) contents.send(IPC_CHANNELS.event, name, payload);
  });
}
