// bench/ui's in-page probe: injected into the inbox page before its own scripts (Playwright
// addInitScript) and driven from bench/ui/measure.ts. It times in the page itself
// (performance.now(), relative to navigation start) so that the numbers hold the renderer's
// work and the bridge round trips, not Playwright's. "On screen" means: in the DOM and one
// frame painted after it. Plain browser JavaScript: it is never bundled or type-checked.
/* global window, document, performance, requestAnimationFrame, MutationObserver, MessageChannel, Event, */
/* global KeyboardEvent, HTMLInputElement */

(() => {
  const SEL = {
    row: '[data-testid="conversation-row"]',
    message: '[data-testid="message"]',
    pane: 'main',
    search: 'input[type="search"], [role="searchbox"], input[aria-label*="earch"], input[aria-label*="uche"]',
  };

  const rows = () => [...document.querySelectorAll(SEL.row)];
  const rowIds = () => rows().map((r) => r.getAttribute('data-id'));
  const selectedId = () => {
    const r = document.querySelector(`${SEL.row}[aria-selected="true"]`);
    return r ? r.getAttribute('data-id') : null;
  };

  /** Resolves after the next frame was painted (rAF, then a task after it). */
  const painted = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve();
        ch.port2.postMessage(0);
      }),
    );

  /** Resolves when `test()` holds, checked on every DOM change and every frame; rejects after `ms`. */
  const until = (test, ms, what) =>
    new Promise((resolve, reject) => {
      if (test()) return resolve();
      const started = performance.now();
      let done = false;
      const finish = (err) => {
        if (done) return;
        done = true;
        observer.disconnect();
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (done) return;
        if (test()) finish();
        else if (performance.now() - started > ms) finish(new Error(`timed out after ${ms} ms waiting for ${what}`));
        else requestAnimationFrame(check);
      };
      const observer = new MutationObserver(() => {
        if (!done && test()) finish();
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
      requestAnimationFrame(check);
    });

  const setInput = (input, value) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const scroller = () => {
    for (let el = rows()[0]; el; el = el.parentElement) {
      const style = window.getComputedStyle(el);
      if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) return el;
    }
    throw new Error('no scrolling container around the conversation rows');
  };

  window.__bench = {
    rowIds,
    selectedId,
    /**
     * A cold load: the moment rows were painted, then `j` pressed at once (a keydown dispatched in
     * the page, so no driver round trip is counted) and the moment the moved selection was painted.
     */
    async interactive(ms) {
      await until(() => rows().length > 0, ms, 'conversation rows');
      await painted();
      const rowsShown = performance.now();
      const before = selectedId();
      document.body.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'j', code: 'KeyJ', bubbles: true, cancelable: true }),
      );
      await until(() => selectedId() !== null && selectedId() !== before, ms, 'the selection to move after j');
      await painted();
      return { rowsShown, interactive: performance.now() };
    },
    async rowsShown(ms) {
      await until(() => rows().length > 0, ms, 'conversation rows');
      await painted();
      return performance.now();
    },
    /** Clicks the row and times until the conversation pane shows messages of it (none of the one before). */
    async open(id, ms) {
      const row = document.querySelector(`${SEL.row}[data-id="${id}"]`);
      if (!row) throw new Error(`row ${id} is not rendered`);
      const pane = document.querySelector(SEL.pane);
      const before = new Set([...pane.querySelectorAll(SEL.message)].map((m) => m.getAttribute('data-id')));
      const t0 = performance.now();
      row.click();
      await until(
        () => {
          const shown = [...pane.querySelectorAll(SEL.message)];
          return shown.length > 0 && !shown.some((m) => before.has(m.getAttribute('data-id')));
        },
        ms,
        `the messages of conversation ${id}`,
      );
      await painted();
      const total = performance.now() - t0;
      // The conversation.get round trip of this open (the rest is the renderer's work).
      const call = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('conversation.get') && e.startTime >= t0)
        .pop();
      return { ms: total, callMs: call ? call.duration : null, messages: pane.querySelectorAll(SEL.message).length };
    },
    /** Clicks a nav entry and times until `readySel` is on screen (a view's first data painted). */
    async openView(navSel, readySel, ms) {
      const nav = document.querySelector(navSel);
      if (!nav) throw new Error(`no ${navSel}`);
      const t0 = performance.now();
      nav.click();
      await until(() => document.querySelector(readySel) !== null, ms, readySel);
      await painted();
      const total = performance.now() - t0;
      const call = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('performance.get'))
        .pop();
      console.log(
        `bench: performance view ${Math.round(total)} ms, of which the call ${call ? Math.round(call.duration) : '?'} ms`,
      );
      return total;
    },
    /** Types `query` into the search box at once and times until a row of `expect` is shown. */
    async search(query, expect, ms) {
      const box = document.querySelector(SEL.search);
      if (!box) throw new Error('no search box');
      // From a state that shows none of the expected rows: a query nothing matches.
      setInput(box, 'qqxqzq');
      await until(() => rows().length === 0, ms, 'the empty result of a nonsense query');
      const wanted = new Set(expect.map(String));
      const t0 = performance.now();
      setInput(box, query);
      await until(() => rowIds().some((id) => wanted.has(id)), ms, `results for "${query}"`);
      await painted();
      return { ms: performance.now() - t0, rows: rows().length };
    },
    async clearSearch(ms) {
      const box = document.querySelector(SEL.search);
      setInput(box, '');
      await until(() => rows().length > 0, ms, 'the list after clearing the search');
    },
    /** Scrolls the list top to bottom a screen at a time; the most rows the DOM held at once. */
    async scrollAll(stepWaitMs) {
      const el = scroller();
      el.scrollTop = 0;
      await painted();
      let maxRows = rows().length;
      const seen = new Set(rowIds());
      let steps = 0;
      const t0 = performance.now();
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        const before = rowIds().join(',');
        el.scrollTop += el.clientHeight;
        steps++;
        await until(() => rowIds().join(',') !== before, stepWaitMs, 'rows to change').catch(() => {});
        // Rows of a page still loading arrive later: give them until they are all real rows.
        await painted();
        maxRows = Math.max(maxRows, rows().length);
        for (const id of rowIds()) if (id) seen.add(id);
      }
      await painted();
      maxRows = Math.max(maxRows, rows().length);
      return { maxRows, distinctRows: seen.size, steps, ms: performance.now() - t0 };
    },
    scrollList(screens) {
      const el = scroller();
      el.scrollTop += el.clientHeight * screens;
    },
    timeline() {
      const nav = performance.getEntriesByType('navigation')[0];
      const entries = nav
        ? [{ name: 'document', start: nav.startTime, duration: nav.responseEnd - nav.startTime }]
        : [];
      for (const r of performance.getEntriesByType('resource')) {
        const url = new URL(r.name);
        if (url.pathname.startsWith('/api/events')) continue;
        entries.push({ name: url.pathname.replace('/api/call/', ''), start: r.startTime, duration: r.duration });
      }
      return entries.map((e) => ({ name: e.name, start: Math.round(e.start), duration: Math.round(e.duration) }));
    },
    jsHeap() {
      return performance.memory ? performance.memory.usedJSHeapSize : null;
    },
  };
})();
