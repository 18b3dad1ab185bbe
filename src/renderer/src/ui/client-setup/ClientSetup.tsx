/**
 * What a mail program needs to send through the relay's submission port as the shop: server, port, security and user
 * name, each copyable, and the password only when it was just made (a reset, the end of first run): shown once, then
 * gone with the component.
 */
import { useState } from 'react';
import type { MailClientSetup } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../Button';
import { clientSetupStrings } from './strings';
import './client-setup.css';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard permission: the text is selectable
  }
}

function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const t = useStrings(clientSetupStrings);
  const [copied, setCopied] = useState(false);
  return (
    <Button
      data-testid={testId}
      onClick={() =>
        void copyText(text).then((ok) => {
          if (!ok) return;
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      {copied ? t('copied') : label}
    </Button>
  );
}

export function ClientSetup({ setup, password }: { setup: MailClientSetup; password?: string | null }) {
  const t = useStrings(clientSetupStrings);
  const rows: [string, string, string][] = [
    ['host', t('host'), setup.host],
    ['port', t('port'), String(setup.port)],
    ['security', t('security'), t(`security.${setup.security}`)],
    ['user', t('user'), setup.user],
  ];
  const all = [...rows, ...(password ? [['password', t('password'), password] as [string, string, string]] : [])]
    .map(([, label, value]) => `${label}: ${value}`)
    .join('\n');
  return (
    <div className="client-setup" data-testid="client-setup">
      <p className="muted">{t('intro')}</p>
      <dl>
        {rows.map(([key, label, value]) => (
          <div key={key} className="client-setup-row">
            <dt>{label}</dt>
            <dd>
              <code data-testid={`client-setup-${key}`}>{value}</code>
            </dd>
          </div>
        ))}
        <div className="client-setup-row">
          <dt>{t('password')}</dt>
          <dd>
            {password ? (
              <>
                <code data-testid="client-setup-password">{password}</code>{' '}
                <CopyButton text={password} label={t('copy')} testId="client-setup-copy-password" />
              </>
            ) : (
              <span className="muted">{t('passwordHidden')}</span>
            )}
          </dd>
        </div>
      </dl>
      {password && (
        <p className="notice notice-warning" role="status">
          {t('passwordOnce')}
        </p>
      )}
      <CopyButton text={all} label={t('copyAll')} testId="client-setup-copy" />
    </div>
  );
}
