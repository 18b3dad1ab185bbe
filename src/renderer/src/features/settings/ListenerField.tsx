/**
 * A relay listener's address in Settings. Given on the command line (`parley serve --smtp …`, `npm start -- …`) it is
 * what runs and is shown as set there, not editable: saving other settings leaves it alone. Otherwise the stored
 * address is edited, and where the relay runs on another port (port 0 picks a free one) that port is said beside it.
 */
import { useId } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { TextField } from './fields';
import { listenerStrings } from './listener-strings';
import './listener-field.css';

export function ListenerField({
  which,
  label,
  status,
  value,
  onChange,
  error,
}: {
  which: 'smtp' | 'submission';
  label: string;
  status: AppStatus;
  value: string;
  onChange(value: string): void;
  error?: string;
}) {
  const t = useStrings(listenerStrings);
  const id = useId();
  const fromCommandLine = status.relay.commandLine?.[which] ?? null;
  const running = status.relayStatus.running ? status.relayStatus[which] : null;
  if (fromCommandLine) {
    return (
      <div className="field listener-fixed" data-testid={`listener-${which}`}>
        <label htmlFor={id}>{label}</label>
        <input id={id} value={running ?? fromCommandLine} readOnly aria-describedby={`${id}-help`} />
        <span id={`${id}-help`} className="muted" data-testid={`listener-${which}-command-line`}>
          {t('commandLine', { flag: `--${which}`, address: fromCommandLine })}
        </span>
      </div>
    );
  }
  return (
    <div data-testid={`listener-${which}`}>
      <TextField
        label={label}
        value={value}
        onChange={onChange}
        error={error}
        help={running && running !== value ? t('runningOn', { address: running }) : undefined}
      />
    </div>
  );
}
