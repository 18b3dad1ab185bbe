/**
 * The shape of bench/ui's store, decided before anything is written: who the buyers are, their
 * orders, how many messages each conversation has (most a handful, a few long threads), who
 * wrote each one and when. Deterministic for a seed, so the cached store and the queries the
 * bench types always agree.
 */
import {
  FIRST_DE,
  FIRST_EN,
  LAST_DE,
  LAST_EN,
  PRODUCTS_DE,
  PRODUCTS_EN,
  RARE_WORDS,
  pick,
  seededRandom,
} from './corpus.js';

const DAY = 86_400_000;

export interface PlannedConversation {
  index: number;
  german: boolean;
  buyerName: string;
  buyerEmail: string;
  orders: {
    orderId: string;
    product: string;
    category: 'standard' | 'handmade' | 'custom' | 'wine';
    purchasedAt: number;
  }[];
  /** Planted in one buyer message, for the full-text queries. */
  rareWord: string | null;
}

export interface PlannedMessage {
  conversation: number;
  at: number;
  fromBuyer: boolean;
  /** 1 in ~25 messages carries a file. */
  attachment: 'pdf' | 'png' | 'txt' | null;
  rare: boolean;
}

export interface Plan {
  conversations: PlannedConversation[];
  /** In the order they are written: by time. */
  messages: PlannedMessage[];
}

function orderId(rnd: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  return `302-${digits(7)}-${digits(7)}`;
}

/** Message counts that add up to `total` exactly: mostly 2–20, about 1 % long threads of 60–200. */
function threadLengths(rnd: () => number, conversations: number, total: number): number[] {
  const weights = Array.from({ length: conversations }, () =>
    rnd() < 0.01 ? 60 + rnd() * 140 : 1 + -Math.log(1 - rnd()) * 8,
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const lengths = weights.map((w) => Math.max(1, Math.floor((w * total) / sum)));
  let left = total - lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0; i = (i + 1) % conversations) {
    if (left > 0) {
      lengths[i]++;
      left--;
    } else if (lengths[i] > 1) {
      lengths[i]--;
      left++;
    }
  }
  return lengths;
}

/** Who wrote each message, last one first: ~30 % of conversations end with the buyer waiting (R20). */
function directions(rnd: () => number, n: number): boolean[] {
  const out: boolean[] = new Array(n);
  out[n - 1] = rnd() < 0.3;
  for (let i = n - 2; i >= 0; i--) out[i] = rnd() < 0.8 ? !out[i + 1] : out[i + 1];
  if (n > 1 && rnd() < 0.85) out[0] = true; // buyers usually write first
  return out;
}

export function makePlan(opts: { conversations: number; messages: number; now: number; seed?: number }): Plan {
  const rnd = seededRandom(opts.seed ?? 20261126);
  const lengths = threadLengths(rnd, opts.conversations, opts.messages);
  const conversations: PlannedConversation[] = [];
  const messages: PlannedMessage[] = [];
  for (let index = 0; index < opts.conversations; index++) {
    const german = rnd() < 0.6;
    const first = pick(rnd, german ? FIRST_DE : FIRST_EN);
    const last = pick(rnd, german ? LAST_DE : LAST_EN);
    const start = opts.now - (5 + rnd() * 360) * DAY;
    const orders = Array.from({ length: 1 + Math.floor(rnd() * rnd() * 3) }, (_, k) => ({
      orderId: orderId(rnd),
      product: pick(rnd, german ? PRODUCTS_DE : PRODUCTS_EN),
      category: pick(rnd, ['standard', 'standard', 'standard', 'handmade', 'custom', 'wine'] as const),
      purchasedAt: start - (k + 1) * rnd() * 20 * DAY,
    }));
    const rareWord = index % 97 === 5 ? RARE_WORDS[((index / 97) % RARE_WORDS.length) | 0] : null;
    conversations.push({
      index,
      german,
      buyerName: `${first} ${last}`,
      orders,
      rareWord,
      buyerEmail: `${first}.${last}.${index}@example.${german ? 'de' : 'com'}`
        .toLowerCase()
        .replace(/ü/g, 'ue')
        .replace(/ö/g, 'oe'),
    });
    const who = directions(rnd, lengths[index]);
    // Gaps of minutes to days; a thread ends between now-4d and now, so timers show both overdue and due.
    const gaps = who.map(() => -Math.log(1 - rnd()) * 0.6 * DAY);
    const span = gaps.reduce((a, b) => a + b, 0);
    let at = Math.min(start, opts.now - span - rnd() * 4 * DAY);
    let rarePlanted = false;
    for (let k = 0; k < who.length; k++) {
      at += gaps[k];
      const rare = rareWord !== null && who[k] && !rarePlanted;
      if (rare) rarePlanted = true;
      const r = rnd();
      messages.push({
        conversation: index,
        at: Math.round(at),
        fromBuyer: who[k],
        rare,
        attachment: r < 0.02 ? 'pdf' : r < 0.035 ? 'png' : r < 0.04 ? 'txt' : null,
      });
    }
  }
  messages.sort((a, b) => a.at - b.at);
  return { conversations, messages };
}
