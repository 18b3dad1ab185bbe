/** The dispute record's backend call (R21). */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const exportRecord = (input: CallInput<'record.export'>) => call('record.export', input);

/** R5: the main process writes the originals where the seller picks; what comes back is only the path. */
export const exportForAuthority = (input: CallInput<'record.export'>) =>
  call('record.exportForAuthority', { ...input, confirm: true });
