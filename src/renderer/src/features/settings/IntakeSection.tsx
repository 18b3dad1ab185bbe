/**
 * Settings → Mailbox (IMAP): the mailboxes the intake reads buyer mail from, each with its state in words (live from
 * 'intake.status'), "Check now" and remove; the form to connect another; and the messages held in the mailbox's
 * Parley/Held folder (subject, recipient, reason; never the sender, R5).
 */
import { useEffect, useState } from 'react';
import type { HeldIntakeView, IntakeAccountView, IntakeStatus } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { useAppStatus } from '../../state/status-store';
import { Button } from '../../ui/Button';
import { fileSize, fullTime, timeAgo } from '../../ui/format';
import { intakeProblem, intakeStateText, intakeTone, intakeWords } from '../../ui/intake-words';
import { useNow } from '../../ui/use-now';
import { checkIntake, heldIntake, intakeStatuses, listIntake, removeIntake } from './api';
import { Fingerprint, IntakeForm } from './IntakeForm';
import { intakeStrings } from './intake-strings';

export function IntakeSection() {
  const t = useStrings(intakeStrings);
  const language = useLanguage((s) => s.language);
  const [accounts, setAccounts] = useState<IntakeAccountView[] | null>(null);
  const [held, setHeld] = useState<HeldIntakeView[]>([]);
  const [fetched, setFetched] = useState<IntakeStatus[]>([]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Pushed as each mailbox changes state ('intake.status'); what the dialog fetched until the app's status has them.
  const live = useAppStatus((s) => s.status?.intake);
  const statuses = live ?? fetched;

  useEffect(() => {
    let on = true;
    Promise.all([listIntake(), intakeStatuses(), heldIntake()])
      .then(([list, states, heldList]) => {
        if (!on) return;
        setAccounts(list);
        setFetched(states);
        setHeld(heldList);
      })
      .catch((e) => on && setError(failure(e).message));
    return () => {
      on = false;
    };
  }, []);

  const connected = (account: IntakeAccountView) => {
    setAccounts((list) => [...(list ?? []).filter((a) => a.id !== account.id), account]);
    setAdding(false);
  };

  const removed = async (id: number) => {
    setError(null);
    try {
      setAccounts(await removeIntake({ id }));
      useAppStatus.getState().dropIntake(id);
    } catch (e) {
      setError(failure(e).message);
    }
  };

  return (
    <section aria-labelledby="settings-intake" className="settings-intake" data-testid="intake">
      <h3 id="settings-intake">{t('title')}</h3>
      <p className="muted">{t('help')}</p>
      {error && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      {accounts && accounts.length === 0 && !adding && <p className="muted">{t('none')}</p>}
      {accounts && accounts.length > 0 && (
        <ul className="intake-accounts">
          {accounts.map((a) => (
            <Mailbox
              key={a.id}
              account={a}
              status={statuses.find((s) => s.accountId === a.id)}
              onCheck={() => void checkIntake({ id: a.id }).catch((e) => setError(failure(e).message))}
              onRemove={() => void removed(a.id)}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <IntakeForm onConnected={connected} onCancel={() => setAdding(false)} />
      ) : (
        accounts && (
          <Button size="small" onClick={() => setAdding(true)}>
            {t('add')}
          </Button>
        )
      )}
      <h4 className="intake-held-title">{t('held')}</h4>
      <p className="muted">{t('heldHelp')}</p>
      {held.length === 0 ? (
        <p className="muted">{t('heldNone')}</p>
      ) : (
        <table className="settings-postmaster" data-testid="intake-held">
          <thead>
            <tr>
              <th scope="col">{t('heldAt')}</th>
              <th scope="col">{t('heldSubject')}</th>
              <th scope="col">{t('heldRecipient')}</th>
              <th scope="col">{t('heldReason')}</th>
            </tr>
          </thead>
          <tbody>
            {held.map((h) => (
              <tr key={h.id}>
                <td>{fullTime(h.heldAt, language)}</td>
                <td>
                  {h.subject || t('noSubject')} <span className="muted">({fileSize(h.size, language)})</span>
                </td>
                <td>{h.recipient ?? t('noRecipient')}</td>
                <td>{intakeProblem(h.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Mailbox({
  account,
  status,
  onCheck,
  onRemove,
}: {
  account: IntakeAccountView;
  status: IntakeStatus | undefined;
  onCheck(): void;
  onRemove(): void;
}) {
  const t = useStrings(intakeStrings);
  const w = useStrings(intakeWords);
  const language = useLanguage((s) => s.language);
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const tone = status ? intakeTone(status) : 'busy';
  return (
    <li className="intake-account" data-testid="intake-account">
      <div className="intake-account-name">
        <strong>
          {account.user}@{account.host}:{account.port} · {account.folder}
        </strong>{' '}
        <span className="muted">{account.secure ? t('tls') : t('starttls')}</span>
      </div>
      <p
        role="status"
        className={tone === 'error' ? 'settings-error' : tone === 'ok' ? 'settings-ok' : 'muted'}
        data-testid="intake-state"
        data-state={status?.state ?? 'connecting'}
      >
        {status ? intakeStateText(status, w, now, language) : w('connecting')}
      </p>
      {status && (
        <p className="muted intake-account-detail">
          {status.lastCheckAt ? w('lastCheck', { ago: timeAgo(status.lastCheckAt, now, language) }) : w('notChecked')}
          {' · '}
          {w('counts', { recorded: status.recorded, held: status.held })}
        </p>
      )}
      {account.trustFingerprint && (
        <div className="muted">
          {t('trusted')}
          <Fingerprint value={account.trustFingerprint} />
        </div>
      )}
      {confirming ? (
        <div className="settings-test" role="group">
          <span>{t('removeConfirm')}</span>
          <Button size="small" variant="danger" onClick={onRemove}>
            {t('removeYes')}
          </Button>
          <Button size="small" onClick={() => setConfirming(false)}>
            {t('removeNo')}
          </Button>
        </div>
      ) : (
        <div className="settings-test">
          <Button size="small" onClick={onCheck}>
            {t('checkNow')}
          </Button>
          <Button size="small" variant="ghost" onClick={() => setConfirming(true)}>
            {t('remove')}
          </Button>
        </div>
      )}
    </li>
  );
}
