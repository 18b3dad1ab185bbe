/**
 * Who is locked out of the submission port after too many wrong passwords (relay/auth-limits.ts): a remote address
 * or a login, how many failures, until when. Shown in Settings under the relay status, only while there is one.
 */
import type { AuthLockoutView } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { fullTime } from '../../ui/format';
import { settingsStrings } from './strings';

export function AuthLockouts({ lockouts }: { lockouts: readonly AuthLockoutView[] | undefined }) {
  const t = useStrings(settingsStrings);
  const language = useLanguage((s) => s.language);
  if (!lockouts || lockouts.length === 0) return null;
  return (
    <div className="field" data-testid="auth-lockouts">
      <span className="field-label">{t('lockouts')}</span>
      <ul className="settings-lockouts">
        {lockouts.map((l) => (
          <li key={`${l.kind}:${l.key}`}>
            {t(l.kind === 'address' ? 'lockoutAddress' : l.key ? 'lockoutLogin' : 'lockoutOtherLogin', {
              key: l.key,
              failures: l.failures,
              until: fullTime(l.until, language),
            })}
          </li>
        ))}
      </ul>
      <p className="muted">{t('lockoutsHelp')}</p>
    </div>
  );
}
