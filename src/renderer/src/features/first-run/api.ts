/** First run's backend calls: the demo shop, a new shop, the smarthost test, the chosen language. */
import type { CallInput } from '../../../../shared/contract';
import { call } from '../../state/backend';

export const setupDemo = (input: CallInput<'setup.demo'>) => call('setup.demo', input);
export const setupShop = (input: CallInput<'setup.shop'>) => call('setup.shop', input);
export const testSmarthost = (input: CallInput<'smarthost.test'>) => call('smarthost.test', input);
export const updateSettings = (input: CallInput<'settings.update'>) => call('settings.update', input);
export const resetPassword = () => call('seller.resetPassword', {});
