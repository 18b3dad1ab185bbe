/** The settings dialog's backend calls: status, update, the smarthost test, authorized senders (R7), postmaster. */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const addSender = (input: CallInput<'senders.add'>) => call('senders.add', input);
export const fetchStatus = () => call('app.status', {});
export const listPostmaster = () => call('postmaster.list', {});
export const readPostmaster = (input: CallInput<'postmaster.read'>) => call('postmaster.read', input);
export const removeSender = (input: CallInput<'senders.remove'>) => call('senders.remove', input);
export const testSmarthost = (input: CallInput<'smarthost.test'>) => call('smarthost.test', input);
export const updateSettings = (input: CallInput<'settings.update'>) => call('settings.update', input);
export const listDomains = () => call('domains.list', {});
export const setDomain = (input: CallInput<'domains.set'>) => call('domains.set', input);
