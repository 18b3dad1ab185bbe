/**
 * Connecting a mailbox of the IMAP intake: server (host, port, security, or an imaps:// URL pasted into the server
 * field), login, password, folder; "Test connection", then "Connect". A certificate the server's name does not vouch
 * for shows its SHA-256 fingerprint and "Trust this certificate". The password goes to the backend once, with the
 * test or the connect, and is never read back. Settings and first run show this same form.
 */
import { useState } from 'react';
import { CONTRACT, type CallInput, type IntakeAccountView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { issueWords } from '../../ui/issue-words';
import { addIntake, testIntake } from './api';
import { TextField } from './fields';
import { intakeStrings } from './intake-strings';

type Security = 'tls' | 'starttls';
type Field = 'host' | 'port' | 'user' | 'password' | 'folder';
const DEFAULT_PORT: Record<Security, string> = { tls: '993', starttls: '143' };
// imaps://USER@HOST[:PORT]: the login may hold an @ of its own, so the host is what follows the last one.
const PASTED_URL = /^(imaps?):\/\/(.+)@([^@/:]+|\[[^\]]+\])(?::(\d+))?\/?$/i;

interface Values {
  host: string;
  port: string;
  security: Security;
  user: string;
  password: string;
  folder: string;
}

type Outcome =
  | { kind: 'ok'; messages: number; idle: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'certificate'; reason: string; fingerprint: string };

