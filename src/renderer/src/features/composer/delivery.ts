/**
 * What became of a sent message, as the notice after a send says it: the outbox's state for that message, followed
 * live ('delivery.changed'), and where it goes from here (the local mailbox, the smarthost, or nowhere yet because the
 * relay is stopped), so the words match what the conversation shows.
 */
import type { AppStatus, ContractEvents } from '../../../../shared/contract';
import type { DeliveryState } from '../../../../shared/domain';
import { onDeliveryChanged } from './api';

export type Route = 'local' | 'smarthost' | 'stopped' | 'unknown';

type Delivery = ContractEvents['delivery.changed'];

/** Where the outbox hands a message now: the relay's own account of it first, else the settings. */
export function routeOf(status: AppStatus | null): Route {
  if (!status) return 'unknown';
  if (!status.relayStatus.running) return 'stopped';
  const via = status.relayStatus.outboundVia?.kind;
  if (via === 'smarthost' || (via === undefined && status.relay.smarthost)) return 'smarthost';
  if (via === 'local-mailbox' || (via === undefined && !status.relay.smarthost)) return 'local';
  return 'unknown';
}

/** The states whose words depend on the route, and the routes each one has words for. */
const BY_ROUTE: Partial<Record<DeliveryState, readonly Route[]>> = {
  queued: ['local', 'smarthost', 'stopped'],
  deferred: ['local', 'smarthost'],
  delivered: ['local', 'smarthost'],
};

/** The notice's headline (a key of strings.ts): by state and, where it matters, by route. */
export function sentKey(state: DeliveryState, route: Route): string {
  return BY_ROUTE[state]?.includes(route) ? `sent.${state}.${route}` : `sent.${state}`;
}

/** Delivery states after which nothing changes any more. */
const FINAL: readonly string[] = ['delivered', 'failed', 'bounced', 'cancelled'];

export interface DeliveryWatch {
  /** The message is known now: its latest state so far (the outbox may be quicker than the send's answer), if any. */
  follow(messageId: number): Delivery | undefined;
  stop(): void;
}

/**
 * Listens from before the send, so a delivery that is quicker than the send's own answer is not missed; once the
 * message is known, each change of its state goes to `onChange` until it is final or `stop` is called.
 */
export function watchDelivery(onChange: (event: Delivery) => void): DeliveryWatch {
  const seen = new Map<number, Delivery>();
  let following: number | null = null;
  let off: (() => void) | null = onDeliveryChanged((event) => {
    if (event.messageId === null) return;
    if (following === null) seen.set(event.messageId, event);
    else if (event.messageId === following) {
      onChange(event);
      if (FINAL.includes(event.state)) watch.stop();
    }
  });
  const watch: DeliveryWatch = {
    follow(messageId) {
      following = messageId;
      const latest = seen.get(messageId);
      seen.clear();
      if (latest && FINAL.includes(latest.state)) watch.stop();
      return latest;
    },
    stop() {
      off?.();
      off = null;
      seen.clear();
    },
  };
  return watch;
}
