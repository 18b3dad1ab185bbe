/**
 * The composer's attachments (R15): a picker button, the accepted files with name, size and type
 * and a remove button each, the files being checked, and one error line per refused file with
 * its name, the reason in words and the rule.
 */
import { useRef } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { addFiles, dismissRefused, removeAttachment } from './attach';
import type { RefusedFile } from './files';
import { composerStrings } from './strings';
import { useComposer } from './store';

export function formatBytes(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function AttachmentArea() {
  const t = useStrings(composerStrings);
  const attachments = useComposer((s) => s.form.attachments);
  const checking = useComposer((s) => s.checkingFiles);
  const refused = useComposer((s) => s.refused);
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="composer-attachments">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void addFiles(files);
        }}
      />
      <Button icon="paperclip" size="small" onClick={() => input.current?.click()}>
        {t('attach')}
      </Button>
      {attachments.length > 0 && (
        <ul aria-label={t('attachments')} className="composer-files">
          {attachments.map((a) => (
            <li key={a.sha256}>
              <Icon name="file" />
              <span className="composer-file-name">{a.name}</span>
              <span className="composer-muted">
                {formatBytes(a.size)} · {a.type}
              </span>
              <Button
                variant="ghost"
                size="small"
                icon="x"
                aria-label={t('removeFile', { name: a.name })}
                onClick={() => removeAttachment(a.sha256)}
              />
            </li>
          ))}
        </ul>
      )}
      {checking.map((name, i) => (
        <p key={`${name}-${i}`} className="composer-muted" role="status">
          {t('checkingFile', { name })}
        </p>
      ))}
      {refused.map((r) => (
        <RefusedLine key={r.key} refused={r} />
      ))}
    </div>
  );
}

function RefusedLine({ refused }: { refused: RefusedFile }) {
  const t = useStrings(composerStrings);
  const known = ['too-large', 'type-not-allowed', 'content-mismatch', 'too-many', 'unreadable', 'check-failed'];
  // The backend's own words win (they name what the content really is); ours cover the rest.
  const words =
    refused.reason ??
    (known.includes(refused.problem) ? t(`problem.${refused.problem}` as 'problem.too-large') : refused.problem);
  return (
    <p className="composer-refused" role="alert">
      <Icon name="ban" />
      <span>
        {t('refusedLine', { name: refused.name, reason: words })}
        {refused.rule ? ` (${refused.rule})` : ''}
      </span>
      <Button variant="ghost" size="small" onClick={() => dismissRefused(refused.key)}>
        {t('dismiss')}
      </Button>
    </p>
  );
}
