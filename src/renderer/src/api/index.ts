/**
 * The renderer's only way to the backend: `window.parley` (built by the preload from the
 * contract) inside Electron, else the HTTP bridge of `parley serve --http` in a browser. Either
 * way a failed call rejects with an ApiError carrying the backend's `{ code, message }`; the UI reads
 * any failure through `failure()` (errors.ts).
 */
import type { ParleyApi } from '../../../shared/contract';
import { createBridgeClient } from './bridge-client';
import { withApiErrors } from './errors';

declare global {
  interface Window {
    parley?: ParleyApi;
  }
}

export const api: ParleyApi = window.parley ? withApiErrors(window.parley) : createBridgeClient(window.location);
