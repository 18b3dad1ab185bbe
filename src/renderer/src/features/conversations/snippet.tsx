/** Search snippets mark the match as «…» (contract); we show it as <mark>. */
import type { ReactNode } from 'react';

export function highlightSnippet(snippet: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const re = /«([^»]*)»/g;
  let last = 0;
  let key = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push(snippet.slice(last, m.index));
    parts.push(<mark key={key++}>{m[1]}</mark>);
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push(snippet.slice(last));
  return parts;
}
