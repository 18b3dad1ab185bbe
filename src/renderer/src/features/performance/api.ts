/** The performance view's backend call. */
import { call } from '../../state/backend';

export const getPerformance = () => call('performance.get', {});
