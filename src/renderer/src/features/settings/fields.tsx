/**
 * The settings form's small building blocks: a labelled text field with its error beside it, a
 * write-only secret (set / change / remove, never shown), and the smarthost connection test.
 */
import { useId, useState, type ReactNode } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import type { Secret } from './form';
import { settingsStrings } from './strings';
import { failure } from '../../api/errors';
import { testSmarthost } from './api';

export function TextField(props: {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  error?: string;
  type?: string;
  placeholder?: string;
  help?: ReactNode;
  multiline?: boolean;
  autoComplete?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const described = [props.error ? errorId : '', props.help ? helpId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: props.value,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described,
    autoComplete: props.autoComplete ?? 'off',
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.help && (
        <span id={helpId} className="muted">
          {props.help}
        </span>
      )}
      {props.error && (
        <span id={errorId} className="settings-error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** Write-only: whether a secret is set, and the means to replace or remove it. */
export function SecretField(props: {
  label: string;
  isSet: boolean;
  secret: Secret;
  onChange(secret: Secret): void;
  error?: string;
  multiline?: boolean;
}) {
  const t = useStrings(settingsStrings);
  const { secret, onChange } = props;
  if (secret.mode === 'change') {
    return (
      <div>
        <TextField
          label={props.label}
          value={secret.value}
          type="password"
          multiline={props.multiline}
          autoComplete="new-password"
          onChange={(value) => onChange({ mode: 'change', value })}
          error={props.error}
          help={t('secretHelp')}
        />
        <Button size="small" onClick={() => onChange({ mode: 'keep', value: '' })}>
          {t('secretKeep')}
        </Button>
      </div>
    );
  }
  return (
    <div className="field">
      <span className="field-label">{props.label}</span>
      <span className="settings-secret">
        <span data-testid="secret-state">
          {secret.mode === 'remove' ? t('secretRemoved') : props.isSet ? t('secretSet') : t('secretNotSet')}
        </span>
        <Button size="small" onClick={() => onChange({ mode: 'change', value: '' })}>
          {props.isSet ? t('secretChange') : t('secretSetNew')}
        </Button>
        {props.isSet && secret.mode !== 'remove' && (
          <Button size="small" variant="ghost" onClick={() => onChange({ mode: 'remove', value: '' })}>
            {t('secretRemove')}
          </Button>
        )}
        {secret.mode === 'remove' && (
          <Button size="small" variant="ghost" onClick={() => onChange({ mode: 'keep', value: '' })}>
            {t('secretKeep')}
          </Button>
        )}
      </span>
      {props.error && (
        <span className="settings-error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

/**
 * smarthost.test with what is typed; the answer (greeting or error) in words. A certificate the seller may accept for
 * their own server (self-signed, another name, changed) gets "Trust this certificate": its fingerprint goes into the
 * form (`onTrust`) and the test runs again with it.
 */
export function SmarthostTest({
  url,
  user,
  password,
  fingerprint,
  onTrust,
}: {
  url: string;
  user: string;
  password?: string;
  /** The fingerprint the form trusts now ('' for none). */
  fingerprint: string;
  onTrust(fingerprint: string): void;
}) {
  const t = useStrings(settingsStrings);
  const [state, setState] = useState<{ busy: boolean; ok?: boolean; message?: string; trust?: string }>({
    busy: false,
  });
  const run = async (trusted: string) => {
    setState({ busy: true });
    try {
      const result = await testSmarthost({
        url: url.trim(),
        user: user.trim() || undefined,
        password: password || undefined,
        fingerprint: trusted || null,
      });
      const trust = !result.ok && result.trustable ? result.fingerprint : undefined;
      setState({ busy: false, ok: result.ok, message: result.message, trust });
    } catch (error) {
      setState({ busy: false, ok: false, message: failure(error).message });
    }
  };
  const trust = (value: string) => {
    onTrust(value);
    void run(value);
  };
  return (
    <div className="settings-test">
      <Button size="small" disabled={state.busy || !url.trim()} onClick={() => void run(fingerprint)}>
        {state.busy ? t('testing') : t('testConnection')}
      </Button>
      {state.message !== undefined && (
        <span role="status" className={state.ok ? 'settings-ok' : 'settings-error'} data-testid="smarthost-test-result">
          {state.ok ? t('testOk', { message: state.message }) : t('testFailed', { message: state.message })}
        </span>
      )}
      {state.trust && (
        <span className="settings-trust">
          <Button size="small" data-testid="smarthost-trust" onClick={() => trust(state.trust!)}>
            {t('smarthostTrust')}
          </Button>
          <span className="muted">{t('smarthostTrustHelp')}</span>
        </span>
      )}
      {fingerprint && (
        <span className="settings-trusted" data-testid="smarthost-trusted">
          {t('smarthostTrusted', { fingerprint })}{' '}
          <Button size="small" variant="ghost" onClick={() => onTrust('')}>
            {t('smarthostUntrust')}
          </Button>
        </span>
      )}
    </div>
  );
}
