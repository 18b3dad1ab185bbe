/**
 * "Set up my shop": name, customer-service address, relay domain, language and the smarthost
 * with a "Test connection" button. Checked with the contract's own schema before setup.shop.
 */
import { useId, useState } from 'react';
import { CONTRACT, type AppStatus, type CallInput } from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { issueWords } from '../../ui/issue-words';
import { firstRunStrings } from './strings';
import { failure } from '../../api/errors';
import { setupShop, testSmarthost } from './api';

type ShopInput = CallInput<'setup.shop'>;
type Field = 'name' | 'email' | 'domain' | 'smarthost' | 'smarthostUser' | 'smarthostPassword';

function Input({
  field,
  label,
  value,
  onChange,
  error,
  type = 'text',
  placeholder,
}: {
  field: Field;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  type?: string;
  placeholder?: string;
}) {
  const id = `${useId()}-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={`${id}-error`} className="first-run-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function ShopForm({
  defaultDomain,
  onCreated,
  onBack,
}: {
  defaultDomain?: string;
  onCreated(status: AppStatus): void;
  onBack(): void;
}) {
  const t = useStrings(firstRunStrings);
  const uiLanguage = useLanguage((s) => s.language);
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    email: '',
    domain: '',
    smarthost: '',
    smarthostUser: '',
    smarthostPassword: '',
  });
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [errors, setErrors] = useState<Partial<Record<Field | '', string>>>({});
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<{ busy: boolean; ok?: boolean; message?: string; trust?: string }>({
    busy: false,
  });
  // "Trust this certificate" (a self-hosted smarthost's self-signed one), for the smarthost it was shown for.
  const [trusted, setTrusted] = useState('');
  const set = (field: Field) => (value: string) => {
    if (field === 'smarthost') setTrusted('');
    setValues((v) => ({ ...v, [field]: value }));
  };

  const input = (): ShopInput => {
    const out: ShopInput = { name: values.name, email: values.email, language };
    for (const f of ['domain', 'smarthost', 'smarthostUser', 'smarthostPassword'] as const)
      if (values[f].trim()) out[f] = values[f].trim();
    if (trusted && out.smarthost) out.smarthostFingerprint = trusted;
    return out;
  };

  const submit = async () => {
    const parsed = CONTRACT['setup.shop'].input.safeParse(input());
    if (!parsed.success) {
      const found: Partial<Record<Field | '', string>> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? '') as Field] ??= issueWords(issue, t);
      return setErrors(found);
    }
    setErrors({});
    setBusy(true);
    try {
      onCreated(await setupShop(input()));
    } catch (error) {
      setErrors({ '': failure(error).message });
      setBusy(false);
    }
  };

  const runTest = async (fingerprint = trusted) => {
    setTest({ busy: true });
    try {
      const r = await testSmarthost({
        url: values.smarthost.trim(),
        user: values.smarthostUser.trim() || undefined,
        password: values.smarthostPassword || undefined,
        fingerprint: fingerprint || undefined,
      });
      setTest({ busy: false, ok: r.ok, message: r.message, trust: !r.ok && r.trustable ? r.fingerprint : undefined });
    } catch (error) {
      setTest({ busy: false, ok: false, message: failure(error).message });
    }
  };

  return (
    <form
      className="first-run-form"
      aria-label={t('shopTitle')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Input field="name" label={t('name')} value={values.name} onChange={set('name')} error={errors.name} />
      <Input
        field="email"
        type="email"
        label={t('email')}
        value={values.email}
        onChange={set('email')}
        error={errors.email}
      />
      <Input
        field="domain"
        label={t('domain')}
        value={values.domain}
        onChange={set('domain')}
        error={errors.domain}
        placeholder={defaultDomain}
      />
      <div className="field">
        <label htmlFor="first-run-language">{t('marketplaceLanguage')}</label>
        <select id="first-run-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="de">{t('language.de')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
      </div>
      <Input
        field="smarthost"
        label={t('smarthost')}
        value={values.smarthost}
        onChange={set('smarthost')}
        error={errors.smarthost}
        placeholder="smtp://mail.example.com:587"
      />
      <Input
        field="smarthostUser"
        label={t('smarthostUser')}
        value={values.smarthostUser}
        onChange={set('smarthostUser')}
        error={errors.smarthostUser}
      />
      <Input
        field="smarthostPassword"
        type="password"
        label={t('smarthostPassword')}
        value={values.smarthostPassword}
        onChange={set('smarthostPassword')}
        error={errors.smarthostPassword}
      />
      <div className="first-run-row">
        <Button disabled={test.busy || !values.smarthost.trim()} onClick={() => void runTest()}>
          {test.busy ? t('testing') : t('test')}
        </Button>
        {test.message !== undefined && (
          <span
            role="status"
            data-testid="smarthost-test-result"
            className={test.ok ? 'first-run-ok' : 'first-run-error'}
          >
            {test.ok ? t('testOk', { message: test.message }) : t('testFailed', { message: test.message })}
          </span>
        )}
        {test.trust && (
          <Button
            data-testid="smarthost-trust"
            onClick={() => {
              setTrusted(test.trust!);
              void runTest(test.trust);
            }}
          >
            {t('trust')}
          </Button>
        )}
        {trusted && <span data-testid="smarthost-trusted">{t('trusted', { fingerprint: trusted })}</span>}
      </div>
      {errors[''] && (
        <p role="alert" className="first-run-error">
          {t('failed', { message: errors[''] })}
        </p>
      )}
      <div className="first-run-row">
        <Button onClick={onBack}>{t('back')}</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('creating') : t('create')}
        </Button>
      </div>
    </form>
  );
}
