// @vitest-environment jsdom
/**
 * Links in a message ask first: a click shows the real target with its domain, warns about a mismatch, opens only on
 * "Open in browser"; mailto: the alias opens the composer; other schemes get a note.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail } from '../../../../shared/contract';
import { useInbox } from '../../state/inbox-store';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';

async function open(api: FakeBackend, id: number) {
  renderApp(api);
  await screen.findByTestId('filter-all');
  useInbox.getState().select(id, id - 1);
  await waitFor(() => expect(screen.getByTestId('conversation').dataset.id).toBe(String(id)));
  return screen.getByTestId('conversation');
}

/** A backend whose conversation 1 ends with a buyer message carrying `text`. */
function withText(text: string): FakeBackend {
  const base = createFakeBackend();
  return createFakeBackend(
    {},
    {
      'conversation.get': async (input: { id: number }) => {
        const detail = structuredClone(await base['conversation.get'](input)) as ConversationDetail;
        const last = detail.messages[detail.messages.length - 1];
        detail.messages[detail.messages.length - 1] = { ...last, hasHtml: false, text };
        return detail;
      },
    },
  );
}

/** What the page sees when the frame tries to load a link's stand-in address (the CSP refuses it). */
function refuseFrameLoad(url: string) {
  const event = new Event('securitypolicyviolation');
  Object.assign(event, { blockedURI: url, violatedDirective: 'frame-src' });
  document.dispatchEvent(event);
}

/** Clicks a link in the frame once the frame listens (its effect runs after the first paint), as a seller would. */
async function clickInFrame(url: string, expected: string) {
  await waitFor(() => {
    if (!screen.queryByTestId(expected)) refuseFrameLoad(url);
    expect(screen.getByTestId(expected)).toBeTruthy();
  });
  return screen.getByTestId(expected);
}

describe('links in a message', () => {
  useRendererTestEnv();
  afterEach(() => vi.restoreAllMocks());

  it('asks before a link in plain text opens, showing the full target; Cancel opens nothing', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const pane = await open(withText('Tracking: https://www.dhl.de/track?id=00340434 – thanks'), 1);
    fireEvent.click(await within(pane).findByRole('link', { name: 'https://www.dhl.de/track?id=00340434' }));
    const dialog = await screen.findByTestId('link-confirm');
    expect(within(dialog).getByTestId('link-target').textContent).toBe('https://www.dhl.de/track?id=00340434');
    expect(within(dialog).getByTestId('link-domain').textContent).toBe('www.dhl.de');
    expect(within(dialog).queryByTestId('link-mismatch')).toBeNull();
    fireEvent.click(within(dialog).getByTestId('link-cancel'));
    await waitFor(() => expect(screen.queryByTestId('link-confirm')).toBeNull());
    expect(opened).not.toHaveBeenCalled();
  });

  it('opens the link in a new tab without a way back only on "Open in browser"', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const pane = await open(withText('See https://shop.example/item/7'), 1);
    fireEvent.click(await within(pane).findByRole('link', { name: 'https://shop.example/item/7' }));
    fireEvent.click(within(await screen.findByTestId('link-confirm')).getByTestId('link-open'));
    await waitFor(() => expect(screen.queryByTestId('link-confirm')).toBeNull());
    expect(opened).toHaveBeenCalledWith('https://shop.example/item/7', '_blank', 'noopener,noreferrer');
  });

  it('asks about a link in an HTML mail (DOMPurify has dropped its javascript: link)', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const pane = await open(createFakeBackend(), 2);
    const frame = (await within(pane).findByTestId('html-frame')) as HTMLIFrameElement;
    const srcdoc = frame.getAttribute('srcdoc')!;
    const sinks = [...srcdoc.matchAll(/href="(http:\/\/[a-z0-9-]+-\d+\.invalid\/)"/g)].map((m) => m[1]);
    expect(sinks).toHaveLength(1); // "our shop"
    expect(srcdoc).not.toContain('href="https://shop.example/"'); // the frame never holds the real target
    expect(srcdoc).toContain('title="https://shop.example/"');
    const dialog = await clickInFrame(sinks[0].replace(/\/$/, ''), 'link-confirm'); // Chromium reports the origin
    expect(within(dialog).getByTestId('link-target').textContent).toBe('https://shop.example/');
    fireEvent.click(within(dialog).getByTestId('link-cancel'));
    // An address no link of this frame stands for does nothing.
    refuseFrameLoad('http://parley-link-zz-1-0.invalid');
    expect(screen.queryByTestId('link-confirm')).toBeNull();
    expect(opened).not.toHaveBeenCalled();
  });

  it('warns when a link names another domain, and refuses another scheme with a note (German)', async () => {
    const api = createFakeBackend(
      {},
      {
        'message.body': async () => ({
          text: 'x',
          html: '<p><a href="https://paypal-secure.example/login">www.paypal.com</a> <a href="tel:+49301234">Anrufen</a></p>',
        }),
      },
    );
    const status = api['app.status'].getMockImplementation()!;
    api['app.status'].mockImplementation(async (input) => {
      const s = await status(input);
      return { ...s, ui: { ...s.ui, language: 'de' } };
    });
    const pane = await open(api, 2);
    const srcdoc = (await within(pane).findByTestId('html-frame')).getAttribute('srcdoc')!;
    const sinks = [...srcdoc.matchAll(/href="(http:\/\/[a-z0-9-]+-\d+\.invalid\/)"/g)].map((m) => m[1]);
    const dialog = await clickInFrame(sinks[0], 'link-confirm');
    expect(within(dialog).getByTestId('link-mismatch').textContent).toBe(
      'Vorsicht: Der Linktext nennt paypal.com, der Link führt aber zu paypal-secure.example. Solche Links sind ein verbreiteter Trick.',
    );
    expect(within(dialog).getByTestId('link-domain').textContent).toBe('paypal-secure.example');
    fireEvent.click(within(dialog).getByText('Abbrechen'));
    refuseFrameLoad(sinks[1]);
    expect((await screen.findByTestId('link-refused')).textContent).toContain('„tel:“');
  });

  it('opens the composer for mailto: the conversation’s alias', async () => {
    const pane = await open(withText('Write to mailto:b000001x7k2q9m1@relay.parley.localhost please'), 1);
    fireEvent.click(await within(pane).findByRole('link', { name: /^mailto:/ }));
    expect(await screen.findByTestId('composer')).toBeTruthy();
    expect(screen.queryByTestId('link-refused')).toBeNull();
  });
});
