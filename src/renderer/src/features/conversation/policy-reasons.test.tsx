// @vitest-environment jsdom
/**
 * Why a message was blocked or held, as the conversation shows it: in plain words with the buyer's name in the UI
 * language ("… deshalb wurde sie blockiert"), not the policy's prose in the shop's language; rule ids and their text
 * behind Why?.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, MessageView } from '../../../../shared/contract';
import { RULE_TEXT } from '../../../../shared/rules';
import { useLanguage } from '../../i18n';
import { message } from '../../state/testing/fake-data';
import { PolicyReasons } from './DeliveryState';
import { useConversation } from './store';

const blocked: MessageView = message(4, 1, {
  state: 'blocked',
  reasons: [
    {
      rule: 'R10',
      code: 'buyer-opted-out',
      // The shop's language (here English) is what the bounce notice says; the German UI must not show it.
      message: 'The buyer opted out of unsolicited seller messages and this message is not a reply to the buyer.',
      params: { tag: '[Important]', viaIgnored: 'no' },
    },
  ],
  warnings: [],
});

beforeEach(() => {
  useConversation.setState({
    detail: { conversation: { buyerName: 'Lukas Weber' } } as ConversationDetail,
  });
});
afterEach(() => {
  cleanup();
  useLanguage.setState({ language: 'en' });
  useConversation.setState(useConversation.getInitialState(), true);
});

describe('why a message was blocked', () => {
  it('says it in German words with the buyer’s name, in the past; the rule behind Why?', () => {
    useLanguage.setState({ language: 'de' });
    render(<PolicyReasons message={blocked} />);
    const box = screen.getByTestId('message-reasons');
    const words = box.querySelector('ul')!.textContent;
    expect(words).toBe(
      'Lukas Weber hat Verkäufernachrichten abbestellt. Diese Nachricht ist keine Antwort an Lukas Weber, deshalb wurde sie blockiert.',
    );
    expect(box.textContent).not.toContain('opted out');
    const why = within(box).getByTestId('message-why') as HTMLDetailsElement;
    expect(why.open).toBe(false);
    expect(why.textContent).toContain(`R10 ${RULE_TEXT.R10.de}`);
  });

  it('in English: "so it was blocked", not "would be"', () => {
    render(<PolicyReasons message={blocked} />);
    expect(screen.getByTestId('message-reasons').querySelector('ul')!.textContent).toBe(
      'Lukas Weber opted out of seller messages. This message is not a reply to Lukas Weber, so it was blocked.',
    );
  });
});
