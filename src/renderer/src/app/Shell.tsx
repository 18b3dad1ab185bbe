/**
 * The inbox window: top bar and three panes with their landmarks — nav "Filters", section
 * "Conversations", main "Conversation" — each behind its own error boundary, plus the
 * keyboard shortcuts and the two app-wide dialogs. The Orders and Performance views
 * take the list and conversation panes' place while chosen.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { preloadable } from './preloadable';
import { useConversation } from '../features/conversation/store';
import { listCommands } from '../features/conversations/list-commands';
import { FiltersPane } from '../features/filters/FiltersPane';
import { ExportRecordButton } from '../features/record/ExportRecordButton';
import { SEARCH_INPUT_ID } from '../features/search/SearchBox';
import { useSearch } from '../features/search/store';
import { useStrings } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { composeTo, ConversationPane, replyTo } from './ConversationPane';
import { useShortcuts } from './keyboard';
import { ListPane } from './ListPane';
import { shopStrings } from './shop-strings';
import { ShopPicker } from './ShopSwitcher';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useAppStatus } from '../state/status-store';
import { useInbox } from '../state/inbox-store';
import { useView, type View } from '../state/view-store';
import { appStrings } from './strings';
import { TopBar } from './TopBar';

export const CONVERSATION_PANE_ID = 'conversation-pane';

// Settings are opened rarely: their code (and its validation) loads on first open.
const SettingsDialog = lazy(() => import('../features/settings').then((m) => ({ default: m.SettingsDialog })));

// The overviews: their code loads after the inbox is up (App's warm-up), or on first open.
export const ordersView = preloadable(() => import('../features/orders-view/OrdersView'));
export const performanceView = preloadable(() => import('../features/performance/PerformanceView'));
const orderActions = (order: { orderId: string }) => (
  <ExportRecordButton size="small" target={{ orderId: order.orderId }} />
);

function openConversationPane() {
  document.getElementById(CONVERSATION_PANE_ID)?.focus();
}

/** The list and the conversation: the inbox proper. */
function InboxPanes() {
  const t = useStrings(appStrings);
  return (
    <>
      <section aria-label={t('listPane')} className="pane pane-list">
        <ErrorBoundary name="list">
          <ListPane onOpen={openConversationPane} />
        </ErrorBoundary>
      </section>
      <main
        aria-label={t('conversationPane')}
        id={CONVERSATION_PANE_ID}
        tabIndex={-1}
        className="pane pane-conversation"
      >
        <ErrorBoundary name="conversation">
          <ConversationPane />
        </ErrorBoundary>
      </main>
    </>
  );
}

/** Orders or Performance across the list and conversation panes. */
function WideView({ view }: { view: Exclude<View, 'inbox'> }) {
  const t = useStrings(appStrings);
  const shop = useAppStatus((s) => s.status?.shop);
  // Orders and performance are one shop's: under "All shops" they ask for one; another shop loads them anew.
  return (
    <main aria-label={t(view)} className="pane pane-wide" data-testid={`view-${view}`}>
      <ErrorBoundary name={view} key={shop}>
        {shop === 'all' ? (
          <ShopPicker reason={view === 'orders' ? 'pickOrders' : 'pickPerformance'} />
        ) : view === 'orders' ? (
          <ordersView.View rowActions={orderActions} />
        ) : (
          <performanceView.View />
        )}
      </ErrorBoundary>
    </main>
  );
}

export function Shell() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const view = useView((s) => s.view);
  const allShops = useAppStatus((s) => s.status?.shop === 'all');
  const tShops = useStrings(shopStrings);

  useEffect(() => {
    // Choosing a filter ends a search: the seller wants that filter's list.
    return useInbox.subscribe((s, prev) => {
      if (s.listEpoch !== prev.listEpoch) useSearch.getState().clear();
    });
  }, []);

  useShortcuts({
    next: () => listCommands.move(1),
    previous: () => listCommands.move(-1),
    open: () => useInbox.getState().selectedId !== null && openConversationPane(),
    back: () => (useView.getState().view === 'inbox' ? listCommands.focus() : useView.getState().show('inbox')),
    reply: () => {
      const detail = useConversation.getState().detail;
      if (detail) replyTo(detail);
    },
    compose: () => composeTo(useConversation.getState().detail),
    search: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    help: () => setHelpOpen(true),
  });

  return (
    <div className="app">
      <TopBar onSettings={() => setSettingsOpen(true)} onHelp={() => setHelpOpen(true)} />
      <div className="panes">
        <ErrorBoundary name="filters">
          <FiltersPane />
        </ErrorBoundary>
        {view === 'inbox' ? <InboxPanes /> : <WideView view={view} />}
      </div>
      {settingsOpen && allShops && (
        <Dialog open title={tShops('pickTitle')} onClose={() => setSettingsOpen(false)} testId="settings-pick-shop">
          <ShopPicker reason="pickSettings" heading={false} />
        </Dialog>
      )}
      {settingsOpen && !allShops && (
        <Suspense fallback={null}>
          <SettingsDialog
            open
            onClose={() => {
              setSettingsOpen(false);
              void useAppStatus.getState().load(); // theme, language, relay may have changed
            }}
          />
        </Suspense>
      )}
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
