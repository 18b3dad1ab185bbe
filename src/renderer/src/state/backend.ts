/**
 * Where the renderer finds the backend. main.tsx installs the real client (window.parley or the
 * HTTP bridge); tests install the fake backend. Kept apart from `api/index.ts` so importing a store
 * never opens a bridge connection by itself. Features reach it through their own api.ts.
 */
import type { CallInput, CallName, CallOutput, ContractEvents, EventName, ParleyApi } from '../../../shared/contract';

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

/** One contract call on the installed backend; a failure rejects with `{ code, message }` (api/errors.ts). */
export function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  return (getApi()[name] as (input: CallInput<K>) => Promise<CallOutput<K>>)(input);
}

/** Subscribes to a push event of the installed backend; returns the unsubscribe function. */
export function onBackendEvent<E extends EventName>(
  event: E,
  handler: (payload: ContractEvents[E]) => void,
): () => void {
  return getApi().on(event, handler);
}
