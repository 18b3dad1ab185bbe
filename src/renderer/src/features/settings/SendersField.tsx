/**
 * Authorized senders (R7): the addresses besides the customer-service address that may write to
 * buyers. Adding and removing take effect at once (senders.add / senders.remove), not on Save.
 */
import { useState } from 'react';
import { CONTRACT } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { settingsStrings } from './strings';
import { TextField } from './fields';
import { issueWords } from '../../ui/issue-words';
import { failure } from '../../api/errors';
import { addSender, removeSender } from './api';

export function SendersField({ initial }: { initial: string[] }) {
  const t = useStrings(settingsStrings);
  const [senders, setSenders] = useState(initial);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const change = async (call: 'senders.add' | 'senders.remove', email: string) => {
    const parsed = CONTRACT[call].input.safeParse({ email });
    if (!parsed.success) return setError(issueWords(parsed.error.issues[0], t));
    setBusy(true);
    setError(undefined);
    try {
      setSenders(await (call === 'senders.add' ? addSender : removeSender)(parsed.data));
      if (call === 'senders.add') setDraft('');
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset>
      <legend>{t('senders')}</legend>
      <p className="muted">{t('sendersHelp')}</p>
      {senders.length === 0 ? (
        <p className="muted">{t('sendersNone')}</p>
      ) : (
        <ul className="settings-senders" aria-label={t('senders')}>
          {senders.map((email) => (
            <li key={email}>
              <span>{email}</span>
              <Button
                size="small"
                variant="ghost"
                icon="x"
                disabled={busy}
                aria-label={t('senderRemove', { email })}
                onClick={() => void change('senders.remove', email)}
              />
            </li>
          ))}
        </ul>
      )}
      <form
        className="settings-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void change('senders.add', draft);
        }}
      >
        <TextField label={t('senderNew')} type="email" value={draft} onChange={setDraft} error={error} />
        <Button type="submit" disabled={busy || !draft.trim()}>
          {t('senderAdd')}
        </Button>
      </form>
    </fieldset>
  );
}
