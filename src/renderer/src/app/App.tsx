/**
 * The root: asks the backend for its status, then shows the first-run choice (no seller yet)
 * or the inbox. Push events are wired once here. Theme and language follow app.status.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useStrings } from '../i18n';
import { Button } from '../ui/Button';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { onApiChange } from '../state/backend';
import { subscribeToBackend } from './events';
import { ordersView, performanceView, Shell } from './Shell';
import { useAppStatus } from '../state/status-store';
import { useInbox } from '../state/inbox-store';
import { appStrings } from './strings';
import { ReadOnlyBanner, StoreCheckScreen } from '../features/backup';
import { BridgeStale } from './BridgeStale';
import { whenSellerIdle } from './seller-idle';

// Shown once in a shop's life: loaded only then.
const FirstRun = lazy(() => import('../features/first-run').then((m) => ({ default: m.FirstRun })));
// First run's optional mailbox step shows Settings' own form.
const MailboxForm = lazy(() => import('../features/settings').then((m) => ({ default: m.IntakeForm })));

const WARM_UP_MS = 1500; // after the first paint, before the seller opens a mail
const PREFETCH_QUIET_MS = 2000; // no click, key or scroll for this long

function loadInbox(): void {
  const inbox = useInbox.getState();
  void inbox.refreshCounts();
  void inbox.refreshList();
}

let started = false;
onApiChange(() => (started = false));

/**
 * Asks for the status, the counts and the inbox's first window together, once per backend:
 * main.tsx calls it before React's first render, so the requests are on the wire while React
 * starts (one round trip less before the seller sees rows; a first run just ignores them).
 */
export function startLoading(): void {
  if (started) return;
  started = true;
  void useAppStatus.getState().load();
  loadInbox();
}

/**
 * Resolves when the status and the inbox's first window are in (or failed, or there is no inbox to show): main.tsx
 * renders then, so the first commit is the inbox with its rows, not a splash, then the shell, then the rows.
 */
export function firstScreenReady(): Promise<void> {
  const ready = () => {
    const { status, error } = useAppStatus.getState();
    if (error) return true;
    if (!status) return false;
    if (status.firstRun || (status.storeCheck && !status.storeCheck.ok && !status.storeCheck.readOnly)) return true;
    const inbox = useInbox.getState();
    return inbox.total !== null || inbox.listError !== null;
  };
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const offs = [useAppStatus.subscribe(check), useInbox.subscribe(check)];
    function check() {
      if (!ready()) return;
      offs.forEach((off) => off());
      resolve();
    }
  });
}

export function App() {
  const t = useStrings(appStrings);
  const status = useAppStatus((s) => s.status);
  const error = useAppStatus((s) => s.error);
  const errorCode = useAppStatus((s) => s.errorCode);
  const errorKey = useAppStatus((s) => s.errorKey);
  const load = useAppStatus((s) => s.load);

  useEffect(() => {
    startLoading();
    // Warm up what opening an HTML mail needs, once the inbox is on screen,
    // and the overviews' code (performance view and its chart, orders), so their first open is a warm one.
    // The performance numbers are fetched ahead only once the seller is quiet: they keep the backend busy for a while.
    const quiet = whenSellerIdle(PREFETCH_QUIET_MS);
    const warm = setTimeout(() => {
      void import('../ui/html-frame/SafeHtmlFrame')
        .then(() => performanceView.preload())
        .then(() => import('../features/performance/draw-chart'))
        .then(() => ordersView.preload())
        .then(() => import('../features/performance/PerformanceView'))
        .then((m) => quiet.promise.then(() => m.prefetch()))
        .catch(() => {}); // a warm-up only: the real open reports its own failure
    }, WARM_UP_MS);
    const unsubscribe = subscribeToBackend();
    return () => {
      clearTimeout(warm);
      quiet.cancel();
      unsubscribe();
    };
  }, [load]);

  if (!status && errorCode === 'ETOKEN') return <BridgeStale stale={errorKey === 'bridge.tokenStale'} />;
  if (!status) {
    return (
      <div className="splash" role={error ? 'alert' : 'status'}>
        {error ? (
          <>
            <p>{t('cannotStart', { message: error })}</p>
            <Button onClick={() => void load()}>{t('retry')}</Button>
          </>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </div>
    );
  }
  const check = status.storeCheck;
  if (check && !check.ok && !check.readOnly) {
    return (
      <ErrorBoundary name="store-check">
        <StoreCheckScreen check={check} onDone={() => void load().then(loadInbox)} />
      </ErrorBoundary>
    );
  }
  if (status.firstRun) {
    return (
      <ErrorBoundary name="first-run">
        <Suspense fallback={<div className="splash muted">{t('loading')}</div>}>
          <FirstRun onDone={() => void load().then(loadInbox)} MailboxForm={MailboxForm} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  if (check?.readOnly)
    return (
      <div className="store-check-read-only">
        <ReadOnlyBanner />
        <Shell />
      </div>
    );
  return <Shell />;
}
