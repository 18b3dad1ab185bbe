import { contextBridge } from 'electron';

// The only door from the renderer to the backend. It exposes plain data and functions, never an
// Electron or Node object; the contract-built client replaces this placeholder.
contextBridge.exposeInMainWorld('parley', { version: '0.1.0' });
