/**
 * Who appears in the seller's day: the demo's buyers (`parley demo`) and three more who write in
 * over real SMTP before the inbox opens — one with hostile HTML, one who only says thanks, one
 * whose answer will wait in the outbox.
 */
import { hostileHtml, HOSTILE_SENTENCE } from './hostile.js';
import type { ParleyEnv } from './parley-env.js';

export const JAMES = { name: 'James Smith', address: 'james.smith@example.com' }; // demo buyer with the PDF
export const SPAM = { name: 'Prize Center', subject: 'You have WON a prize!!!' }; // demo spammer
export const ANSWERED = ['Anna Müller', 'Lukas Weber']; // demo: answered, and written to by the seller only
export const MALLORY = {
  name: 'Mallory Quinn',
  address: 'mallory.quinn@example.net',
  subject: 'Question about my order (HTML)',
};
export const MARIA = { name: 'Maria Schmidt', address: 'maria.schmidt@example.de' };
export const PETER = { name: 'Peter Novak', address: 'peter.novak@example.cz' };
/** R20: the conversations whose buyer waits for an answer when the day starts. */
export const NEEDING_RESPONSE = [JAMES.name, SPAM.name, MALLORY.name, MARIA.name, PETER.name];

export async function buyersWriteIn(env: ParleyEnv): Promise<void> {
  await env.mailFromBuyer({
    from: MALLORY,
    subject: MALLORY.subject,
    text: HOSTILE_SENTENCE,
    html: hostileHtml(env.trap.origin),
  });
  await env.mailFromBuyer({
    from: MARIA,
    subject: 'Danke – alles angekommen',
    text: 'Hallo,\n\ndas Regal ist heute angekommen, alles bestens. Vielen Dank!\n\nMaria Schmidt\n',
  });
  await env.mailFromBuyer({
    from: PETER,
    subject: 'Shipping to Prague',
    text: 'Hello,\n\ncan you ship the cutting board to Prague by Friday?\n\nBest regards,\nPeter Novak\n',
  });
}
