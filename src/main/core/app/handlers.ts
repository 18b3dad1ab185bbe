/**
 * One handler per contract call (src/shared/contract.ts), each given its input already parsed
 * by the call's zod schema. Expected failures are ParleyErrors, which the transports send as
 * `{ code, message }`. Calls that change what the filters count announce 'counts.changed'.
 */
import fs from 'node:fs';
import type { ContractHandlers, OutboxView, ParsedInput } from '../../../shared/contract.js';
import { ParleyError } from '../errors.js';
import { createDemo, DEMO_SELLER } from '../ops/demo.js';
import { markNoResponseNeeded, reportMessage } from '../relay/marks.js';
import { releaseHeld } from '../relay/release.js';
import type { Seller } from '../store/sellers.js';
import type { AppCore } from './app-core.js';
import { dryRun, send } from './composer.js';
import { attachmentContent, getConversation, messageBody } from './conversation.js';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts.js';
import { checkFile } from './file-types.js';
import { importOrderReport, listOrders, shipOrder } from './orders.js';
import { receiveUpload, startImport } from './mail-import.js';
import { loadPerformance } from './performance.js';
import { exportRecord, exportRecordForAuthority } from './record.js';
import { openExternalLink } from './links.js';
import { listReports, withdrawReport } from './reports.js';
import { cancelOutbox, listOutbox, retryOutbox } from './outbox-view.js';
import { listPostmaster, readPostmaster } from './postmaster.js';
import { SECRET_KEYS } from './secrets.js';
import { SETTING_KEYS, writeRelaySettings, writeUiSettings } from './settings.js';
import { addShop, resetSubmissionPassword, testSmarthost } from './setup.js';
import { listShopsInbox, searchShops } from './shops.js';
import { heldIntakeView, intakeAccountView } from './intake-views.js';
import { fillTemplate, getSignature, listTemplates, removeTemplate, saveTemplate, setSignature } from './templates.js';
import { backupView, runBackup, saveBackupSettings } from './backup.js';

