import { createHash } from 'node:crypto';
import type { Language } from '../../../shared/domain.js';
import { replaceAddressForms } from '../mail/address-forms.js';
import { formatAddress } from '../mail/addresses.js';
import { replaceAddressesInMessage, replaceAddressesSplit } from '../mail/body-addresses.js';
import { domainOf, replaceAddressesInFields, replaceHostNames } from '../mail/header-addresses.js';
import { findHeaderEnd, HeaderEditor, joinMessage, splitMessage, type HeaderField } from '../mail/header-block.js';
import { mapReferences } from '../mail/message-ids.js';
import { removeParts, wrapSplitWithFooter, wrapWithFooter, type Footer } from '../mail/part-surgery.js';

/**
 * Header fields that would tell one side about the other's infrastructure or real address, or
 * that the rewrite makes invalid (a DKIM signature over headers we change).
 */
const TRACE_FIELDS = [
  'Received',
  'Return-Path',
  'DKIM-Signature',
  'ARC-Seal',
  'ARC-Message-Signature',
  'ARC-Authentication-Results',
  'Authentication-Results',
  'Received-SPF',
  'X-Originating-IP',
  'X-Forwarded-For',
  'X-Sender',
  'Sender',
  'Reply-To',
  'Delivered-To',
  'Disposition-Notification-To',
  'Return-Receipt-To',
  'Errors-To',
  'X-Google-Smtp-Source',
  'X-Received',
  'Bcc',
];

interface Removal {
  path: string;
  note: string;
}

function applyRemovals(raw: Buffer, removals: Removal[]): Buffer {
  if (removals.length === 0) return raw;
  const notes = new Map(removals.map((r) => [r.path, r.note]));
  return removeParts(raw, [...notes.keys()], (part) => notes.get(part.path) ?? 'An attachment was removed (R15).');
}

/** The header block edited, the body kept (exported for the test of rewriteWrapped, which must give its bytes). */
export function editHeaders(raw: Buffer, edit: (h: HeaderEditor) => void): Buffer {
  const { header, body, eol } = splitMessage(raw);
  const editor = new HeaderEditor(header, eol);
  edit(editor);
  return joinMessage(editor.toBuffer(), body, eol);
}

/**
 * wrapWithFooter(editHeaders(replaceAddressesInMessage(raw))), the same bytes, with one copy of the message instead of
 * three: the steps pass the body on as pieces of raw. Null where the steps' splits could differ (see
 * replaceAddressesSplit); the caller takes the three steps then.
 */
export function rewriteWrapped(
  raw: Buffer,
  replace: { addresses: string[]; replacement: string },
  edit: (h: HeaderEditor) => void,
  footer: Footer,
): Buffer | null {
  const split = replaceAddressesSplit(raw, replace.addresses, replace.replacement);
  if (!split) return null;
  const editor = new HeaderEditor(split.header, split.separator.length === 2 ? '\r\n' : '\n');
  edit(editor);
  // joinMessage(editor.toBuffer(), body, eol): the header, its last line break, a blank line in eol.
  const eolBytes = Buffer.from(editor.eol, 'latin1');
  let header = editor.toBuffer();
  if (header.length > 0 && header[header.length - 1] !== 0x0a) header = Buffer.concat([header, eolBytes]);
  const probe = findHeaderEnd(Buffer.concat([header, eolBytes]));
  if (probe.headerEnd !== header.length || probe.bodyStart !== header.length + eolBytes.length) return null;
  return Buffer.concat(wrapSplitWithFooter({ header, separator: eolBytes, body: split.body, eol: editor.eol }, footer));
}

function replaceFields(h: HeaderEditor, fields: HeaderField[]): void {
  h.list().forEach((field, i) => h.replaceField(field, fields[i]));
}

/** The other side, as far as the headers of the forwarded copy could still name it (R5, R6). */
interface Hidden {
  /** Domains of the other side's addresses: host names in User-Agent/X-Mailer, Message-IDs in References. */
  domains: string[];
  /** The relay Message-ID Parley gave the other side's own message with this id (threads hold together). */
  ownId?: (id: string) => string | undefined;
  relayDomain: string;
}

