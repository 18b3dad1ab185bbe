/**
 * First run: a seller who opens Parley for the first time explores demo data or
 * sets up a shop, and then, optionally, says where buyer mail arrives: a mailbox the IMAP intake reads (the form the
 * shell passes in, Settings' own), or the relay's SMTP address. Either way the AppStatus that comes back is applied and
 * `onDone` hands over to the inbox.
 */
import { Suspense, useState, type ComponentType } from 'react';
import type { AppStatus, IntakeAccountView } from '../../../../shared/contract';
import { useAppStatus } from '../../state/status-store';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { ShopForm } from './ShopForm';
import { firstRunStrings } from './strings';
import './first-run.css';
import { failure } from '../../api/errors';
import { ClientSetup } from '../../ui/client-setup/ClientSetup';
import { resetPassword, setupDemo, updateSettings } from './api';

/** Connects a mailbox of the IMAP intake (Settings' form). */
export type MailboxForm = ComponentType<{ onConnected(account: IntakeAccountView): void }>;

export function FirstRun({ onDone, MailboxForm }: { onDone: () => void; MailboxForm?: MailboxForm }) {
  const t = useStrings(firstRunStrings);
  const language = useLanguage((s) => s.language);
  const setLanguage = useLanguage((s) => s.setLanguage);
  const defaultDomain = useAppStatus((s) => s.status?.relay.domain);
  const [choice, setChoice] = useState<'none' | 'shop' | 'mailbox' | 'client'>('none');
  const [created, setCreated] = useState<AppStatus | null>(null);
  // The new shop's submission password, shown once at the end; gone with this screen.
  const [password, setPassword] = useState<string | null>(null);
  const [demo, setDemo] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  // The language on this screen (the system's, or the one picked here) is stored: the inbox comes up in it too.
  const finish = async (status: AppStatus) => {
    let final = status;
    if (!status.ui.languageChosen || status.ui.language !== language) {
      final = await updateSettings({ ui: { language } }).catch(() => status);
    }
    useAppStatus.getState().applyStatus(final);
    onDone();
  };

  /** The end of setting up a shop: its mail-program login with a password made now and shown this once. */
  const showClient = async (status: AppStatus) => {
    if (!status.mailClient) return finish(status);
    try {
      setPassword((await resetPassword()).password);
      setChoice('client');
    } catch {
      await finish(status); // Settings → Mail program resets it later
    }
  };

  const startDemo = async () => {
    setDemo({ busy: true, error: null });
    try {
      await finish(await setupDemo({}));
    } catch (error) {
      setDemo({ busy: false, error: failure(error).message });
    }
  };

  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <header className="first-run-header">
        <h1 id="first-run-title">{t('welcome')}</h1>
        <label className="first-run-language">
          {t('language')}{' '}
          <select
            value={language}
            data-testid="welcome-language"
            onChange={(e) => setLanguage(e.target.value as 'de' | 'en')}
          >
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <p>{t('intro')}</p>
      {choice === 'none' ? (
        <div className="first-run-choices">
          <section className="first-run-card" aria-labelledby="first-run-demo">
            <h2 id="first-run-demo">{t('demoTitle')}</h2>
            <p className="muted">{t('demoText')}</p>
            <Button variant="primary" disabled={demo.busy} aria-busy={demo.busy} onClick={() => void startDemo()}>
              {demo.busy && <span className="first-run-spinner" aria-hidden="true" />}
              {t('demoStart')}
            </Button>
            {demo.busy && (
              <p role="status" className="muted">
                {t('demoBusy')}
              </p>
            )}
            {demo.error && (
              <p role="alert" className="first-run-error">
                {t('demoFailed', { message: demo.error })}
              </p>
            )}
          </section>
          <section className="first-run-card" aria-labelledby="first-run-shop">
            <h2 id="first-run-shop">{t('shopTitle')}</h2>
            <p className="muted">{t('shopText')}</p>
            <Button disabled={demo.busy} onClick={() => setChoice('shop')}>
              {t('shopStart')}
            </Button>
          </section>
        </div>
      ) : choice === 'client' && created?.mailClient ? (
        <section className="first-run-card" aria-labelledby="first-run-client" data-testid="first-run-client">
          <h2 id="first-run-client">{t('clientTitle')}</h2>
          <p className="muted">{t('clientText')}</p>
          <ClientSetup setup={created.mailClient} password={password} />
          <Button variant="primary" data-testid="first-run-done" onClick={() => void finish(created)}>
            {t('clientDone')}
          </Button>
        </section>
      ) : choice === 'mailbox' && created && MailboxForm ? (
        <section className="first-run-card" aria-labelledby="first-run-mailbox" data-testid="first-run-mailbox">
          <h2 id="first-run-mailbox">{t('mailboxTitle')}</h2>
          <p className="muted">{t('mailboxText')}</p>
          <Suspense fallback={<p className="muted">…</p>}>
            <MailboxForm onConnected={() => void showClient(created)} />
          </Suspense>
          <div className="first-run-skip">
            <p className="muted">
              {t('mailboxSkipText', {
                address: created.seller?.relayAddress ?? '—',
                smtp: created.relayStatus.smtp ?? created.relay.smtp,
              })}
            </p>
            <Button onClick={() => void showClient(created)}>{t('mailboxSkip')}</Button>
          </div>
        </section>
      ) : (
        <section className="first-run-card" aria-labelledby="first-run-shop-form">
          <h2 id="first-run-shop-form">{t('shopTitle')}</h2>
          <ShopForm
            defaultDomain={defaultDomain}
            onCreated={(status) => {
              setCreated(status);
              if (!MailboxForm) return void showClient(status);
              setChoice('mailbox');
            }}
            onBack={() => setChoice('none')}
          />
        </section>
      )}
    </main>
  );
}