export function createHandlers(app: AppCore): ContractHandlers {
  const changed = () => app.events.countsSoon();
  const emitDelivery = (v: OutboxView) =>
    app.events.emit('delivery.changed', {
      outboxId: v.id,
      messageId: v.messageId,
      conversationId: v.conversationId,
      state: v.state,
      nextAttemptAt: v.nextAttemptAt,
      lastError: v.lastError,
    });

  // The shop's own mailbox, else ENOTFOUND (an id of another shop's is no different from one that never was).
  const ownMailbox = (id: number) => {
    const account = app.intake.service.list(app.requireSeller().id).find((a) => a.id === id);
    if (!account)
      throw new ParleyError('ENOTFOUND', `no mailbox ${id}`, { detail: { key: 'intake.notFound', params: { id } } });
    return account;
  };
  const mailboxInput = (input: ParsedInput<'intake.add'>) => ({ sellerId: app.requireSeller().id, ...input });

  // "All shops" lists every shop's items; the calls about one item run in its shop (app.inShopOf).
  const inView = <T>(list: (seller: Seller) => T[]) => app.shopsInView().flatMap(list);

  return {
    'app.status': () => app.status(),
    'app.openLogFolder': async () => {
      const folder = app.logFolder;
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 }); // before the first line, the folder is not there yet
      // Electron's shell.openPath answers '' when it opened the folder, else why not.
      return { folder, opened: app.openFolder ? (await app.openFolder(folder)) === '' : false };
    },
    'shops.list': () => app.shops(),
    'shops.select': (input) => {
      app.selectShop(input.shop);
      return app.status();
    },

    'setup.demo': async () => {
      if (app.ctx.sellers.get(DEMO_SELLER.id))
        throw new ParleyError('EEXISTS', 'The demo shop exists already in this data folder', {
          detail: { key: 'shop.demoExists', params: {} },
        });
      // createDemo runs its own relay on loopback port 0 over this store; the app's relay waits meanwhile.
      await app.relay.paused(
        async () => {
          const demo = await createDemo(app.ctx);
          app.ctx.store.setSetting(SETTING_KEYS.appSeller, demo.sellerId);
          app.secrets.set(SECRET_KEYS.sellerPassword(demo.sellerId), demo.password);
        },
        () => true,
      );
      changed();
      return app.status();
    },

    'setup.shop': async (input) => {
      if (input.domain) await app.changeDomain(input.domain);
      const seller = await addShop(app.ctx, app.secrets, input);
      app.ctx.store.setSetting(SETTING_KEYS.appSeller, seller.id);
      if (input.smarthost !== undefined || input.smarthostUser !== undefined || input.smarthostPassword !== undefined) {
        writeRelaySettings(app.ctx, app.secrets, {
          smarthost: input.smarthost,
          smarthostUser: input.smarthostUser,
          smarthostPassword: input.smarthostPassword,
          smarthostFingerprint: input.smarthost ? input.smarthostFingerprint : undefined,
        });
      }
      await app.relay.restart(true);
      changed();
      return app.status();
    },

    'smarthost.test': (input) => {
      // "Test connection" in Settings without typing the stored password again.
      const stored = app.ctx.store.getSetting(SETTING_KEYS.smarthostUser);
      const password =
        input.password ??
        (input.user && input.user === stored
          ? (app.secrets.get(SECRET_KEYS.smarthostPassword) ?? undefined)
          : undefined);
      // The trusted certificate of the stored smarthost, unless the test names one (or null: none) itself.
      const storedUrl = app.ctx.store.getSetting(SETTING_KEYS.smarthost);
      const fingerprint =
        input.fingerprint !== undefined
          ? input.fingerprint
          : storedUrl && new URL(storedUrl).host === new URL(input.url).host
            ? app.ctx.store.getSetting(SETTING_KEYS.smarthostFingerprint)
            : null;
      return testSmarthost({ ...input, password, fingerprint }, app.language(), app.ctx.domain);
    },

    // IMAP intake: the password crosses in, never out (intakeAccountView has no field for it).
    'intake.list': () => {
      const seller = app.seller();
      return seller ? app.intake.service.list(seller.id).map(intakeAccountView) : [];
    },
    'intake.status': () => app.intake.statuses(),
    'intake.test': (input) => app.intake.service.test(mailboxInput(input)),
    'intake.add': async (input) => intakeAccountView(await app.intake.service.add(mailboxInput(input))),
    'intake.remove': async (input) => {
      await app.intake.service.remove(ownMailbox(input.id).id);
      return app.intake.service.list(app.requireSeller().id).map(intakeAccountView);
    },
    'intake.check': (input) => {
      const ids =
        input.id === undefined ? app.intake.service.list(app.requireSeller().id).map((a) => a.id) : [input.id];
      for (const id of ids) app.intake.service.checkNow(ownMailbox(id).id);
      return { ok: true as const };
    },
    'intake.held': () => {
      const seller = app.seller();
      return seller ? app.intake.service.held(seller.id).map((h) => heldIntakeView(h, app.ctx)) : [];
    },

    'inbox.counts': () => app.counts(),
    'inbox.list': (input) =>
      listShopsInbox(app.ctx, app.shopsInView(), app.showsAll(), input.filter, input.offset, input.limit),
    'inbox.search': (input) => {
      if (!app.hasShop()) app.requireSeller(); // shop.none
      return searchShops(app.ctx, app.shopsInView(), app.showsAll(), input.query, input.limit);
    },
    'conversation.get': (input) =>
      app.inShopOf((seller) => getConversation(app.ctx, seller, input.id, app.language(), app.mime)),
    'message.body': (input) => app.inShopOf((seller) => messageBody(app.ctx, seller, input.id, app.mime)),
    'attachment.get': (input) =>
      app.inShopOf((seller) => attachmentContent(app.ctx, seller, input.messageId, input.attachmentId, app.mime)),

    'message.report': async (input) => {
      // ENOTFOUND unless it is a message of a shop in view
      await app.inShopOf((seller) => messageBody(app.ctx, seller, input.messageId, app.mime));
      const reportId = reportMessage(app.ctx, input.messageId, {
        reason: input.reason,
        note: input.note,
        source: 'app',
      }); // R18
      changed();
      return { reportId };
    },
    'message.noResponse': async (input) => {
      await app.inShopOf((seller) => messageBody(app.ctx, seller, input.messageId, app.mime));
      markNoResponseNeeded(app.ctx, input.messageId, 'app'); // R19
      changed();
      return { ok: true as const };
    },

    'message.release': async (input) => {
      const released = await app.inShopOf((seller) => releaseHeld(app.ctx, seller, input.messageId, 'app')); // R11
      app.events.emit('delivery.changed', {
        outboxId: released.outboxId,
        messageId: released.messageId,
        conversationId: released.conversationId,
        state: 'queued',
        nextAttemptAt: null,
        lastError: null,
      });
      changed(); // no longer held: out of Undeliverable, and an answer now
      return { messageId: released.messageId, conversationId: released.conversationId, state: 'queued' as const };
    },

    'files.check': (input) => checkFile(app.ctx.store.blobs, input, app.language()),
    'drafts.list': () => inView((seller) => listDrafts(app.ctx, seller)),
    'drafts.get': (input) => app.inShopOf((seller) => getDraft(app.ctx, seller, input.id)),
    'drafts.save': async (input) => {
      const isNew = input.id === undefined;
      const view = await app.inShopOf((seller) => saveDraft(app.ctx, seller, input));
      if (isNew || view.id !== input.id) changed();
      return view;
    },
    'templates.list': (input) =>
      input.conversationId === undefined
        ? listTemplates(app.ctx, app.requireSeller())
        : app.inShopOf((seller) => listTemplates(app.ctx, seller, input.conversationId)),
    'templates.save': (input) => saveTemplate(app.ctx, app.requireSeller(), input),
    'templates.remove': (input) => {
      removeTemplate(app.ctx, app.requireSeller(), input.id);
      return { ok: true as const };
    },
    'templates.fill': (input) => app.inShopOf((seller) => fillTemplate(app.ctx, seller, input)),
    'signature.get': (input) => getSignature(app.ctx, app.requireSeller(), input.language),
    'signature.set': (input) => setSignature(app.ctx, app.requireSeller(), input.language, input.body),
    'drafts.delete': async (input) => {
      const deleted = await app.inShopOf((seller) => {
        if (deleteDraft(app.ctx, seller, input.id)) return true;
        throw new ParleyError('ENOTFOUND', `no draft ${input.id}`, {
          detail: { key: 'draft.notFound', params: { id: input.id } },
        });
      });
      if (deleted) changed();
      return { ok: true as const };
    },
    'composer.check': (input) => app.inShopOf((seller) => dryRun(app.ctx, seller, input)),
    'composer.send': async (input) => {
      try {
        return await app.inShopOf((seller) => send(app.ctx, seller, input, app.language()));
      } finally {
        changed(); // sent (the draft went), or refused (the draft was kept)
      }
    },

    'outbox.list': () => inView((seller) => listOutbox(app.ctx, seller)),
    'outbox.retry': async (input) => {
      const view = await app.inShopOf((seller) => retryOutbox(app.ctx, seller, input.id, app.relay.worker));
      emitDelivery(view);
      return view;
    },
    'outbox.cancel': async (input) => {
      const view = await app.inShopOf((seller) => cancelOutbox(app.ctx, seller, input.id, app.relay.worker));
      emitDelivery(view);
      changed();
      return view;
    },
    'postmaster.list': async () => listPostmaster(app.ctx, app.seller()),
    'postmaster.read': (input) => readPostmaster(app.ctx, app.seller(), input.id),
    'backup.get': () => backupView(app.ctx, app.chooseBackupFolder !== undefined),
    'backup.set': (input) => {
      saveBackupSettings(app.ctx, input);
      return backupView(app.ctx, app.chooseBackupFolder !== undefined);
    },
    'backup.chooseFolder': async () => {
      const folder = await app.chooseBackupFolder?.();
      if (folder) saveBackupSettings(app.ctx, { folder });
      return backupView(app.ctx, app.chooseBackupFolder !== undefined);
    },
    'backup.run': async () => {
      await runBackup(app.ctx);
      return backupView(app.ctx, app.chooseBackupFolder !== undefined);
    },
    'store.check': () => app.storeCheck(),
    'store.continueReadOnly': () => app.continueReadOnly(),
    'store.restoreLast': () => app.restoreLastBackup(),

    'settings.update': async (input) => {
      if (input.seller) {
        app.ctx.sellers.update(app.requireSeller().id, input.seller); // refuses another shop's address (R9)
      }
      if (input.ui) writeUiSettings(app.ctx, input.ui);
      if (input.relay) {
        const { domain, ...rest } = input.relay;
        writeRelaySettings(app.ctx, app.secrets, rest);
        if (domain && domain !== app.ctx.domain) await app.changeDomain(domain);
        else await app.relay.restart(app.hasShop());
      }
      return app.status();
    },
    'seller.resetPassword': () => resetSubmissionPassword(app.ctx, app.secrets, app.requireSeller().id),
    'bridge.newLink': () => ({ token: app.bridgeToken.rotate() }),
    'domains.list': () => app.ctx.domains.list(),
    'domains.set': async (input) => {
      await app.changeDomain(input.domain); // the old domains stay served (store/domains.ts)
      return app.status();
    },
    'senders.add': (input) => {
      const seller = app.requireSeller();
      app.ctx.sellers.authorize(seller.id, input.email); // R7; refuses another shop's address (R9)
      return app.ctx.sellers.authorizedSenders(seller.id);
    },
    'senders.remove': (input) => {
      const seller = app.requireSeller();
      app.ctx.sellers.unauthorize(seller.id, input.email);
      return app.ctx.sellers.authorizedSenders(seller.id);
    },

    // Orders, performance, reports and the dispute record
    'orders.list': (input) => {
      const seller = app.seller();
      return seller
        ? listOrders(app.ctx, seller, input.query, input.offset, input.limit)
        : { total: 0, offset: input.offset, rows: [] };
    },
    'orders.import': async (input) => {
      const result = await importOrderReport(
        app.ctx,
        app.requireSeller(),
        Buffer.from(input.dataBase64, 'base64'),
        (done, total) => app.events.emit('job.progress', { job: 'orders.import', done, total }),
      );
      changed(); // new orders give buyers aliases and conversations their order numbers
      return result;
    },
    'mailImport.upload': (input) => receiveUpload(app.ctx, input),
    'mailImport.start': async (input) => {
      try {
        return await startImport(app.ctx, app.requireSeller().id, input, (p) => {
          app.events.emit('job.progress', { job: 'mail.import', done: p.done, total: p.total, imported: p.imported });
          changed(); // the conversations come in batch by batch
        });
      } finally {
        changed();
      }
    },
    'orders.ship': async (input) => {
      try {
        return await shipOrder(app.ctx, app.requireSeller(), input); // R17, outside the quota (R16)
      } finally {
        changed();
      }
    },
    'performance.get': () => loadPerformance(app.ctx, app.requireSeller()),
    'reports.list': () => {
      const seller = app.seller();
      return seller ? listReports(app.ctx, seller) : { reports: [], topSenders: [] };
    },
    'reports.withdraw': (input) => {
      const view = withdrawReport(app.ctx, app.requireSeller(), input.id); // R18
      changed();
      return view;
    },
    'record.export': (input) => exportRecord(app.ctx, app.requireSeller(), input), // R21, R5
    'record.exportForAuthority': (input) =>
      exportRecordForAuthority(
        app.ctx,
        app.requireSeller(),
        'orderId' in input ? { orderId: input.orderId } : { conversationId: input.conversationId },
        app.chooseExportPath,
      ),
    'links.openExternal': (input) => openExternalLink(input.url, app.openExternal),
  };
}
