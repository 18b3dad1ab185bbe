/** The dispute record's backend call (R21). */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const exportRecord = (input: CallInput<'record.export'>) => call('record.export', input);
