/**
 * Spell checking of the message body in a browser over the bridge (the desktop app has Chromium's own, with its
 * context menu). Misspelled words get a wavy underline drawn by a see-through copy of the text laid over the
 * textarea, and are listed under it; a right click on one, or a click in the list, shows the suggestions, and a
 * suggestion replaces the word. German and English are both accepted.
 */
import { createPortal } from 'react-dom';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useLanguage, useStrings } from '../../i18n';
import { useComposer } from './store';
import { workerChecker, type SpellChecker } from './spell-checker';
import { spellStrings } from './spell-strings';
import { wordAt, wordsOf, type WordAt } from './spell-words';
import './spelling.css';

const CHECK_DELAY_MS = 400; // after the last keystroke
const MIRRORED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'lineHeight',
  'letterSpacing',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'boxSizing',
  'tabSize',
] as const;

interface Popover {
  word: WordAt;
  x: number;
  y: number;
  suggestions: string[] | null;
}

/** Only where Chromium's own checker is not at hand: in the desktop app the main process does it (context-menu.ts). */
export function SpellCheck(props: { textarea: RefObject<HTMLTextAreaElement | null>; checker?: SpellChecker }) {
  if (window.parley) return null;
  // A page without workers (a test's DOM) gets no checking unless handed a checker.
  if (!props.checker && typeof Worker === 'undefined') return null;
  return <BridgeSpellCheck {...props} />;
}

function BridgeSpellCheck({
  textarea,
  checker: given,
}: {
  textarea: RefObject<HTMLTextAreaElement | null>;
  checker?: SpellChecker;
}) {
  const t = useStrings(spellStrings);
  const body = useComposer((s) => s.form.body);
  const checker = useMemo(() => given ?? workerChecker(() => useLanguage.getState().language), [given]);
  const [misspelled, setMisspelled] = useState<ReadonlySet<string>>(new Set());
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [popover, setPopover] = useState<Popover | null>(null);
  const [box, setBox] = useState<Record<string, string | number>>({});
  const [scroll, setScroll] = useState(0);
  const mirror = useRef<HTMLDivElement>(null);

  const words = useMemo(() => wordsOf(body), [body]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      checker
        .misspelled([...new Set(words.map((w) => w.word))])
        .then((found) => live && (setMisspelled(new Set(found)), setError(null)))
        .catch((err: Error) => live && setError(err.message));
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [words, checker]);

  // The mirror sits exactly over the textarea, with its font and padding, and scrolls with it.
  useLayoutEffect(() => {
    const area = textarea.current;
    if (!area) return;
    const place = () => {
      const style = getComputedStyle(area);
      const next: Record<string, string | number> = {
        top: area.offsetTop,
        left: area.offsetLeft,
        width: area.offsetWidth,
        height: area.offsetHeight,
      };
      for (const key of MIRRORED) next[key] = style[key];
      setBox(next);
    };
    place();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(place);
    observer?.observe(area);
    const onScroll = () => setScroll(area.scrollTop);
    area.addEventListener('scroll', onScroll);
    return () => {
      observer?.disconnect();
      area.removeEventListener('scroll', onScroll);
    };
  }, [textarea]);

  const wrong = (w: WordAt) => misspelled.has(w.word) && !ignored.has(w.word);
  const open = (word: WordAt, x: number, y: number) => {
    setPopover({ word, x, y, suggestions: null });
    checker
      .suggest(word.word)
      .then((suggestions) => setPopover((p) => (p && p.word.start === word.start ? { ...p, suggestions } : p)))
      .catch(() => setPopover((p) => (p ? { ...p, suggestions: [] } : p)));
  };

  // A right click on a misspelled word shows its suggestions instead of the browser's menu.
  useEffect(() => {
    const area = textarea.current;
    if (!area) return;
    const onContextMenu = (event: MouseEvent) => {
      const word = wordAt(area.value, area.selectionStart);
      if (!word || !wrong(word)) return;
      event.preventDefault();
      open(word, event.clientX, event.clientY);
    };
    area.addEventListener('contextmenu', onContextMenu);
    return () => area.removeEventListener('contextmenu', onContextMenu);
  });

  useEffect(() => {
    if (!popover) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setPopover(null);
    const onDown = (e: MouseEvent) => !(e.target as HTMLElement).closest?.('.spell-popover') && setPopover(null);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [popover]);

  const replace = (word: WordAt, suggestion: string) => {
    const { form, update } = useComposer.getState();
    const current = form.body;
    // The word may have moved since the menu opened: find it again near where it was.
    const at = current.slice(word.start, word.end) === word.word ? word.start : current.indexOf(word.word);
    if (at >= 0) update({ body: current.slice(0, at) + suggestion + current.slice(at + word.word.length) });
    setPopover(null);
    textarea.current?.focus();
  };

  const wrongWords = words.filter(wrong);
  const listed = [...new Map(wrongWords.map((w) => [w.word, w])).values()].slice(0, 12);
  const parts: ReactNode[] = [];
  let last = 0;
  for (const w of wrongWords) {
    parts.push(body.slice(last, w.start));
    parts.push(
      <mark key={w.start} className="spell-wrong" data-word={w.word}>
        {body.slice(w.start, w.end)}
      </mark>,
    );
    last = w.end;
  }
  parts.push(body.slice(last) + '\n');

  return (
    <>
      <div className="spell-mirror" aria-hidden="true" ref={mirror} style={box}>
        <div style={{ transform: `translateY(${-scroll}px)` }}>{parts}</div>
      </div>
      {error && <p className="spell-bar muted small">{t('failed', { message: error })}</p>}
      {listed.length > 0 && (
        <div className="spell-bar" data-testid="spelling-bar">
          <span className="muted small">{t('misspelled')}</span>
          {listed.map((w) => (
            <button
              key={w.word}
              type="button"
              className="spell-chip"
              data-testid="misspelled-word"
              onClick={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                open(w, r.left, r.bottom);
              }}
            >
              {w.word}
            </button>
          ))}
        </div>
      )}
      {popover &&
        createPortal(
          <div
            className="spell-popover"
            role="menu"
            aria-label={t('suggestionsFor', { word: popover.word.word })}
            data-testid="spelling-suggestions"
            style={{
              left: Math.max(4, Math.min(popover.x, window.innerWidth - 220)),
              top: Math.max(4, Math.min(popover.y, window.innerHeight - 260)),
            }}
          >
            <div className="spell-popover-title small muted">{t('suggestionsFor', { word: popover.word.word })}</div>
            {popover.suggestions === null && <div className="small muted">{t('loading')}</div>}
            {popover.suggestions?.length === 0 && <div className="small muted">{t('none')}</div>}
            {popover.suggestions?.map((s) => (
              <button key={s} type="button" role="menuitem" onClick={() => replace(popover.word, s)}>
                {s}
              </button>
            ))}
            <button
              type="button"
              role="menuitem"
              className="spell-ignore"
              onClick={() => {
                setIgnored(new Set([...ignored, popover.word.word]));
                setPopover(null);
              }}
            >
              {t('ignore')}
            </button>
          </div>,
          document.body,
        )}
    </>
  );
}
