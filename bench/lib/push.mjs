// The load loop: CONC clients sending one shared sequence of messages as fast as replies allow.
import { performance } from 'node:perf_hooks';
import { isInterrupted } from './children.mjs';

/**
 * Sends messages 0 .. count-1 over the clients (a shared counter: each client takes the next
 * message when its last one got its answer). Bounded by `deadline`.
 */
export async function push({ clients, count, make, to, deadline }) {
  let next = 0;
  const lat = [];
  const commit = [];
  const errors = [];
  let accepted = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (next < count && performance.now() < deadline && !isInterrupted()) {
        const i = next++;
        const { from, raw } = make(i);
        bytes += raw.length;
        const s = performance.now();
        const r = await client.send(from, to, raw);
        const ms = performance.now() - s;
        if (r.ok) {
          accepted += 1;
          lat.push(ms);
          if (r.commitMs !== undefined) commit.push(r.commitMs);
        } else {
          errors.push(`${r.code} ${r.text}`.slice(0, 200));
        }
      }
    }),
  );
  const t1 = performance.now();
  return {
    t0,
    t1,
    lat,
    commit,
    errors,
    accepted,
    attempted: next > count ? count : next,
    bytes,
    timedOut: next < count,
  };
}
