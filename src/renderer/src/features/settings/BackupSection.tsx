/**
 * Settings → Backup: the folder (the desktop app's folder dialog, or a typed path over the browser bridge), the daily
 * schedule or off, "Back up now", and how the last backup went.
 */
import { useEffect, useState } from 'react';
import type { BackupView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { fullTime } from '../../ui/format';
import { chooseBackupFolder, getBackup, runBackup, setBackup } from './api';
import { backupStrings } from './backup-strings';
import { TextField } from './fields';

export function BackupSection() {
  const t = useStrings(backupStrings);
  const language = useLanguage((s) => s.language);
  const [view, setView] = useState<BackupView | null>(null);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const show = (v: BackupView) => {
    setView(v);
    setFolder(v.folder ?? '');
  };
  useEffect(() => {
    let live = true;
    getBackup()
      .then((v) => live && show(v))
      .catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
    };
  }, []);

  const act = async (work: () => Promise<BackupView>, done?: string) => {
    setError(null);
    setNote(null);
    setBusy(true);
    try {
      show(await work());
      if (done) setNote(done);
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };

  if (!view) return null;
  const last = view.last;
  return (
    <section aria-labelledby="settings-backup" data-testid="backup">
      <h3 id="settings-backup">{t('title')}</h3>
      <p className="muted">{t('intro')}</p>
      <TextField
        label={t('folder')}
        value={folder}
        placeholder={language === 'de' ? '/home/anna/Sicherungen' : '/home/anna/Backups'}
        help={t('folderHelp')}
        onChange={setFolder}
      />
      <div className="settings-inline">
        {view.canChooseFolder && (
          <Button onClick={() => void act(chooseBackupFolder)} disabled={busy}>
            {t('choose')}
          </Button>
        )}
        <Button
          onClick={() => void act(() => setBackup({ folder: folder.trim() || null }), t('saved'))}
          disabled={busy || folder === (view.folder ?? '')}
        >
          {t('saveFolder')}
        </Button>
      </div>
      <div className="field">
        <label htmlFor="settings-backup-schedule">{t('schedule')}</label>
        <div className="settings-inline">
          <select
            id="settings-backup-schedule"
            value={view.schedule}
            disabled={busy}
            onChange={(e) => void act(() => setBackup({ schedule: e.target.value as BackupView['schedule'] }))}
          >
            <option value="off">{t('off')}</option>
            <option value="daily">{t('daily')}</option>
          </select>
          <input
            type="time"
            aria-label={t('time')}
            value={view.time}
            disabled={busy || view.schedule === 'off'}
            onChange={(e) => e.target.value && void act(() => setBackup({ time: e.target.value }))}
          />
        </div>
      </div>
      <div className="settings-inline">
        <Button variant="primary" onClick={() => void act(runBackup)} disabled={busy || !view.folder}>
          {busy ? t('running') : t('now')}
        </Button>
      </div>
      <p data-testid="backup-last" className={last && !last.ok ? 'settings-error' : 'muted'}>
        {!last
          ? t('never')
          : last.ok
            ? t('lastOk', { time: fullTime(last.at, language), messages: last.messages ?? 0, dir: last.dir ?? '' })
            : t('lastFailed', { time: fullTime(last.at, language), message: last.error ?? '' })}
      </p>
      {note && <p className="muted">{note}</p>}
      {error && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
    </section>
  );
}
