/**
 * The inbox as a seller meets it, for the e2e tests: the three panes by their ARIA landmarks,
 * the filters by their test ids, rows and messages by what they show. Every locator the tests
 * rely on lives here, so a renderer change is adapted in one place.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Filter } from '../../../src/shared/contract.js';

export class InboxPage {
  readonly filters: Locator;
  readonly list: Locator;
  readonly conversation: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByRole('navigation', { name: 'Filters' });
    this.list = page.getByRole('region', { name: 'Conversations' });
    this.conversation = page.getByRole('main', { name: 'Conversation' });
  }

  /** Opens the bridge URL and waits for the three panes. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.filters).toBeVisible();
    await expect(this.list).toBeVisible();
  }

  filter(name: Filter): Locator {
    return this.page.getByTestId(`filter-${name}`);
  }

  /** The count shown inside a filter button (its last number). */
  async count(name: Filter): Promise<number> {
    const text = await this.filter(name).innerText();
    const numbers = text.replace(/(\d)[.,\u00a0\u202f ](?=\d{3}\b)/g, '$1').match(/\d+/g);
    if (!numbers) throw new Error(`filter ${name} shows no count: "${text}"`);
    return Number(numbers[numbers.length - 1]);
  }

  async expectCount(name: Filter, n: number): Promise<void> {
    await expect.poll(() => this.count(name), { message: `count of filter ${name}` }).toBe(n);
  }

  /** The filter is the chosen one (aria-pressed or aria-current). */
  async isActive(name: Filter): Promise<boolean> {
    const f = this.filter(name);
    const pressed = await f.getAttribute('aria-pressed');
    const current = await f.getAttribute('aria-current');
    return pressed === 'true' || (current !== null && current !== 'false');
  }

  async choose(name: Filter): Promise<void> {
    await this.filter(name).click();
    await expect.poll(() => this.isActive(name), { message: `filter ${name} chosen` }).toBe(true);
  }

  rows(): Locator {
    return this.list.getByTestId('conversation-row');
  }

  row(buyerName: string): Locator {
    return this.rows().filter({ hasText: buyerName });
  }

  /** Clicks the conversation of `buyerName` and waits until its messages are shown. */
  async openConversation(buyerName: string): Promise<void> {
    await this.row(buyerName).first().click();
    await expect(this.conversation.getByText(buyerName).first()).toBeVisible();
    await expect(this.messages().first()).toBeVisible();
  }

  messages(): Locator {
    return this.conversation.getByTestId('message');
  }

  /** The message (in the open conversation) whose text contains `text`. */
  message(text: string | RegExp): Locator {
    return this.messages().filter({ hasText: text });
  }

  /** The open composer (a region named Composer, or the compose dialog). */
  composer(): Locator {
    return this.page
      .getByRole('region', { name: /composer|reply|new message/i })
      .or(this.page.getByRole('dialog', { name: /composer|reply|new message/i }))
      .first();
  }

  /** Opens a reply to the buyer message containing `text`. */
  async reply(text: string | RegExp): Promise<Locator> {
    const m = this.message(text).first();
    await m
      .getByRole('button', { name: /^reply/i })
      .or(this.conversation.getByRole('button', { name: /^reply$/i }))
      .first()
      .click();
    const composer = this.composer();
    await expect(composer).toBeVisible();
    return composer;
  }

  /** The composer's message body field. */
  body(composer: Locator): Locator {
    return composer.getByRole('textbox', { name: /message|body|text/i }).last();
  }

  async send(composer: Locator): Promise<void> {
    await composer.getByRole('button', { name: /^send/i }).click();
  }

  searchBox(): Locator {
    return this.page
      .getByRole('searchbox')
      .or(this.page.getByRole('textbox', { name: /search/i }))
      .first();
  }
}
