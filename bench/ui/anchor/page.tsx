/**
 * bench/ui's anchor page: the least a React inbox does before it is interactive. React 19 renders 24 rows of a
 * conversation list (the row markup the probe looks for: data-testid, data-id, aria-selected) from data in the
 * bundle, and `j` moves the selection. No backend, no styles beyond a few inline ones, one font face and size per line.
 * Measured with the same probe, browser and context set-up as the inbox, in the same run (anchor.ts).
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

const ROWS = Array.from({ length: 24 }, (_, i) => ({
  id: i + 1,
  buyer: `Buyer ${i + 1}`,
  time: `12:${String(i).padStart(2, '0')}`,
  last: `The last message of conversation ${i + 1}, about order 302-${1000000 + i}`,
}));

function List() {
  const [selected, setSelected] = useState(-1);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'j') setSelected((s) => Math.min(s + 1, ROWS.length - 1));
    };
    document.body.addEventListener('keydown', onKey);
    return () => document.body.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section aria-label="Conversations">
      {ROWS.map((row, i) => (
        <div
          key={row.id}
          data-testid="conversation-row"
          data-id={row.id}
          aria-selected={i === selected}
          style={{ height: 78, borderBottom: '1px solid #ddd', background: i === selected ? '#e8f0fe' : undefined }}
        >
          <b>{row.buyer}</b> <span>{row.time}</span>
          <div>{row.last}</div>
        </div>
      ))}
    </section>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<List />);
