/**
 * The conversation pane with no conversation chosen: a hint where to start, or the composer when it is open. Small and
 * in the first bundle: the pane shows it before the conversation view's code has loaded, and the view itself after.
 */
import type { ReactNode } from 'react';
import { useStrings } from '../../i18n';
import { convStrings } from './strings';

export function NothingSelected({ composerOpen, composer }: { composerOpen: boolean; composer: ReactNode }) {
  const t = useStrings(convStrings);
  return (
    <>
      {!composerOpen && (
        <div className="empty conv-empty">
          <p>{t('nothingSelected')}</p>
          <p className="small">{t('hint')}</p>
        </div>
      )}
      {composer}
    </>
  );
}
