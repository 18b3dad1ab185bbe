/**
 * Received HTML shown in `<iframe sandbox="" srcdoc>`: no allow-scripts, no allow-same-origin,
 * its own CSP (sanitize.ts). Remote content stays blocked behind a bar until the seller allows
 * it, for this frame only.
 *
 * Height: a frame without scripts and without same-origin cannot be measured from outside, and
 * giving it either permission is out of the question. So the height is estimated from the text
 * (lines × line height, clamped), the frame scrolls inside, the seller can drag its lower edge
 * (CSS resize) or expand it to most of the window with one click.
 *
 * Links: with `onLink`, a click on a link loads a `.invalid` address the page's CSP refuses (sanitize.ts linkSink);
 * the refusal names the link, the frame is shown afresh (Chromium leaves an error page in it) and `onLink` asks the
 * seller. The frame itself still runs no script and opens nothing.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { frameStrings } from '../strings';
import { linkSinkIndex, sanitizeHtml } from './sanitize';

const LINE_PX = 21; // the frame's 14px/1.5 text
const CHARS_PER_LINE = 90; // a reading-width line in the conversation pane
const MIN_PX = 140;
const MAX_PX = 560;

export function estimateFrameHeight(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / CHARS_PER_LINE)), 0);
  return Math.min(MAX_PX, Math.max(MIN_PX, lines * LINE_PX + 40));
}

export interface SafeHtmlFrameProps {
  html: string;
  /** Accessible name of the frame, e.g. "Message from Anna". */
  title: string;
  /** Plain text of the same content, for the height estimate. */
  text: string;
  inline?: ReadonlyMap<string, string>;
  /** false for content that never has remote parts worth showing (a converted .docx). */
  remoteAllowed?: boolean;
  /** Shown instead of the frame when the HTML has nothing left to see (a frameset-only document, say). */
  fallback?: ReactNode;
  /** A link in the frame was clicked: its href and visible text. Without it links cannot leave the frame at all. */
  onLink?(link: { href: string; text: string }): void;
}

let sinks = 0;

/** A name for this frame's links, unique in the page and not guessable by the mail. */
function newSink(): string {
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  return `parley-link-${(sinks++).toString(36)}-${random[0].toString(36)}${random[1].toString(36)}`;
}

export function SafeHtmlFrame({
  html,
  title,
  text,
  inline,
  remoteAllowed = true,
  fallback,
  onLink,
}: SafeHtmlFrameProps) {
  const t = useStrings(frameStrings);
  const [allowRemote, setAllowRemote] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [sink] = useState(() => (onLink ? newSink() : undefined));
  const [frameKey, setFrameKey] = useState(0);
  const doc = useMemo(
    () => sanitizeHtml(html, { allowRemote, inline, linkSink: sink }),
    [html, allowRemote, inline, sink],
  );
  const latest = useRef({ links: doc.links, onLink });
  latest.current = { links: doc.links, onLink };
  useEffect(() => {
    if (!sink) return;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      const n = linkSinkIndex(event.blockedURI, sink);
      const link = n === null ? undefined : latest.current.links[n];
      if (!link) return;
      setFrameKey((k) => k + 1);
      latest.current.onLink?.(link);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, [sink]);
  const height = expanded ? '75vh' : `${estimateFrameHeight(text)}px`;
  if (doc.empty && fallback !== undefined) return <>{fallback}</>;

  return (
    <div className="html-frame">
      {doc.blockedRemote > 0 && remoteAllowed && (
        <div className="notice notice-info remote-bar" data-testid="remote-content-bar">
          <Icon name="ban" />
          <span>{t('remoteBlocked', { count: doc.blockedRemote })}</span>
          <Button size="small" onClick={() => setAllowRemote(true)}>
            {t('showRemote')}
          </Button>
        </div>
      )}
      <div className="html-frame-box" style={{ height }}>
        <iframe
          key={frameKey}
          sandbox=""
          srcDoc={doc.srcdoc}
          title={title}
          referrerPolicy="no-referrer"
          data-testid="html-frame"
        />
      </div>
      <Button variant="ghost" size="small" className="html-frame-toggle" onClick={() => setExpanded(!expanded)}>
        {expanded ? t('collapse') : t('expand')}
      </Button>
    </div>
  );
}
