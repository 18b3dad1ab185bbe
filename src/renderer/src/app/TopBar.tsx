/** The top bar: the app's name, the search box, the relay's state, shortcuts and settings. */
import { SearchBox } from '../features/search/SearchBox';
import { relayProblem } from '../api/errors';
import { useStrings } from '../i18n';
import { Button } from '../ui/Button';
import { useAppStatus } from '../state/status-store';
import { appStrings } from './strings';

function RelayDot() {
  const t = useStrings(appStrings);
  const relay = useAppStatus((s) => s.status?.relayStatus);
  if (!relay) return null;
  const problem = relayProblem(relay);
  const state = relay.running ? 'running' : problem ? 'error' : 'stopped';
  const label = relay.running ? t('relayRunning') : problem ? t('relayError', { error: problem }) : t('relayStopped');
  const detail = relay.running
    ? t('relayDetail', { smtp: relay.smtp ?? '—', submission: relay.submission ?? '—', outbound: relay.outbound })
    : '';
  return (
    <div
      className={`relay relay-${state}`}
      role="status"
      title={detail || label}
      data-testid="relay-status"
      data-state={state}
    >
      <span className="relay-dot" aria-hidden="true" />
      <span className="relay-label">{label}</span>
    </div>
  );
}

export function TopBar({ onSettings, onHelp }: { onSettings(): void; onHelp(): void }) {
  const t = useStrings(appStrings);
  const shop = useAppStatus((s) => s.status?.seller?.name);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        <h1 className="brand-name">Parley</h1>
        {shop && <span className="brand-shop muted">{shop}</span>}
      </div>
      <SearchBox />
      <RelayDot />
      <Button
        variant="ghost"
        icon="keyboard"
        aria-label={t('shortcuts')}
        title={`${t('shortcuts')} (?)`}
        onClick={onHelp}
        aria-keyshortcuts="?"
      />
      <Button variant="ghost" icon="settings" onClick={onSettings} data-testid="settings-button">
        {t('settings')}
      </Button>
    </header>
  );
}
