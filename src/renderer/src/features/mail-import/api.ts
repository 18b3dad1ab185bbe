/** The mail history import's backend calls and its progress events. */
import type { CallInput, ContractEvents } from '../../../../shared/contract';
import { call, onBackendEvent } from '../../state/backend';

export const uploadPiece = (input: CallInput<'mailImport.upload'>) => call('mailImport.upload', input);
export const startMailImport = (input: CallInput<'mailImport.start'>) => call('mailImport.start', input);

export const onMailImportProgress = (handler: (event: ContractEvents['job.progress']) => void) =>
  onBackendEvent('job.progress', (event) => {
    if (event.job === 'mail.import') handler(event);
  });
