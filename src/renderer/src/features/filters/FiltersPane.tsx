/**
 * The left pane: the filters of the inbox in the contract's order, each with its count.
 * 'response-needed' is preselected (R20). Counts arrive with 'counts.changed' (app/events.ts).
 */
import { FILTERS } from '../../../../shared/vocabulary';
import type { Filter } from '../../../../shared/contract';
import { useInbox } from '../../state/inbox-store';
import { useView, type View } from '../../state/view-store';
import { useStrings } from '../../i18n';
import { Icon, type IconName } from '../../ui/Icon';
import { filterStrings } from './strings';

const ICONS: Record<Filter, IconName> = {
  'response-needed': 'reply',
  all: 'inbox',
  sent: 'send',
  undeliverable: 'alert',
  reported: 'flag',
  'no-response': 'check',
  drafts: 'compose',
  outbox: 'outbox',
};

/** The seller's overviews below the filters: they take the middle and right panes. */
const VIEWS: { view: Exclude<View, 'inbox'>; icon: IconName }[] = [
  { view: 'orders', icon: 'file' },
  { view: 'performance', icon: 'chart' },
];

/** Filters whose count is of items, not conversations. */
const ITEM_FILTERS: readonly Filter[] = ['drafts', 'outbox'];

export function FiltersPane() {
  const t = useStrings(filterStrings);
  const filter = useInbox((s) => s.filter);
  const counts = useInbox((s) => s.counts);
  const setFilter = useInbox((s) => s.setFilter);
  const view = useView((s) => s.view);
  const show = useView((s) => s.show);

  return (
    <nav aria-label={t('pane')} className="pane pane-filters">
      <ul className="filter-list">
        {FILTERS.map((f) => {
          const count = counts?.[f];
          const active = view === 'inbox' && f === filter;
          const countText =
            count === undefined ? '' : t(ITEM_FILTERS.includes(f) ? 'countLabelItems' : 'countLabel', { count });
          return (
            <li key={f} data-testid={`folder-${f}`}>
              <button
                type="button"
                className={`filter${active ? ' filter-active' : ''}${f === 'response-needed' && count ? ' filter-urgent' : ''}`}
                aria-pressed={active}
                aria-current={active ? 'true' : undefined}
                aria-label={countText ? `${t(f)}, ${countText}` : t(f)}
                title={t(f)}
                data-testid={`filter-${f}`}
                onClick={() => {
                  show('inbox');
                  setFilter(f);
                }}
              >
                <Icon name={ICONS[f]} />
                <span className="filter-name">{t(f)}</span>
                {count !== undefined && (
                  <span className="filter-count" data-testid={`count-${f}`} aria-hidden="true">
                    {count.toLocaleString()}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <ul className="filter-list nav-views">
        {VIEWS.map(({ view: v, icon }) => (
          <li key={v}>
            <button
              type="button"
              className={`filter${view === v ? ' filter-active' : ''}`}
              aria-current={view === v ? 'page' : undefined}
              title={t(v)}
              data-testid={`nav-${v}`}
              onClick={() => show(v)}
            >
              <Icon name={icon} />
              <span className="filter-name">{t(v)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
