/**
 * Settings → Saved replies and signatures: the shop's templates (a flagged one shows the policy's R11 warning, given at
 * save time and kept in the list), a form to add or edit one, and a signature per language.
 */
import { useEffect, useState } from 'react';
import { TEMPLATE_VARIABLES, type TemplateView } from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';
import { RULE_TEXT } from '../../../../shared/rules';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { templateWarningWords } from '../../state/policy-words';
import { Button } from '../../ui/Button';
import { getSignature, listTemplates, removeTemplate, saveTemplate, setSignature } from './api';
import { TextField } from './fields';
import { templateStrings } from './template-strings';
import './templates.css';

interface Editing {
  id?: number;
  name: string;
  language: Language;
  subject: string;
  body: string;
  error?: string;
}

export function TemplatesSection({ shopLanguage }: { shopLanguage: Language }) {
  const t = useStrings(templateStrings);
  const [templates, setTemplates] = useState<TemplateView[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<{ text: string; flagged?: TemplateView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signatures, setSignatures] = useState<Record<Language, string>>({ de: '', en: '' });
  const [busy, setBusy] = useState(false);

  const load = () =>
    listTemplates()
      .then(setTemplates)
      .catch((e) => setError(failure(e).message));
  useEffect(() => {
    void load();
    Promise.all([getSignature({ language: 'de' }), getSignature({ language: 'en' })])
      .then(([de, en]) => setSignatures({ de: de.body, en: en.body }))
      .catch((e) => setError(failure(e).message));
  }, []);

  const save = async () => {
    if (!editing) return;
    if (!editing.name.trim()) return setEditing({ ...editing, error: t('needName') });
    if (!editing.body.trim()) return setEditing({ ...editing, error: t('needBody') });
    setBusy(true);
    try {
      const { error: _, ...input } = editing;
      const saved = await saveTemplate(input);
      setEditing(null);
      setNotice(saved.warning ? { text: t('savedFlagged'), flagged: saved } : { text: t('saved') });
      await load();
    } catch (e) {
      setEditing({ ...editing, error: t('saveFailed', { message: failure(e).message }) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    try {
      await removeTemplate({ id });
      setNotice(null);
      await load();
    } catch (e) {
      setError(failure(e).message);
    }
  };

  const saveSignatures = async () => {
    setBusy(true);
    try {
      await Promise.all(
        (['de', 'en'] as const).map((language) => setSignature({ language, body: signatures[language] })),
      );
      setNotice({ text: t('saved') });
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };

  const vars = TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ');
  return (
    <section aria-labelledby="settings-templates" className="settings-templates" data-testid="templates">
      <h3 id="settings-templates">{t('title')}</h3>
      <p className="muted">{t('intro', { vars })}</p>
      {error && (
        <p className="settings-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <div role="status" data-testid="template-notice">
          <p>{notice.text}</p>
          {notice.flagged && <TemplateWarningNote template={notice.flagged} testId="template-warning" />}
        </div>
      )}
      <ul data-testid="template-list">
        {(templates ?? []).map((tpl) => (
          <li key={tpl.id} className="settings-template">
            <strong>{tpl.name}</strong>
            <span className="template-lang">{tpl.language.toUpperCase()}</span>
            {tpl.warning && (
              <span className="template-flag" data-testid="template-flag">
                {t('flagged')}
              </span>
            )}
            <span className="settings-template-actions">
              <Button
                size="small"
                onClick={() =>
                  setEditing({
                    id: tpl.id,
                    name: tpl.name,
                    language: tpl.language,
                    subject: tpl.subject,
                    body: tpl.body,
                  })
                }
              >
                {t('edit')}
              </Button>
              <Button size="small" variant="danger" onClick={() => void remove(tpl.id)}>
                {t('remove')}
              </Button>
            </span>
            {tpl.warning && <TemplateWarningNote template={tpl} />}
          </li>
        ))}
      </ul>
      {editing ? (
        <div className="settings-template-form" data-testid="template-form">
          <TextField label={t('name')} value={editing.name} onChange={(name) => setEditing({ ...editing, name })} />
          <div className="field">
            <label htmlFor="template-language">{t('language')}</label>
            <select
              id="template-language"
              value={editing.language}
              onChange={(e) => setEditing({ ...editing, language: e.target.value as Language })}
            >
              <option value="de">{t('german')}</option>
              <option value="en">{t('english')}</option>
            </select>
          </div>
          <TextField
            label={t('subject')}
            value={editing.subject}
            onChange={(subject) => setEditing({ ...editing, subject })}
          />
          <TextField
            label={t('body')}
            multiline
            value={editing.body}
            onChange={(body) => setEditing({ ...editing, body })}
            error={editing.error}
          />
          <div>
            <Button variant="primary" disabled={busy} onClick={() => void save()}>
              {t('save')}
            </Button>{' '}
            <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
          </div>
        </div>
      ) : (
        <div>
          <Button
            onClick={() => {
              setNotice(null);
              setEditing({ name: '', language: shopLanguage, subject: '', body: '' });
            }}
          >
            {t('add')}
          </Button>
        </div>
      )}
      <h4>{t('signatures')}</h4>
      <p className="muted">{t('signatureHelp')}</p>
      <TextField
        label={t('signatureDe')}
        multiline
        value={signatures.de}
        onChange={(de) => setSignatures({ ...signatures, de })}
      />
      <TextField
        label={t('signatureEn')}
        multiline
        value={signatures.en}
        onChange={(en) => setSignatures({ ...signatures, en })}
      />
      <div>
        <Button disabled={busy} onClick={() => void saveSignatures()}>
          {t('saveSignatures')}
        </Button>
      </div>
    </section>
  );
}

/** A flagged reply's warning in the UI language, words first; R11 and R12 with their text behind "Why?". */
function TemplateWarningNote({ template, testId }: { template: TemplateView; testId?: string }) {
  const t = useStrings(templateStrings);
  const ui = useLanguage((s) => s.language);
  if (!template.warning) return null;
  return (
    <div className="template-warning" data-testid={testId}>
      <p>{templateWarningWords(template.warning, template.language, ui)}</p>
      <details data-testid="template-warning-why">
        <summary>{t('why')}</summary>
        <ul>
          {template.warning.rules.map((rule) => (
            <li key={rule}>
              <span className="rule-id">{rule}</span> {RULE_TEXT[rule][ui]}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
