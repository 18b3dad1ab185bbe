/**
 * A message that has passed through more hosts than any real route has is circling between mail systems (a
 * forwarding rule pointing back at the relay, say): refused with 554 5.4.6 instead of being taken in once more.
 * Postfix counts the same thing (hopcount_limit, 50); real mail crosses fewer than 15.
 */
import { ParleyError } from '../errors.js';

// Received lines: well above any real route, below Postfix's hopcount_limit so the loop stops here first.
export const MAX_HOPS = 30;

/** `hops`: the message's Received lines, as parse.ts counted them in its one walk of the header. */
export function refuseLoop(hops: number): void {
  if (hops > MAX_HOPS)
    throw new ParleyError(
      'EPOLICY',
      `5.4.6 Too many hops (${hops} Received lines): the message is circling in a mail loop, so it is refused`,
      554,
    );
}