export function IntakeForm({
  onConnected,
  onCancel,
}: {
  onConnected(account: IntakeAccountView): void;
  onCancel?(): void;
}) {
  const t = useStrings(intakeStrings);
  const [values, setValues] = useState<Values>({
    host: '',
    port: '993',
    security: 'tls',
    user: '',
    password: '',
    folder: 'INBOX',
  });
  const [trust, setTrust] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState<'test' | 'connect' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const set = (field: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setOutcome(null);
  };

  /** A pasted imaps:// URL fills host, port, security and login. */
  const readUrl = () => {
    const m = PASTED_URL.exec(values.host.trim());
    if (!m) return;
    const security: Security = m[1].toLowerCase() === 'imaps' ? 'tls' : 'starttls';
    setValues((v) => ({ ...v, security, host: m[3], port: m[4] ?? DEFAULT_PORT[security], user: m[2] }));
  };

  const chooseSecurity = (security: Security) =>
    setValues((v) => ({
      ...v,
      security,
      // The port follows the security while it is still the other one's default.
      port: v.port === DEFAULT_PORT[v.security] || !v.port ? DEFAULT_PORT[security] : v.port,
    }));

  const input = (trustFingerprint = trust): CallInput<'intake.add'> => {
    const scheme = values.security === 'tls' ? 'imaps' : 'imap';
    const port = values.port.trim() ? `:${values.port.trim()}` : '';
    return {
      url: `${scheme}://${values.user.trim()}@${values.host.trim()}${port}`,
      folder: values.folder.trim() || 'INBOX',
      password: values.password,
      ...(trustFingerprint ? { trustFingerprint } : {}),
    };
  };

  /** The contract's own schema, its issues next to the fields they concern. */
  const check = (candidate: CallInput<'intake.add'>): boolean => {
    const found: Partial<Record<Field, string>> = {};
    if (!values.host.trim()) found.host = t('issue.required');
    if (!values.user.trim()) found.user = t('issue.required');
    if (values.port.trim() && !/^\d{1,5}$/.test(values.port.trim())) found.port = t('issue.format', { example: '993' });
    const parsed = CONTRACT['intake.add'].input.safeParse(candidate);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field: Field = issue.path[0] === 'url' ? 'host' : (issue.path[0] as Field);
        found[field] ??= issueWords(issue, t);
      }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const explain = (error: unknown): Outcome => {
    const f = failure(error);
    if (f.key === 'intake.certificate' && f.params?.fingerprint)
      return { kind: 'certificate', reason: String(f.params.reason ?? ''), fingerprint: String(f.params.fingerprint) };
    return { kind: 'failed', message: f.message };
  };

  const runTest = async (trustFingerprint = trust) => {
    const candidate = input(trustFingerprint);
    if (!check(candidate)) return;
    setBusy('test');
    setOutcome(null);
    try {
      const r = await testIntake(candidate);
      setOutcome({ kind: 'ok', messages: r.messages, idle: r.idleSupported });
    } catch (error) {
      setOutcome(explain(error));
    } finally {
      setBusy(null);
    }
  };

  const trustAndTest = (fingerprint: string) => {
    setTrust(fingerprint);
    void runTest(fingerprint);
  };

  const connect = async () => {
    const candidate = input();
    if (!check(candidate)) return;
    setBusy('connect');
    try {
      const account = await addIntake(candidate);
      setValues((v) => ({ ...v, password: '' }));
      onConnected(account);
    } catch (error) {
      setOutcome(explain(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="intake-form"
      aria-label={t('formTitle')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
    >
      <div className="intake-form-server">
        <div className="intake-form-host" onBlur={readUrl}>
          <TextField
            label={t('host')}
            value={values.host}
            placeholder="imap.example.com"
            onChange={set('host')}
            error={errors.host}
          />
        </div>
        <div className="field intake-form-security">
          <label htmlFor="intake-security">{t('security')}</label>
          <select
            id="intake-security"
            value={values.security}
            onChange={(e) => chooseSecurity(e.target.value as Security)}
          >
            <option value="tls">{t('security.tls')}</option>
            <option value="starttls">{t('security.starttls')}</option>
          </select>
        </div>
        <div className="intake-form-port">
          <TextField label={t('port')} value={values.port} onChange={set('port')} error={errors.port} />
        </div>
      </div>
      <div className="intake-form-login">
        <TextField
          label={t('user')}
          value={values.user}
          autoComplete="username"
          onChange={set('user')}
          error={errors.user}
        />
        <TextField
          label={t('password')}
          type="password"
          value={values.password}
          autoComplete="new-password"
          onChange={set('password')}
          error={errors.password}
          help={t('passwordHelp')}
        />
        <TextField label={t('folder')} value={values.folder} onChange={set('folder')} error={errors.folder} />
      </div>
      {trust && (
        <div className="intake-trust muted" data-testid="intake-trusted">
          {t('trusting')}
          <Fingerprint value={trust} />
          <Button size="small" variant="ghost" onClick={() => setTrust(null)}>
            {t('untrust')}
          </Button>
        </div>
      )}
      {outcome?.kind === 'certificate' && (
        <div className="notice notice-warning intake-certificate" role="alert" data-testid="intake-certificate">
          <p>{t('certificate', { reason: outcome.reason })}</p>
          <Fingerprint value={outcome.fingerprint} />
          <Button size="small" onClick={() => trustAndTest(outcome.fingerprint)}>
            {t('trust')}
          </Button>
        </div>
      )}
      {outcome?.kind === 'ok' && (
        <p role="status" className="settings-ok" data-testid="intake-test-result">
          {t('testOk', { folder: values.folder.trim() || 'INBOX', messages: outcome.messages })}{' '}
          {outcome.idle ? t('testIdle') : t('testNoIdle')}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="settings-error" data-testid="intake-test-result">
          {t('testFailed', { message: outcome.message })}
        </p>
      )}
      <div className="settings-test">
        <Button disabled={busy !== null} onClick={() => void runTest()}>
          {busy === 'test' ? t('testing') : t('test')}
        </Button>
        <Button type="submit" variant="primary" disabled={busy !== null}>
          {busy === 'connect' ? t('connecting') : t('connect')}
        </Button>
        {onCancel && (
          <Button variant="ghost" disabled={busy !== null} onClick={onCancel}>
            {t('cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

/** A SHA-256 fingerprint that wraps between its pairs, never inside one. */
export function Fingerprint({ value }: { value: string }) {
  return (
    <code className="intake-fingerprint">
      {value.split(':').map((pair, i) => (
        <span key={i}>
          {i > 0 && ':'}
          {i > 0 && <wbr />}
          {pair}
        </span>
      ))}
    </code>
  );
}
