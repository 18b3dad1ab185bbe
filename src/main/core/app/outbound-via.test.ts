import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundVia } from './relay-runner.js';
import { removeTestDirs, startDemoApp, type TestApp } from './testing/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startDemoApp();
});
afterAll(async () => {
  await app.close();
  removeTestDirs();
});

describe("the relay's outbound way as a kind and a place, for the UI to word", () => {
  it('names the local mailbox and its folder while the relay runs without a smarthost', async () => {
    const { relayStatus } = await app.call('app.status', {});
    expect(relayStatus.running).toBe(true);
    expect(relayStatus.outboundVia).toEqual({ kind: 'local-mailbox', where: expect.stringContaining(app.dataDir) });
    expect(relayStatus.outbound).toMatch(/^local mailbox /); // the CLI's English stays
  });

  it('gives a smarthost as host and port, without a login', () => {
    expect(outboundVia('smarthost smtp://mail.example:587')).toEqual({ kind: 'smarthost', where: 'mail.example:587' });
    expect(outboundVia('smarthost smtps://user@mail.example:465')).toEqual({
      kind: 'smarthost',
      where: 'mail.example:465',
    });
    expect(outboundVia('local mailbox /data/mailbox')).toEqual({ kind: 'local-mailbox', where: '/data/mailbox' });
  });
});
