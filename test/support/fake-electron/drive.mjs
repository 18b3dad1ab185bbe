// Runs the built main process (out/main/index.js) over the stand-in 'electron', plays a short
// session through its IPC handlers, and prints one JSON line of what happened.
import { register } from 'node:module';
import path from 'node:path';

register('./hooks.mjs', import.meta.url);
const rec = await (async () => {
  await import(path.resolve(process.argv[2] ?? 'out/main/index.js'));
  return globalThis.__electron;
})();
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; i < 200 && rec.windows.length === 0; i++) await wait(50);
const window = rec.windows[0];
const event = { senderFrame: window.webContents.mainFrame, sender: window.webContents };
const call = (name, input, from = event) => rec.handlers.get(`parley:${name}`)(from, input);

const result = {
  channels: [...rec.handlers.keys()].sort(),
  preload: window.options.webPreferences.preload,
  sandbox: window.options.webPreferences.sandbox,
  protocols: rec.protocols,
  url: window.webContents.mainFrame.url,
  menus: rec.menus,
};
result.firstRun = (await call('app.status', {})).value.firstRun;
result.demo = await call('setup.demo', {}).then((r) => r.ok || r.error);
result.counts = (await call('inbox.counts', {})).value;
result.badInput = (await call('conversation.get', { id: 'x' })).error?.code;
result.foreign = (
  await call(
    'app.status',
    {},
    { senderFrame: { processId: 1, routingId: 7, url: 'about:srcdoc' }, sender: window.webContents },
  )
).error?.code;
await wait(600); // counts.changed is debounced ~200 ms
result.badges = rec.badges;
result.tooltip = rec.tooltip;
result.eventsSent = [...new Set(rec.sent.filter((s) => s[0] === 'parley:event').map((s) => s[1]))].sort();
const { app } = await import('electron');
app.quit();
for (let i = 0; i < 100 && rec.handlers.size > 0; i++) await wait(50);
await wait(300);
result.quitPrevented = rec.prevented;
result.handlersAfterQuit = rec.handlers.size;
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
