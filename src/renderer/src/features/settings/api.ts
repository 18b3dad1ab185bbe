/**
 * The settings dialog's backend calls: status, update, the smarthost test, authorized senders (R7), postmaster, and the
 * IMAP intake's mailboxes (first run connects one through the same form).
 */
import type { CallInput } from '../../../../shared/contract';
import { call, getApi } from '../../state/backend';

export const addSender = (input: CallInput<'senders.add'>) => call('senders.add', input);
export const fetchStatus = () => call('app.status', {});
export const listPostmaster = () => call('postmaster.list', {});
export const getBackup = () => call('backup.get', {});
export const setBackup = (input: CallInput<'backup.set'>) => call('backup.set', input);
export const chooseBackupFolder = () => call('backup.chooseFolder', {});
export const runBackup = () => call('backup.run', {});
export const openLogFolder = () => call('app.openLogFolder', {});
export const readPostmaster = (input: CallInput<'postmaster.read'>) => call('postmaster.read', input);
export const removeSender = (input: CallInput<'senders.remove'>) => call('senders.remove', input);
export const testSmarthost = (input: CallInput<'smarthost.test'>) => call('smarthost.test', input);
export const updateSettings = (input: CallInput<'settings.update'>) => call('settings.update', input);
export const listIntake = () => call('intake.list', {});
export const intakeStatuses = () => call('intake.status', {});
export const testIntake = (input: CallInput<'intake.test'>) => call('intake.test', input);
export const addIntake = (input: CallInput<'intake.add'>) => call('intake.add', input);
export const removeIntake = (input: CallInput<'intake.remove'>) => call('intake.remove', input);
export const checkIntake = (input: CallInput<'intake.check'>) => call('intake.check', input);
export const heldIntake = () => call('intake.held', {});
export const listDomains = () => call('domains.list', {});
export const setDomain = (input: CallInput<'domains.set'>) => call('domains.set', input);
export const listTemplates = () => call('templates.list', {});
export const saveTemplate = (input: CallInput<'templates.save'>) => call('templates.save', input);
export const removeTemplate = (input: CallInput<'templates.remove'>) => call('templates.remove', input);
export const getSignature = (input: CallInput<'signature.get'>) => call('signature.get', input);
export const setSignature = (input: CallInput<'signature.set'>) => call('signature.set', input);
export const resetPassword = () => call('seller.resetPassword', {});
export const newBridgeLink = () => call('bridge.newLink', {});
/** The web bridge (a browser tab) or the desktop app's window: only the bridge's link has a token to renew. */
export const inBrowser = () => getApi().transport === 'http';
