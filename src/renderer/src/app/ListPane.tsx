/**
 * The middle pane: search results while the search box holds a query, the composer helper's
 * lists for Drafts and Outbox, else the conversations of the chosen filter (Reported: with the
 * reports above them, R18).
 */
import { lazy, Suspense, useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConversationList } from '../features/conversations/ConversationList';
import { useComposer } from '../features/composer/store';
import type { DraftsListProps } from '../features/drafts/DraftsList';
import { filterStrings } from '../features/filters/strings';
import { searchStrings } from '../features/search/strings';
import { useSearch } from '../features/search/store';
import { useStrings } from '../i18n';
import { Button } from '../ui/Button';
import { indexOfId, rowAt } from '../state/list-pages';
import { useInbox } from '../state/inbox-store';
import { preloadable } from './preloadable';
import { useReadAhead } from './read-ahead';
import { appStrings } from './strings';

// R18: the reports of the Reported filter; loaded when the seller first opens that filter.
const ReportsPanel = lazy(() => import('../features/reports/ReportsPanel'));

// The composer helper's lists: not in the first bundle; loaded right after the first paint (ConversationPane).
export const draftsList = preloadable<DraftsListProps>(() =>
  import('../features/drafts/DraftsList').then((m) => ({ default: m.DraftsList })),
);
export const outboxList = preloadable<Record<string, never>>(() =>
  import('../features/outbox/OutboxList').then((m) => ({ default: m.OutboxList })),
);

function SearchResults({ onOpen }: { onOpen(id: number): void }) {
  const t = useStrings(searchStrings);
  const ta = useStrings(appStrings);
  const { query, results, loading, error } = useSearch(
    useShallow((s) => ({ query: s.query, results: s.results, loading: s.loading, error: s.error })),
  );
  const rows = results ?? [];
  const at = useCallback((i: number) => rows[i], [rows]);
  const indexOf = useCallback((id: number) => rows.findIndex((r) => r.id === id), [rows]);
  useReadAhead(at);
  return (
    <>
      <div className="list-header">
        <h2>{ta('searchResults')}</h2>
        <span className="muted small" role="status" data-testid="search-status">
          {loading && !results ? '' : t('results', { count: rows.length })}
        </span>
      </div>
      <ConversationList
        label={ta('searchResults')}
        count={rows.length}
        rowAt={at}
        indexOf={indexOf}
        resetKey={query}
        onOpen={onOpen}
        empty={error ? t('failed', { message: error }) : loading ? '' : t('noResults', { query: query.trim() })}
      />
    </>
  );
}

function FilterList({ onOpen }: { onOpen(id: number): void }) {
  const t = useStrings(appStrings);
  const tf = useStrings(filterStrings);
  const filter = useInbox((s) => s.filter);
  const total = useInbox((s) => s.total);
  const pages = useInbox((s) => s.pages);
  const listError = useInbox((s) => s.listError);
  const listEpoch = useInbox((s) => s.listEpoch);
  const ensureRange = useInbox((s) => s.ensureRange);
  const refreshList = useInbox((s) => s.refreshList);
  const at = useCallback((i: number) => rowAt(pages, i), [pages]);
  const indexOf = useCallback((id: number) => indexOfId(pages, id), [pages]);
  useReadAhead(at);
  return (
    <>
      <div className="list-header">
        <h2>{tf(filter)}</h2>
        {total !== null && <span className="muted small">{tf('countLabel', { count: total })}</span>}
      </div>
      {filter === 'sent' && (
        <p className="muted small list-intro" data-testid="sent-intro">
          {tf('sentIntro')}
        </p>
      )}
      {listError && (
        <div className="notice notice-danger list-error" role="alert">
          <span>{t('listFailed', { message: listError })}</span>
          <Button size="small" onClick={() => void refreshList()}>
            {t('retry')}
          </Button>
        </div>
      )}
      {filter === 'reported' && (
        <Suspense fallback={null}>
          <ReportsPanel />
        </Suspense>
      )}
      <ConversationList
        label={tf(filter)}
        count={total ?? 0}
        rowAt={at}
        indexOf={indexOf}
        onRange={ensureRange}
        resetKey={listEpoch}
        onOpen={onOpen}
        empty={total === null ? '' : filter === 'response-needed' ? t('emptyResponseNeeded') : t('emptyFilter')}
      />
    </>
  );
}

/** The drafts list opens a draft in the composer and reads again when the composer stored one. */
function Drafts() {
  const version = useComposer((s) => s.draftsVersion);
  return <draftsList.View version={version} onOpen={(id) => void useComposer.getState().openDraft(id)} />;
}

export function ListPane({ onOpen }: { onOpen(id: number): void }) {
  const filter = useInbox((s) => s.filter);
  const searching = useSearch((s) => s.query.trim() !== '');
  if (searching) return <SearchResults onOpen={onOpen} />;
  if (filter === 'drafts') return <Drafts />;
  if (filter === 'outbox') return <outboxList.View />;
  return <FilterList onOpen={onOpen} />;
}
