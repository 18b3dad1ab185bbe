/**
 * Settings → Postmaster: mail to postmaster@ the relay domain (RFC 5321), which the relay keeps and never forwards.
 * A list (date, envelope sender, subject, size) and one message at a time as plain text: its header and its text, in
 * a text node, never as HTML.
 */
import { useEffect, useState } from 'react';
import type { PostmasterMailView, PostmasterMessage } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { fileSize, fullTime } from '../../ui/format';
import { listPostmaster, readPostmaster } from './api';
import { settingsStrings } from './strings';

export function PostmasterSection({ domain }: { domain: string }) {
  const t = useStrings(settingsStrings);
  const language = useLanguage((s) => s.language);
  const [mail, setMail] = useState<PostmasterMailView[] | null>(null);
  const [open, setOpen] = useState<PostmasterMessage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listPostmaster()
      .then((list) => live && setMail(list))
      .catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
    };
  }, []);

  const show = (id: number) => {
    setError(null);
    readPostmaster({ id })
      .then(setOpen)
      .catch((e) => setError(failure(e).message));
  };

  return (
    <section aria-labelledby="settings-postmaster" data-testid="postmaster">
      <h3 id="settings-postmaster">{t('postmaster')}</h3>
      <p className="muted">{t('postmasterHelp', { address: `postmaster@${domain}` })}</p>
      {error && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      {mail && mail.length === 0 && <p className="muted">{t('postmasterNone')}</p>}
      {mail && mail.length > 0 && (
        <table className="settings-postmaster">
          <thead>
            <tr>
              <th scope="col">{t('postmasterDate')}</th>
              <th scope="col">{t('postmasterSender')}</th>
              <th scope="col">{t('postmasterSubject')}</th>
              <th scope="col">{t('postmasterSize')}</th>
            </tr>
          </thead>
          <tbody>
            {mail.map((m) => (
              <tr key={m.id}>
                <td>{fullTime(m.receivedAt, language)}</td>
                <td>{m.envelopeFrom || t('postmasterNullSender')}</td>
                <td>
                  <Button variant="ghost" size="small" onClick={() => show(m.id)}>
                    {m.subject || t('postmasterNoSubject')}
                  </Button>
                </td>
                <td>{fileSize(m.size, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <div className="settings-postmaster-message" data-testid="postmaster-message">
          <div className="settings-inline">
            <strong>{open.subject || t('postmasterNoSubject')}</strong>
            <Button onClick={() => setOpen(null)}>{t('postmasterClose')}</Button>
          </div>
          <pre>{`${open.headers}\n\n${open.text}`}</pre>
        </div>
      )}
    </section>
  );
}
