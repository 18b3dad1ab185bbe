/** The top bar: the app's name, the search box, the relay's and the IMAP intake's state, shortcuts and settings. */
import { SearchBox } from '../features/search/SearchBox';
import { relayProblem } from '../api/errors';
import { useLanguage, useStrings } from '../i18n';
import { Button } from '../ui/Button';
import { intakeBarText, intakeStateText, intakeWords } from '../ui/intake-words';
import { useNow } from '../ui/use-now';
import { outboundText, outboundWords } from '../ui/outbound-words';
import { useAppStatus } from '../state/status-store';
import { ShopSwitcher } from './ShopSwitcher';
import { appStrings } from './strings';
import { MailImportButton } from '../features/mail-import/MailImportButton';

function RelayDot() {
  const t = useStrings(appStrings);
  const to = useStrings(outboundWords);
  const relay = useAppStatus((s) => s.status?.relayStatus);
  if (!relay) return null;
  const problem = relayProblem(relay);
  const state = relay.running ? 'running' : problem ? 'error' : 'stopped';
  const label = relay.running ? t('relayRunning') : problem ? t('relayError', { error: problem }) : t('relayStopped');
  const detail = relay.running
    ? t('relayDetail', {
        smtp: relay.smtp ?? '—',
        submission: relay.submission ?? '—',
        outbound: outboundText(to, relay),
      })
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

/** The shop's mailboxes in a few words, live from 'intake.status'; each one's state in the tooltip. */
function IntakeDot() {
  const t = useStrings(intakeWords);
  const language = useLanguage((s) => s.language);
  const now = useNow();
  const intake = useAppStatus((s) => s.status?.intake);
  if (!intake || intake.length === 0) return null;
  const { tone, text } = intakeBarText(intake, t, now, language);
  const title = intake.map((s) => `${s.label}: ${intakeStateText(s, t, now, language)}`).join('\n');
  const look = tone === 'ok' ? 'running' : tone === 'error' ? 'error' : 'stopped';
  return (
    <div
      className={`relay intake-status relay-${look}`}
      role="status"
      title={title}
      data-testid="intake-status"
      data-state={tone}
    >
      <span className="relay-dot" aria-hidden="true" />
      <span className="relay-label">{text}</span>
    </div>
  );
}

export function TopBar({ onSettings, onHelp }: { onSettings(): void; onHelp(): void }) {
  const t = useStrings(appStrings);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        <h1 className="brand-name">Parley</h1>
      </div>
      <ShopSwitcher />
      <SearchBox />
      <RelayDot />
      <IntakeDot />
      <MailImportButton />
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
