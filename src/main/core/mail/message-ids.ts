/**
 * Message-IDs: ours are random so that they reveal neither party, and the ids in In-Reply-To
 * and References are mapped between the two sides of a pair so that threads hold together
 * (R10a relies on them) without leaking the other side's ids.
 */
import { randomLocalPart } from '../aliases.js';

// Characters: 32 of [a-z0-9] ≈ 165 bits, unguessable and collision-free in practice.
const ID_LENGTH = 32;

/** `<random@domain>`. */
export function newMessageId(domain: string): string {
  return `<${randomLocalPart(ID_LENGTH)}@${domain.trim().replace(/^@/, '')}>`;
}

const BRACKETED = /<([^<>]*)>/g;

/** Puts an id in its canonical `<local@domain>` form (whitespace from folding dropped). */
export function normalizeMessageId(id: string): string {
  const bare = id.replace(/[<>\s]/g, '');
  return bare ? `<${bare}>` : '';
}

/**
 * The ids of an In-Reply-To or References value, in order, as `<id>`. Tolerant: without any
 * `<…>` token, whitespace- or comma-separated words containing '@' are taken as bare ids.
 */
export function parseMessageIds(value: string): string[] {
  const ids: string[] = [];
  for (const match of value.matchAll(BRACKETED)) {
    const id = normalizeMessageId(match[1]);
    if (id) ids.push(id);
  }
  if (ids.length > 0) return ids;
  return value
    .split(/[\s,]+/)
    .filter((word) => word.includes('@'))
    .map(normalizeMessageId)
    .filter(Boolean);
}

/**
 * Rewrites each id of the value through `map` (given and expected as `<id>`; an answer without
 * brackets gets them), keeping unmapped ids and everything between the ids as they were.
 */
export function mapReferences(value: string, map: (id: string) => string | undefined): string {
  const apply = (id: string): string => {
    const mapped = map(id);
    return mapped === undefined ? id : normalizeMessageId(mapped) || id;
  };
  let replaced = false;
  const out = value.replace(BRACKETED, (whole, inner: string) => {
    const id = normalizeMessageId(inner);
    if (!id) return whole;
    replaced = true;
    const next = apply(id);
    return next === id ? whole : next;
  });
  if (replaced) return out;
  // No bracketed ids: map bare ids word by word.
  return value.replace(/[^\s,]+/g, (word) => {
    if (!word.includes('@')) return word;
    const id = normalizeMessageId(word);
    const next = apply(id);
    return next === id ? word : next;
  });
}
