// The inbox's first questions, asked while the bundle still loads: a plain script that index.html
// runs before the app (async, so it never holds up the page). In a browser over the web bridge it
// sends app.status, inbox.counts and inbox.list's first window at once and leaves the pending
// answers in window.__parleyEarly; the bridge client (api/bridge-client.ts) uses an answer once,
// for a call with the same name and the same body, and asks again for anything else. In Electron
// (window.parley is there) it does nothing. Plain browser JavaScript: not bundled, so the names
// below are spelled out; bridge-client's test checks them against BRIDGE and the stores' calls.
/* global window, location, sessionStorage, fetch, URLSearchParams */
(() => {
  if (window.parley || window.__parleyEarly) return;
  let token = null;
  try {
    token =
      new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ||
      sessionStorage.getItem('parley.bridge-token');
  } catch {
    return; // no storage: the app asks itself
  }
  if (!token) return;
  const early = {};
  const ask = (name, input) => {
    const body = JSON.stringify(input);
    early[`${name} ${body}`] = fetch(`/api/call/${name}`, {
      method: 'POST',
      body,
      cache: 'no-store',
      headers: { 'content-type': 'application/json', 'x-parley-token': token },
    });
    early[`${name} ${body}`].catch(() => {}); // the app asks again when it takes a failed one
  };
  // In the order the inbox needs them (the server answers one after the other): the status lets the shell render,
  // the list's first window is the rows, the counts only fill in the numbers beside the filters.
  ask('app.status', {});
  ask('inbox.list', { filter: 'response-needed', offset: 0, limit: 100 });
  ask('inbox.counts', {});
  window.__parleyEarly = early;
})();

// The languages' locales (i18n LOCALE) and the list's time formats (ui/format.ts listTime).
(() => {
  try {
    for (const tag of ['en-GB', 'de-DE']) {
      new Intl.NumberFormat(tag).format(1000);
      new Intl.PluralRules(tag).select(1);
      new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hour12: false }).format(0);
      new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' }).format(0);
    }
  } catch {
    // a warm-up only
  }
})();
