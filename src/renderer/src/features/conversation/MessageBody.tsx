/**
 * A message's body: plain text as pre-wrapped text at once; when the message has HTML, the
 * received HTML is fetched (message.body), its cid: images are fetched as data: URLs from the
 * inline parts, and it is shown in the sandboxed frame (ui/html-frame). Until then, and if the
 * fetch fails, the text stands in — the seller never stares at an empty box. So it does when the HTML has nothing
 * left to show once sanitized (a frameset-only document): the text alternative instead of an empty frame.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { MessageView } from '../../../../shared/contract';
import { onApiChange } from '../../state/backend';
import { useStrings } from '../../i18n';
import { convStrings } from './strings';
import { failure } from '../../api/errors';
import { getAttachment, getMessageBody } from './api';
import { linkify, type MessageLink } from './links';

// The sanitizer (DOMPurify) loads with the first HTML mail, not with the inbox.
const SafeHtmlFrame = lazy(() =>
  import('../../ui/html-frame/SafeHtmlFrame').then((m) => ({ default: m.SafeHtmlFrame })),
);

interface Html {
  html: string;
  inline: Map<string, string>;
}

const CACHE_SIZE = 40; // bodies kept for quick re-opening; HTML mails can be large
const cache = new Map<number, Html>();
onApiChange(() => forgetBodies());

/** Drops the kept bodies (another backend was installed). */
export function forgetBodies(): void {
  cache.clear();
}

async function fetchHtml(message: MessageView): Promise<Html | null> {
  const hit = cache.get(message.id);
  if (hit) return hit;
  const body = await getMessageBody({ id: message.id });
  if (body.html === null) return null;
  const inline = new Map<string, string>();
  const parts = message.attachments.filter(
    (a) => a.contentId && !a.removed && /^image\//i.test(a.declaredType || `image/${a.sniffedType}`),
  );
  await Promise.all(
    parts.map(async (a) => {
      try {
        const content = await getAttachment({ messageId: message.id, attachmentId: a.id });
        if (/^image\/(png|jpeg|gif|bmp|webp)$/i.test(content.contentType)) {
          inline.set(
            a.contentId!.replace(/^<|>$/g, '').toLowerCase(),
            `data:${content.contentType};base64,${content.dataBase64.replace(/\s/g, '')}`,
          );
        }
      } catch {
        // an inline image that cannot be read stays blank; the message itself still shows
      }
    }),
  );
  const html = { html: body.html, inline };
  cache.set(message.id, html);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return html;
}

/** Plain text with its web and mailto addresses as links that ask first (`onLink`); without it, text only. */
function TextWithLinks({ text, onLink }: { text: string; onLink?(link: MessageLink): void }) {
  if (!onLink) return <>{text}</>;
  return (
    <>
      {linkify(text).map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a
            key={i}
            href={part.href}
            title={part.href}
            rel="noopener noreferrer"
            onClick={(event) => {
              event.preventDefault();
              onLink(part);
            }}
          >
            {part.text}
          </a>
        ),
      )}
    </>
  );
}

export function MessageBody({ message, onLink }: { message: MessageView; onLink?(link: MessageLink): void }) {
  const t = useStrings(convStrings);
  const [html, setHtml] = useState<Html | null>(() => cache.get(message.id) ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!message.hasHtml || cache.has(message.id)) return;
    let live = true;
    fetchHtml(message)
      .then((h) => live && setHtml(h))
      .catch((e) => live && setError(failure(e).message));
    return () => {
      live = false;
    };
    // Keyed by id: a reload of the conversation hands a new but equal message object.
  }, [message.id, message.hasHtml]);

  const text = (pending: boolean) => (
    <div className="message-body">
      {message.hasHtml && error && <p className="notice notice-warning">{t('bodyFailed', { message: error })}</p>}
      <div
        className={`message-text${pending ? ' message-text-pending' : ''}`}
        data-testid="message-text"
        data-content="user"
      >
        <TextWithLinks text={message.text} onLink={onLink} />
      </div>
    </div>
  );
  if (message.hasHtml && html) {
    return (
      <Suspense fallback={text(true)}>
        <SafeHtmlFrame
          html={html.html}
          inline={html.inline}
          text={message.text}
          title={t('messageFrame', { from: message.fromLabel })}
          fallback={text(false)}
          onLink={onLink}
        />
      </Suspense>
    );
  }
  return text(message.hasHtml && !error);
}
