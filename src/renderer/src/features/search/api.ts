/** The search box's backend call. */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const searchInbox = (input: CallInput<'inbox.search'>) => call('inbox.search', input);
