/** The start check's ways out: its backend calls. */
import { call } from '../../state/backend';

export const continueReadOnly = () => call('store.continueReadOnly', {});
export const restoreLastBackup = () => call('store.restoreLast', {});
