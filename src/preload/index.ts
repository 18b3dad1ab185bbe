/**
 * The only door from the renderer to the backend (sandboxed preload): exposes `window.parley`
 * and nothing else. The entry exports nothing, so the CommonJS bundle needs no `exports`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildParleyApi } from './api.js';

contextBridge.exposeInMainWorld('parley', buildParleyApi(ipcRenderer));
