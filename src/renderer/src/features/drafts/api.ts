/** The drafts list's backend calls. */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const deleteDraft = (input: CallInput<'drafts.delete'>) => call('drafts.delete', input);
export const listDrafts = () => call('drafts.list', {});
