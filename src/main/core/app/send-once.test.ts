/**
 * Sending decides once: the composer's draft is built and parsed once and evaluated once, whether
 * it is sent, refused or only checked, and the conversation id comes from the commit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationRow } from '../../../shared/contract.js';
import { evaluate } from '../policy/evaluate.js';
import { sendDraft } from '../ops/send.js';
import { parseMessage } from '../relay/parse.js';
import { sqlValue } from '../store/inspect.js';
import { removeTestDirs, startDemoApp, type TestApp } from './testing/test-app.js';

vi.mock('../relay/parse.js', async (actual) => {
  const real = await actual<typeof import('../relay/parse.js')>();
  return { ...real, parseMessage: vi.fn(real.parseMessage) };
});
vi.mock('../policy/evaluate.js', async (actual) => {
  const real = await actual<typeof import('../policy/evaluate.js')>();
  return { ...real, evaluate: vi.fn(real.evaluate) };
});

const LUKAS_ORDER = '302-7719034-1184460';
let app: TestApp;
beforeEach(async () => {
  app = await startDemoApp();
});
afterEach(async () => {
  await app.close();
  removeTestDirs();
});

async function row(name: string): Promise<ConversationRow> {
  return (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === name)!;
}

/** How often a call parsed a message and ran the policy engine. */
async function counted<T>(call: () => Promise<T>): Promise<{ parsed: number; evaluated: number; result: T }> {
  vi.mocked(parseMessage).mockClear();
  vi.mocked(evaluate).mockClear();
  const result = await call();
  return {
    parsed: vi.mocked(parseMessage).mock.calls.length,
    evaluated: vi.mocked(evaluate).mock.calls.length,
    result,
  };
}

describe('one parse and one evaluation per message', () => {
  it('the app sends a reply with one parse and one evaluation; the quota re-decision in the commit runs no classifier', async () => {
    const james = await row('James Smith');
    const original = (await app.call('conversation.get', { id: james.id })).messages[0];
    const { parsed, evaluated, result } = await counted(() =>
      app.call('composer.send', {
        conversationId: james.id,
        replyToMessageId: original.id,
        subject: '',
        body: 'Thursday is fine.',
      }),
    );
    expect({ parsed, evaluated }).toEqual({ parsed: 1, evaluated: 1 });
    expect(result).toMatchObject({ conversationId: james.id, state: 'queued', decision: { verdict: 'deliver' } });
  });

  it('a new message about an order returns the conversation the commit put it in', async () => {
    const lukas = await row('Lukas Weber');
    const { parsed, evaluated, result } = await counted(() =>
      app.call('composer.send', {
        alias: lukas.alias,
        orderId: LUKAS_ORDER,
        topic: 'additional-info',
        subject: '',
        body: 'Bitte nennen Sie uns die Hausnummer Ihrer Lieferadresse.',
      }),
    );
    expect({ parsed, evaluated }).toEqual({ parsed: 1, evaluated: 1 });
    const stored = sqlValue(app.ctx.store, 'SELECT conversation_id FROM messages WHERE id = ?', result.messageId);
    expect(result.conversationId).toBe(stored);
    expect(result.conversationId).toBe(lukas.id);
  });

  it('a refusal (R10) and the live check each parse and evaluate once and record nothing', async () => {
    const lukas = await row('Lukas Weber');
    const input = {
      alias: lukas.alias,
      orderId: LUKAS_ORDER,
      subject: 'Ihre Meinung',
      body: 'Bitte bewerten Sie uns!',
    };
    const messages = sqlValue(app.ctx.store, 'SELECT COUNT(*) FROM messages');
    const check = await counted(() => app.call('composer.check', input));
    expect(check).toMatchObject({ parsed: 1, evaluated: 1, result: { willDeliver: false } });
    const refused = await counted(() => app.call('composer.send', input).catch((err: unknown) => err));
    expect(refused).toMatchObject({ parsed: 1, evaluated: 1, result: { code: 'EPOLICY' } });
    expect(refused.result).toMatchObject({ message: expect.stringContaining('abbestellt') });
    expect(sqlValue(app.ctx.store, 'SELECT COUNT(*) FROM messages')).toBe(messages);
  });

  it('`parley send` parses and evaluates once as well', async () => {
    const lukas = await row('Lukas Weber');
    const { parsed, evaluated, result } = await counted(() =>
      sendDraft(
        app.ctx,
        {
          sellerId: 'holzwerkstatt',
          alias: lukas.alias,
          subject: `Zusätzliche Informationen erforderlich (Bestellung ${LUKAS_ORDER})`,
          text: 'Bitte nennen Sie uns die Hausnummer.',
          reason: 'additional-info',
        },
        'cli',
      ),
    );
    expect({ parsed, evaluated }).toEqual({ parsed: 1, evaluated: 1 });
    expect(result).toMatchObject({ conversationId: lukas.id, verdict: 'deliver' });
  });
});
