/**
 * The middle pane for the Drafts filter: every unsent draft, newest first, by the buyer's name and the subject; a
 * click opens it in the composer exactly as it was left; Delete asks first. The shell passes the composer in
 * (`onOpen`, and `version`, which changes whenever the composer stores, sends or discards a draft).
 */
import { useEffect, useState } from 'react';
import { composeSubject } from '../../../../shared/vocabulary';
import type { DraftView } from '../../../../shared/contract';
import { useAppStatus } from '../../state/status-store';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { draftsStrings } from './strings';
import { useDrafts } from './store';
import './drafts.css';

function when(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

export interface DraftsListProps {
  /** Changes whenever the composer stores, sends or discards a draft: the list reads again. */
  version: number;
  onOpen(id: number): void;
}

export function DraftsList({ version, onOpen }: DraftsListProps) {
  const t = useStrings(draftsStrings);
  const drafts = useDrafts((s) => s.drafts);
  const loaded = useDrafts((s) => s.loaded);
  const error = useDrafts((s) => s.error);
  const deleteError = useDrafts((s) => s.deleteError);
  const load = useDrafts((s) => s.load);

  useEffect(() => {
    void load();
  }, [load, version]);

  return (
    <section className="drafts-list" aria-label={t('title')}>
      {error && (
        <p role="alert" className="drafts-error">
          {t('failed', { message: error })}{' '}
          <Button size="small" onClick={() => void load()}>
            {t('reload')}
          </Button>
        </p>
      )}
      {deleteError && (
        <p role="alert" className="drafts-error">
          {deleteError}
        </p>
      )}
      {!loaded && (
        <p role="status" className="drafts-muted">
          {t('loading')}
        </p>
      )}
      {loaded && !error && drafts.length === 0 && <p className="drafts-muted">{t('empty')}</p>}
      <ul className="drafts-rows">
        {drafts.map((d) => (
          <DraftRow key={d.id} draft={d} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

function DraftRow({ draft, onOpen }: { draft: DraftView; onOpen(id: number): void }) {
  const t = useStrings(draftsStrings);
  const language = useLanguage((s) => s.language);
  const [confirming, setConfirming] = useState(false);
  // The subject as it will be sent (topic, order, [Important]/[Wichtig] applied), as the composer shows it.
  const sellerLanguage = useAppStatus((s) => s.status?.seller?.language) ?? language;
  const composed = composeSubject({
    topic: draft.topic ?? undefined,
    subject: draft.subject,
    orderId: draft.orderId ?? undefined,
    important: draft.important,
    language: sellerLanguage,
  });
  const subject = composed || t('noSubject');
  const firstLine =
    draft.body
      .split('\n')
      .find((line) => line.trim() && !line.startsWith('>'))
      ?.trim() ?? '';
  // Who it is for, by name: the alias is the relay's address, not a way a seller knows a buyer.
  const buyer = draft.buyerName || (draft.conversationId !== null || draft.alias ? t('buyerUnnamed') : t('noBuyer'));
  const details = [
    draft.replyToMessageId !== null ? t('reply') : t('newMessage'),
    draft.orderId ? t('order', { order: draft.orderId }) : null,
    draft.attachments.length > 0 ? t('files', { count: draft.attachments.length }) : null,
    t('saved', { time: when(draft.updatedAt, language) }),
  ].filter(Boolean);

  return (
    <li className="drafts-row" data-testid="drafts-row" data-draft-id={draft.id}>
      <button
        type="button"
        className="drafts-open"
        aria-label={t('open', { buyer, subject })}
        onClick={() => onOpen(draft.id)}
      >
        <strong className="drafts-buyer" data-testid="drafts-buyer">
          {buyer}
        </strong>
        <span className="drafts-title">{subject}</span>
        {firstLine && <span className="drafts-line drafts-muted">{firstLine}</span>}
        <span className="drafts-muted">{details.join(' · ')}</span>
      </button>
      {confirming ? (
        <span role="group" aria-label={t('deleteConfirm')} className="drafts-actions">
          {t('deleteConfirm')}{' '}
          <Button
            variant="danger"
            size="small"
            onClick={() => {
              setConfirming(false);
              void useDrafts.getState().remove(draft.id);
            }}
          >
            {t('deleteYes')}
          </Button>
          <Button size="small" onClick={() => setConfirming(false)}>
            {t('deleteNo')}
          </Button>
        </span>
      ) : (
        <Button variant="ghost" size="small" icon="x" onClick={() => setConfirming(true)}>
          {t('delete')}
        </Button>
      )}
    </li>
  );
}