function underDomain(id: string, domains: string[]): boolean {
  const domain = domainOf(id.replace(/[<>]/g, ''));
  return domain !== '' && domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * In-Reply-To and References: relay ids back to the ids they stand for (mapId), and any other id on the other
 * side's domain to the relay id it was forwarded under, or else to a stable opaque id under the relay's domain.
 */
function mapThreading(h: HeaderEditor, mapId: (id: string) => string | undefined, hidden: Hidden): void {
  const map = (id: string): string | undefined => {
    const mapped = mapId(id);
    if (mapped !== undefined || !underDomain(id, hidden.domains)) return mapped;
    const digest = createHash('sha256').update(id.toLowerCase()).digest('hex').slice(0, 32);
    return hidden.ownId?.(id) ?? `<${digest}@${hidden.relayDomain}>`;
  };
  for (const name of ['In-Reply-To', 'References']) {
    const value = h.get(name);
    if (value === undefined) continue;
    const mapped = trimReferences(mapReferences(value, map));
    if (mapped !== value) h.set(name, mapped); // an unchanged field keeps its bytes (and is not folded again)
  }
}

// Message-IDs kept in References: the thread's first and its latest are what mail clients thread by (RFC 5322
// 3.6.4); a chain of thousands (MIME fuzzing made megabytes of them) only costs every copy time and bytes.
const MAX_REFERENCES = 30;

function trimReferences(value: string): string {
  const ids = value.match(/<[^<>]*>/g);
  if (!ids || ids.length <= MAX_REFERENCES) return value;
  return [ids[0], ...ids.slice(ids.length - (MAX_REFERENCES - 1))].join(' ');
}

const relayDomainOf = (relayMessageId: string): string => domainOf(relayMessageId.replace(/[<>]/g, ''));

const ACTION_WORDS: Record<Language, { intro: string; report: string; noResponse: string }> = {
  en: {
    intro: 'Parley: answer this message by replying. From your mail client you can also:',
    report: 'Report this message',
    noResponse: 'Mark as "No response needed"',
  },
  de: {
    intro: 'Parley: Antworten Sie einfach auf diese Nachricht. Aus Ihrem E-Mail-Programm können Sie außerdem:',
    report: 'Nachricht melden',
    noResponse: 'Als „Keine Antwort erforderlich“ markieren',
  },
};

/**
 * R18, R19 from any mail client: signed mailto links back to the relay, in a footer part after the untouched original.
 */
function actionFooter(a: { report: string; noResponse: string; language: Language }): { text: string; html: string } {
  const w = ACTION_WORDS[a.language];
  const report = `mailto:${a.report}?subject=${encodeURIComponent(w.report)}`;
  const noResponse = `mailto:${a.noResponse}?subject=${encodeURIComponent(w.noResponse)}`;
  const text = `-- \n${w.intro}\n  ${w.report}: ${report}\n  ${w.noResponse}: ${noResponse}\n`;
  const html =
    `<p style="font:12px sans-serif;color:#555;border-top:1px solid #ccc;padding-top:6px">${w.intro}<br>` +
    `<a href="${report}">${w.report}</a> · <a href="${noResponse}">${w.noResponse}</a></p>`;
  return { text, html };
}

export interface ForSellerOptions {
  aliasAddress: string;
  buyerName: string | null;
  buyerAddress: string;
  relayMessageId: string;
  mapId: (id: string) => string | undefined;
  /** The relay Message-ID of the buyer's own earlier message, for the buyer's ids in References. */
  ownId?: (id: string) => string | undefined;
  authResults: string;
  removals: Removal[];
  /** Mail action links in a footer part; absent, no footer is added. */
  actions?: { report: string; noResponse: string; language: Language };
}

/**
 * R5: buyer → seller. The buyer's address is replaced by the alias everywhere it can be (body-addresses.ts: every
 * header field, text part, file name); a part that holds no address keeps its bytes, and so does every binary
 * attachment (R15 removals aside). Trace fields go, threading ids are mapped.
 */
export function rewriteForSeller(raw: Buffer, o: ForSellerOptions): Buffer {
  const hidden: Hidden = {
    domains: [domainOf(o.buyerAddress)],
    ownId: o.ownId,
    relayDomain: relayDomainOf(o.relayMessageId),
  };
  const edit = (h: HeaderEditor): void => {
    for (const name of TRACE_FIELDS) h.remove(name);
    replaceFields(h, replaceHostNames(h.list(), hidden.domains, hidden.relayDomain));
    const name = replaceAddressForms(o.buyerName ?? '', [o.buyerAddress], o.aliasAddress);
    h.set('From', formatAddress({ name, address: o.aliasAddress }));
    h.set('Message-ID', o.relayMessageId);
    mapThreading(h, o.mapId, hidden);
    h.add('Authentication-Results', o.authResults);
  };
  const kept = applyRemovals(raw, o.removals);
  const replace = { addresses: [o.buyerAddress], replacement: o.aliasAddress };
  const footer = o.actions && actionFooter(o.actions);
  const wrapped = footer && rewriteWrapped(kept, replace, edit, footer);
  if (wrapped) return wrapped;
  const { raw: replaced } = replaceAddressesInMessage(kept, replace.addresses, replace.replacement);
  const edited = editHeaders(replaced, edit);
  return footer ? wrapWithFooter(edited, footer) : edited;
}

export interface ForBuyerOptions {
  shopName: string;
  replyAddress: string;
  buyerAddress: string;
  buyerName: string | null;
  aliasAddress: string;
  /** The seller's own addresses: none of them may reach the buyer (R6). */
  hideAddresses: string[];
  relayMessageId: string;
  mapId: (id: string) => string | undefined;
  /** The relay Message-ID of the seller's own earlier message, for the seller's ids in References. */
  ownId?: (id: string) => string | undefined;
  removals: Removal[];
}

/**
 * R6: seller → buyer, from the shop's name at the pair's reply address, to the buyer's real address. The seller's
 * addresses become the reply address everywhere they can be (headers, text parts, file names), as in R5.
 */
export function rewriteForBuyer(raw: Buffer, o: ForBuyerOptions): Buffer {
  const hide = [...new Set(o.hideAddresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const hidden: Hidden = {
    domains: [...new Set(hide.map(domainOf).filter(Boolean))],
    ownId: o.ownId,
    relayDomain: relayDomainOf(o.relayMessageId),
  };
  const { raw: replaced } = replaceAddressesInMessage(applyRemovals(raw, o.removals), hide, o.replyAddress);
  return editHeaders(replaced, (h) => {
    for (const name of [...TRACE_FIELDS, 'Cc']) h.remove(name);
    replaceFields(h, replaceAddressesInFields(h.list(), [o.aliasAddress], o.buyerAddress));
    replaceFields(h, replaceHostNames(h.list(), hidden.domains, hidden.relayDomain));
    h.set('From', formatAddress({ name: o.shopName, address: o.replyAddress }));
    h.set('To', formatAddress({ name: o.buyerName ?? '', address: o.buyerAddress }));
    h.set('Message-ID', o.relayMessageId);
    mapThreading(h, o.mapId, hidden);
  });
}
