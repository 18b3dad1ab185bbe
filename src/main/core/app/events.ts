/**
 * The app's push events (contract.ts ContractEvents) for the transports to forward. Counts are
 * debounced: a burst of new mail or a run of marks sends one 'counts.changed', ~200 ms later.
 */
import type { ContractEvents, EventName, EventSource } from '../../../shared/contract.js';
import type { FilterCounts } from '../../../shared/contract.js';

type Listener = <E extends EventName>(event: E, payload: ContractEvents[E]) => void;

// ms: long enough to fold a burst of SMTP deliveries into one recount, short enough to feel live.
const COUNTS_DEBOUNCE_MS = 200;

export class AppEvents implements EventSource {
  private readonly listeners = new Set<Listener>();
  private countsTimer: NodeJS.Timeout | undefined;

  /** `counts` computes the current filter counts, or null when there is no shop yet. */
  constructor(private readonly counts: () => FilterCounts | null) {}

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (err) {
        // One broken subscriber (a closed window) must not keep the event from the others.
        console.error(`parley: an event listener failed on ${event}`, err);
      }
    }
  }

  /** Schedules one 'counts.changed' for everything that happens in the next 200 ms. */
  countsSoon(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      try {
        const counts = this.counts();
        if (counts) this.emit('counts.changed', counts);
      } catch (err) {
        console.error('parley: could not count the inbox', err);
      }
    }, COUNTS_DEBOUNCE_MS);
    this.countsTimer.unref();
  }

  close(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
    this.listeners.clear();
  }
}
