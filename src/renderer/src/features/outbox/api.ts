/** The outbox's backend calls, and its delivery events (R8). */
import type { CallInput, ContractEvents } from '../../../../shared/contract';
import { call, onBackendEvent } from '../../state/backend';

export const cancelOutbox = (input: CallInput<'outbox.cancel'>) => call('outbox.cancel', input);
export const listOutbox = () => call('outbox.list', {});
export const retryOutbox = (input: CallInput<'outbox.retry'>) => call('outbox.retry', input);

export const onDeliveryChanged = (handler: (event: ContractEvents['delivery.changed']) => void) =>
  onBackendEvent('delivery.changed', handler);
