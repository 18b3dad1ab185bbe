/** The orders view's backend calls, and the import's progress events. */
import type { CallInput, ContractEvents } from '../../../../shared/contract';
import { call, onBackendEvent } from '../../state/backend';

export const importOrders = (input: CallInput<'orders.import'>) => call('orders.import', input);
export const listOrders = (input: CallInput<'orders.list'>) => call('orders.list', input);
export const shipOrder = (input: CallInput<'orders.ship'>) => call('orders.ship', input);

export const onImportProgress = (handler: (event: ContractEvents['job.progress']) => void) =>
  onBackendEvent('job.progress', handler);
