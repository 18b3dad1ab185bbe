/**
 * Where the renderer's stores find the backend. main.tsx installs the real client
 * (window.parley or the HTTP bridge); tests install a fake ParleyApi. Kept apart from
 * `api/index.ts` so importing a store never opens a bridge connection by itself.
 */
import type { ParleyApi } from '../../../shared/contract';

let current: ParleyApi | null = null;
const onChange = new Set<() => void>();

export function setApi(api: ParleyApi): void {
  if (current && current !== api) onChange.forEach((f) => f());
  current = api;
}

/** Caches of backend data register here and are dropped when another backend is installed. */
export function onApiChange(forget: () => void): void {
  onChange.add(forget);
}

export function getApi(): ParleyApi {
  if (!current) throw new Error('No backend client installed: call setApi() first (main.tsx does).');
  return current;
}

/** A ContractError `{ code, message }` or any thrown value, as one line for the seller. */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
