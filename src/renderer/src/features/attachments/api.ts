/** The attachments' backend calls: an attachment's bytes for the preview and the viewer. */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const getAttachment = (input: CallInput<'attachment.get'>) => call('attachment.get', input);
