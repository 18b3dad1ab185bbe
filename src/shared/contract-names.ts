/**
 * The names of the contract's calls and push events and the IPC channels, without a single zod schema: all the
 * sandboxed preload (a self-contained CommonJS bundle) and the transports' clients need. contract.ts checks at compile
 * time that `CALL_NAME_LIST` and the keys of `CONTRACT`, and `EVENT_NAME_LIST` and the keys of `ContractEvents`, are
 * the same sets, so the contract stays the one source of truth.
 */
export const CALL_NAME_LIST = [
  'app.status',
  'app.openLogFolder',
  'setup.demo',
  'setup.shop',
  'smarthost.test',
  'shops.list',
  'shops.select',
  'intake.list',
  'intake.status',
  'intake.test',
  'intake.add',
  'intake.remove',
  'intake.check',
  'intake.held',
  'inbox.counts',
  'inbox.list',
  'inbox.search',
  'conversation.get',
  'message.body',
  'attachment.get',
  'message.report',
  'message.noResponse',
  'message.release',
  'files.check',
  'drafts.list',
  'drafts.get',
  'drafts.save',
  'drafts.delete',
  'composer.check',
  'composer.send',
  'templates.list',
  'templates.save',
  'templates.remove',
  'templates.fill',
  'signature.get',
  'signature.set',
  'outbox.list',
  'outbox.retry',
  'outbox.cancel',
  'postmaster.list',
  'postmaster.read',
  'backup.get',
  'backup.set',
  'backup.chooseFolder',
  'backup.run',
  'store.check',
  'store.continueReadOnly',
  'store.restoreLast',
  'settings.update',
  'seller.resetPassword',
  'bridge.newLink',
  'domains.list',
  'domains.set',
  'senders.add',
  'senders.remove',
  'orders.list',
  'mailImport.upload',
  'mailImport.start',
  'orders.import',
  'orders.ship',
  'performance.get',
  'reports.list',
  'reports.withdraw',
  'record.export',
  'record.exportForAuthority',
  'links.openExternal',
] as const;

/**
 * Every push event (contract.ts `ContractEvents`, backend → UI). Both transports' clients subscribe to exactly these,
 * so
 * an event added to the contract must be added here or nothing compiles, and then reaches the window and the browser.
 */
export const EVENT_NAME_LIST = [
  'message.new',
  'delivery.changed',
  'counts.changed',
  'relay.status',
  'job.progress',
  'intake.status',
  'conversation.open',
] as const;

/** Electron's channels: one `ipcMain.handle` per call, one channel for every push event. */
export const IPC_CHANNELS = {
  call: (name: string) => `parley:${name}`,
  event: 'parley:event',
} as const;
