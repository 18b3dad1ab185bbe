/**
 * The conversation's backend calls: the conversation, a message's body and inline images, and the seller's verdicts
 * (R18, R19) and release (R11).
 */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const getAttachment = (input: CallInput<'attachment.get'>) => call('attachment.get', input);
export const getConversation = (input: CallInput<'conversation.get'>) => call('conversation.get', input);
export const getMessageBody = (input: CallInput<'message.body'>) => call('message.body', input);
export const markNoResponse = (input: CallInput<'message.noResponse'>) => call('message.noResponse', input);
export const releaseMessage = (input: CallInput<'message.release'>) => call('message.release', input);
export const reportMessage = (input: CallInput<'message.report'>) => call('message.report', input);
export const openExternal = (input: CallInput<'links.openExternal'>) => call('links.openExternal', input);
