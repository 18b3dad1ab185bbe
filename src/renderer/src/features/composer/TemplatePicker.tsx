/**
 * The composer's saved replies: Ctrl+Shift+E (or the button) opens a filterable list, ↑/↓ choose, Enter inserts the
 * template filled for this conversation at the caret. Variables nothing fills stay in the text, and the composer names
 * them (TemplateGaps) until the seller dismisses the note.
 */
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import type { TemplateView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { templateWarningWords } from '../../state/policy-words';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { fillTemplate, listTemplates } from './api';
import { useComposer } from './store';
import { templateStrings } from './template-strings';
import { filterTemplates, insertAt, useTemplatePicker } from './templates';
import './templates.css';

export function TemplatePicker({ textarea }: { textarea: RefObject<HTMLTextAreaElement | null> }) {
  const t = useStrings(templateStrings);
  const ui = useLanguage((s) => s.language);
  const open = useTemplatePicker((s) => s.open);
  const hide = useTemplatePicker((s) => s.hide);
  const sellerLanguage = useComposer((s) => s.sellerLanguage);
  const [templates, setTemplates] = useState<TemplateView[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let on = true;
    setQuery('');
    setActive(0);
    setError(null);
    listTemplates({ conversationId: useComposer.getState().form.conversationId })
      .then((list) => on && setTemplates(list))
      .catch((e) => on && setError(t('failed', { message: failure(e).message })));
    return () => {
      on = false;
    };
  }, [open]);

  const shown = filterTemplates(templates ?? [], query, sellerLanguage);
  const current = shown[Math.min(active, shown.length - 1)];

  const insert = async (template: TemplateView) => {
    const { form, mode, update } = useComposer.getState();
    try {
      const filled = await fillTemplate({
        id: template.id,
        conversationId: form.conversationId,
        alias: form.conversationId === undefined ? form.alias : undefined,
        orderId: form.orderId,
      });
      const node = textarea.current;
      const caret = node ? node.selectionStart : 0;
      const next = insertAt(useComposer.getState().form.body, caret, filled.body);
      update({
        body: next.body,
        ...(mode === 'new' && !form.subject.trim() && filled.subject ? { subject: filled.subject } : {}),
      });
      useTemplatePicker.getState().setMissing(filled.missing);
      hide();
      requestAnimationFrame(() => {
        node?.focus();
        node?.setSelectionRange(next.caret, next.caret);
      });
    } catch (e) {
      setError(t('fillFailed', { message: failure(e).message }));
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (shown.length === 0 ? 0 : (Math.min(i, shown.length - 1) + step + shown.length) % shown.length));
    } else if (e.key === 'Enter') {
      // Inside the composer (a portal still bubbles through React): Enter here inserts, it never sends.
      e.preventDefault();
      e.stopPropagation();
      if (current) void insert(current);
    }
  };

  return (
    <Dialog open={open} onClose={hide} title={t('pickerTitle')} size="normal" testId="template-picker">
      <div className="template-picker" onKeyDown={onKeyDown}>
        <input
          type="search"
          data-autofocus
          aria-label={t('filter')}
          placeholder={t('filterPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          aria-controls="template-picker-list"
          aria-activedescendant={current ? `template-option-${current.id}` : undefined}
        />
        {error && (
          <p className="settings-error" role="alert">
            {error}
          </p>
        )}
        {templates === null && !error ? (
          <p className="muted" role="status">
            {t('loading')}
          </p>
        ) : templates !== null && templates.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : shown.length === 0 ? (
          <p className="muted">{t('noMatch')}</p>
        ) : (
          <ul id="template-picker-list" role="listbox" aria-label={t('pickerTitle')} className="template-options">
            {shown.map((tpl) => (
              <li
                key={tpl.id}
                id={`template-option-${tpl.id}`}
                role="option"
                aria-selected={tpl === current}
                className={tpl === current ? 'template-option active' : 'template-option'}
                onMouseEnter={() => setActive(shown.indexOf(tpl))}
                onClick={() => void insert(tpl)}
              >
                <span className="template-option-name">{tpl.name}</span>
                <span className="template-lang">{tpl.language.toUpperCase()}</span>
                {tpl.warning && (
                  <span
                    className="template-flag"
                    data-testid="template-option-flag"
                    title={templateWarningWords(tpl.warning, tpl.language, ui)}
                  >
                    {t('flagged')}
                  </span>
                )}
                <span className="template-option-text muted">{tpl.body.slice(0, 140)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}

/** The variables the last insertion could not fill, named under the composer's text. */
export function TemplateGaps() {
  const t = useStrings(templateStrings);
  const missing = useTemplatePicker((s) => s.missing);
  const body = useComposer((s) => s.form.body);
  // Gone once the seller replaced them all.
  const left = missing.filter((name) => body.includes(`{${name}}`));
  if (left.length === 0) return null;
  return (
    <p className="template-gaps" role="status" data-testid="template-gaps">
      {t('gaps', { names: left.map((n) => `{${n}}`).join(', ') })}{' '}
      <Button variant="ghost" size="small" onClick={() => useTemplatePicker.getState().setMissing([])}>
        {t('dismiss')}
      </Button>
    </p>
  );
}

/** The composer's button for the picker, with its keystroke in the tooltip. */
export function TemplateButton() {
  const t = useStrings(templateStrings);
  return (
    <Button
      variant="ghost"
      size="small"
      title={`${t('pickerButton')} (${t('pickerHint')})`}
      onClick={() => useTemplatePicker.getState().show()}
      data-testid="template-button"
    >
      {t('pickerButton')}
    </Button>
  );
}
