/**
 * What the renderer's jsdom tests share: the layout numbers jsdom does not compute (the
 * virtualizer needs a list height), fresh stores per test, and the app rendered over a fake
 * ParleyApi.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { useComposer } from '../../features/composer';
import { useConversation } from '../../features/conversation/store';
import { useSearch } from '../../features/search/store';
import { useLanguage } from '../../i18n';
import { App } from '../App';
import { conversationPaneBody } from '../ConversationPane';
import { draftsList, outboxList } from '../ListPane';
import { setApi } from '../../state/backend';
import { useAppStatus } from '../../state/status-store';
import { useInbox } from '../../state/inbox-store';
import { useShops } from '../../state/shops-store';
import { useView } from '../../state/view-store';
import type { FakeBackend } from '../../state/testing/fake-backend';

const VIEW_HEIGHT = 800; // px: the list shows ~10 rows of 78 px

export function installLayoutStubs(): void {
  for (const name of ['offsetHeight', 'clientHeight'])
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => VIEW_HEIGHT });
  for (const name of ['offsetWidth', 'clientWidth'])
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => 400 });
  Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
  } as Element['scrollTo'];
  Element.prototype.scrollIntoView = function scrollIntoView() {};
  let n = 0;
  URL.createObjectURL ??= () => `blob:test/${++n}`;
  URL.revokeObjectURL ??= () => {};
}

export function resetStores(): void {
  useInbox.setState(useInbox.getInitialState(), true);
  useView.setState(useView.getInitialState(), true);
  useConversation.setState(useConversation.getInitialState(), true);
  useSearch.setState(useSearch.getInitialState(), true);
  useComposer.setState(useComposer.getInitialState(), true);
  useAppStatus.setState(useAppStatus.getInitialState(), true);
  useShops.setState(useShops.getInitialState(), true);
  useLanguage.getState().setLanguage('en');
}

/** Call at the top of a describe: stubs, clean stores and DOM around every test. */
export function useRendererTestEnv(): void {
  // The app loads these right after its first paint; here they are in before the first test, so a test's first open
  // does not wait for a module transform.
  beforeAll(() => Promise.all([conversationPaneBody.preload(), draftsList.preload(), outboxList.preload()]), 30_000);
  beforeEach(() => {
    installLayoutStubs();
    resetStores();
  });
  afterEach(() => cleanup());
}

export function renderApp(api: FakeBackend) {
  setApi(api);
  return render(<App />);
}
