/** The composer's backend calls: drafts, the dry run, the send, file checks, and what opening a reply reads. */
import type { CallInput, ContractEvents } from '../../../../shared/contract';
import { call, onBackendEvent } from '../../state/backend';

export const checkDraft = (input: CallInput<'composer.check'>) => call('composer.check', input);
export const checkFileUpload = (input: CallInput<'files.check'>) => call('files.check', input);
export const deleteDraft = (input: CallInput<'drafts.delete'>) => call('drafts.delete', input);
export const fetchStatus = () => call('app.status', {});
export const getConversation = (input: CallInput<'conversation.get'>) => call('conversation.get', input);
export const getDraft = (input: CallInput<'drafts.get'>) => call('drafts.get', input);
export const listDrafts = () => call('drafts.list', {});
export const saveDraft = (input: CallInput<'drafts.save'>) => call('drafts.save', input);
export const sendMessage = (input: CallInput<'composer.send'>) => call('composer.send', input);
export const listTemplates = (input: CallInput<'templates.list'>) => call('templates.list', input);
export const fillTemplate = (input: CallInput<'templates.fill'>) => call('templates.fill', input);
export const getSignature = (input: CallInput<'signature.get'>) => call('signature.get', input);
export const onDeliveryChanged = (handler: (event: ContractEvents['delivery.changed']) => void) =>
  onBackendEvent('delivery.changed', handler);
