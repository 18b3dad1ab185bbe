/**
 * `window.parley`: a ParleyApi built in ONE loop over the contract's call names, over Electron's
 * ipcRenderer, whose `on()` knows exactly the contract's push events. It hands the page plain functions and data,
 * never an Electron or Node object (not even the IPC event). It imports the zod-free name lists, not the contract with
 * its schemas: the sandboxed preload is one small CommonJS bundle.
 */
import type { ipcRenderer } from 'electron';
import type { ContractError, ContractEvents, EventName, ParleyApi } from '../shared/contract.js';
import { CALL_NAME_LIST, EVENT_NAME_LIST, IPC_CHANNELS } from '../shared/contract-names.js';

type Envelope = { ok: true; value: unknown } | { ok: false; error: ContractError };
type Ipc = Pick<typeof ipcRenderer, 'invoke' | 'on'>;

/**
 * A failed call rejects with a plain ContractError (`{ code, message, key?, params? }`): the context bridge would strip
 * an Error's own properties, a plain object crosses whole (the renderer makes it an ApiError).
 */
function unwrap(envelope: Envelope | undefined): unknown {
  if (envelope && envelope.ok === true) return envelope.value;
  const error: ContractError =
    envelope?.ok === false ? envelope.error : { code: 'EINTERNAL', message: 'internal error' };
  const plain: ContractError = { code: String(error.code), message: String(error.message) };
  if (typeof error.key === 'string') {
    plain.key = error.key;
    plain.params = { ...error.params };
  }
  throw plain;
}

const NOT_READY: Envelope = {
  ok: false,
  error: { code: 'ENOTREADY', message: 'Parley is still starting; try again in a moment.' },
};

export function buildParleyApi(ipc: Ipc): ParleyApi {
  // One set of handlers per contract event; a name outside the list is neither delivered nor subscribable.
  const handlers = new Map<string, Set<(payload: unknown) => void>>(EVENT_NAME_LIST.map((name) => [name, new Set()]));
  ipc.on(IPC_CHANNELS.event, (_event, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const handler of [...(handlers.get(name) ?? [])]) handler(payload);
  });

  const api: Record<string, unknown> = {
    transport: 'electron',
    on<E extends EventName>(event: E, handler: (payload: ContractEvents[E]) => void): () => void {
      const set = handlers.get(event);
      if (!set) throw new TypeError(`no such Parley event: ${String(event)}`);
      const h = handler as (payload: unknown) => void;
      set.add(h);
      return () => void set.delete(h);
    },
  };
  for (const name of CALL_NAME_LIST) {
    // invoke() itself rejects only when nothing handles the channel (the backend is not up yet).
    api[name] = (input: unknown) => ipc.invoke(IPC_CHANNELS.call(name), input).then(unwrap, () => unwrap(NOT_READY));
  }
  return api as unknown as ParleyApi;
}
