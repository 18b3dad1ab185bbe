/** The reports panel's backend calls (R18). */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const listReports = () => call('reports.list', {});
export const withdrawReport = (input: CallInput<'reports.withdraw'>) => call('reports.withdraw', input);
