// @vitest-environment jsdom
/** Search snippets carry the match as «…»; the list shows it marked, and nothing else as markup. */
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { highlightSnippet } from './snippet';

describe('search snippets', () => {
  it('marks every «match» and keeps the text around it', () => {
    const { container } = render(<p>{highlightSnippet('…the «walnut» board, «Walnut» oil…')}</p>);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['walnut', 'Walnut']);
    expect(container.textContent).toBe('…the walnut board, Walnut oil…');
  });

  it('never turns snippet text into markup', () => {
    const { container } = render(<p>{highlightSnippet('<img src=x onerror=alert(1)> «hi»')}</p>);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
