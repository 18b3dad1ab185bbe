/** The search field of the top bar; `/` focuses it (app/keyboard.ts), Esc clears it. */
import { useStrings } from '../../i18n';
import { Icon } from '../../ui/Icon';
import { searchStrings } from './strings';
import { useSearch } from './store';

export const SEARCH_INPUT_ID = 'search-box';

export function SearchBox() {
  const t = useStrings(searchStrings);
  const query = useSearch((s) => s.query);
  const setQuery = useSearch((s) => s.setQuery);
  const clear = useSearch((s) => s.clear);

  return (
    <div className="search" role="search">
      <Icon name="search" className="search-icon" />
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        {t('label')}
      </label>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        data-testid="search-box"
        placeholder={t('placeholder')}
        value={query}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            clear();
            e.currentTarget.blur();
          }
        }}
      />
      {query && (
        <button
          type="button"
          className="btn btn-ghost btn-small btn-icon search-clear"
          aria-label={t('clear')}
          onClick={clear}
        >
          <Icon name="x" />
        </button>
      )}
    </div>
  );
}
