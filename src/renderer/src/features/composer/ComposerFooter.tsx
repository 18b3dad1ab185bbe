/**
 * The composer's last line: why a send did not go (the text stays), the draft's save state
 * ("Draft saved 12:03", or the failure and the next retry), Discard with a confirmation, Send
 * (which asks first when the live check says R11 would hold the message: ConfirmSend).
 */
import { useState } from 'react';
import { useLanguage, useStrings } from '../../i18n';
import { reasonWords } from '../../state/policy-words';
import { Button } from '../../ui/Button';
import { composerStrings } from './strings';
import { useComposer, type SaveStatus, type SendError } from './store';

const KNOWN_ERRORS = [
  'EPOLICY',
  'ECONFIRM',
  'EQUOTA',
  'ENORECIPIENT',
  'ENOSUBJECT',
  'ENOBODY',
  'EFILESPENDING',
] as const;

export function ComposerFooter() {
  const t = useStrings(composerStrings);
  const sending = useComposer((s) => s.sending);
  const sendError = useComposer((s) => s.sendError);
  const send = useComposer((s) => s.send);
  const discard = useComposer((s) => s.discard);
  // R11: the live check says Send will ask first.
  const asks = useComposer((s) => s.dryRun.result?.decision.verdict === 'hold');
  const [confirming, setConfirming] = useState(false);
  const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

  return (
    <footer className="composer-footer">
      {sendError && <SendErrorLine error={sendError} />}
      <div className="composer-actions">
        <SaveLine />
        {confirming ? (
          <span role="group" aria-label={t('discardConfirm')} className="composer-confirm">
            {t('discardConfirm')}{' '}
            <Button variant="danger" size="small" onClick={() => void discard()}>
              {t('discardYes')}
            </Button>
            <Button size="small" onClick={() => setConfirming(false)}>
              {t('discardNo')}
            </Button>
          </span>
        ) : (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            {t('discard')}
          </Button>
        )}
        <span className="composer-muted composer-shortcut">
          {isMac ? t('sendShortcut').replace(/Ctrl|Strg/, '⌘') : t('sendShortcut')}
        </span>
        <Button
          variant="primary"
          icon="send"
          disabled={sending}
          onClick={() => void send()}
          aria-haspopup={asks ? 'dialog' : undefined}
          data-testid="composer-send"
        >
          {sending ? t('sending') : t('send')}
        </Button>
      </div>
    </footer>
  );
}

/** The app's policy refusals: their own message repeats "Not sent: …" with the reasons in the shop's language. */
const REFUSAL_KEYS = ['send.refused', 'send.confirm'];

/**
 * Why a send did not go, said once: the code's headline ("Not sent: the policy refused this message …"), then for a
 * policy refusal the reasons of the check that runs again after it, worded by code in the UI language (the backend's
 * own reasons are the shop's language or the rule's text).
 */
function SendErrorLine({ error }: { error: SendError }) {
  const t = useStrings(composerStrings);
  const language = useLanguage((s) => s.language);
  const result = useComposer((s) => s.dryRun.result);
  const sellerLanguage = useComposer((s) => s.sellerLanguage);
  const refusal = error.key !== undefined && REFUSAL_KEYS.includes(error.key);
  const code = (KNOWN_ERRORS as readonly string[]).includes(error.code) ? error.code : refusal ? 'EPOLICY' : null;
  const decision = result?.decision;
  const reasons =
    refusal && decision && decision.verdict !== 'deliver' ? decision.reasons.filter((r) => r.rule !== 'R15') : [];
  const ctx = {
    language,
    buyer: result?.buyerName ?? null,
    tense: 'before' as const,
    sellerLanguage: decision?.category.language ?? sellerLanguage,
    category: decision?.category,
  };
  return (
    <div className="composer-error" role="alert" data-testid="send-error">
      <strong>{code ? t(`error.${code}` as 'error.EPOLICY') : t('error.other', { message: error.message })}</strong>
      {reasons.map((r) => (
        <div key={`${r.rule}.${r.code}`} data-testid="send-error-reason">
          {reasonWords(r, ctx)}
        </div>
      ))}
      {code && !refusal && error.message && <div>{error.message}</div>}
    </div>
  );
}

function time(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString(language === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

function SaveLine() {
  const t = useStrings(composerStrings);
  const language = useLanguage((s) => s.language);
  const save: SaveStatus = useComposer((s) => s.save);
  const saveNow = useComposer((s) => s.saveNow);
  let text = '';
  if (save.state === 'saving') text = t('draftSaving');
  else if (save.state === 'failed')
    text = t('draftFailed', { error: save.error ?? '', seconds: Math.round((save.retryInMs ?? 0) / 1000) });
  else if (save.at) text = t('draftSaved', { time: time(save.at, language) });
  return (
    <p
      className={save.state === 'failed' ? 'composer-save composer-error' : 'composer-save composer-muted'}
      role="status"
      data-testid="save-status"
    >
      {text}
      {save.state === 'failed' && (
        <Button size="small" onClick={() => void saveNow()}>
          {t('draftRetry')}
        </Button>
      )}
    </p>
  );
}
