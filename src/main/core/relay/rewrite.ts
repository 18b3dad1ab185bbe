import type { Language } from '../../../shared/domain.js';
import { formatAddress } from '../mail/addresses.js';
import { replaceAddressInHeaders } from '../mail/addresses.js';
import { HeaderEditor, joinMessage, splitMessage } from '../mail/header-block.js';
import { mapReferences } from '../mail/message-ids.js';
import { removeParts, wrapWithFooter } from '../mail/part-surgery.js';

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

function editHeaders(raw: Buffer, edit: (h: HeaderEditor) => void): Buffer {
  const { header, body, eol } = splitMessage(raw);
  const editor = new HeaderEditor(header, eol);
  edit(editor);
  return joinMessage(editor.toBuffer(), body, eol);
}

function mapThreading(h: HeaderEditor, mapId: (id: string) => string | undefined): void {
  for (const name of ['In-Reply-To', 'References']) {
    const value = h.get(name);
    if (value !== undefined) h.set(name, mapReferences(value, mapId));
  }
}

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
  authResults: string;
  removals: Removal[];
  /** Mail action links; absent, the body stays byte for byte as it came. */
  actions?: { report: string; noResponse: string; language: Language };
}

/** R5: buyer → seller. Only header fields change; the body keeps its bytes (but for removed attachments, R15). */
export function rewriteForSeller(raw: Buffer, o: ForSellerOptions): Buffer {
  const edited = editHeaders(applyRemovals(raw, o.removals), (h) => {
    for (const name of TRACE_FIELDS) h.remove(name);
    const replaced = replaceAddressInHeaders(h.list(), o.buyerAddress, o.aliasAddress);
    h.list().forEach((field, i) => h.replaceField(field, replaced[i]));
    h.set('From', formatAddress({ name: o.buyerName ?? '', address: o.aliasAddress }));
    h.set('Message-ID', o.relayMessageId);
    mapThreading(h, o.mapId);
    h.add('Authentication-Results', o.authResults);
  });
  return o.actions ? wrapWithFooter(edited, actionFooter(o.actions)) : edited;
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
  removals: Removal[];
}

/** R6: seller → buyer, from the shop's name at the pair's reply address, to the buyer's real address. */
export function rewriteForBuyer(raw: Buffer, o: ForBuyerOptions): Buffer {
  return editHeaders(applyRemovals(raw, o.removals), (h) => {
    for (const name of [...TRACE_FIELDS, 'Cc']) h.remove(name);
    let fields = replaceAddressInHeaders(h.list(), o.aliasAddress, o.buyerAddress);
    for (const address of new Set(o.hideAddresses.map((a) => a.toLowerCase())))
      fields = replaceAddressInHeaders(fields, address, o.replyAddress);
    h.list().forEach((field, i) => h.replaceField(field, fields[i]));
    h.set('From', formatAddress({ name: o.shopName, address: o.replyAddress }));
    h.set('To', formatAddress({ name: o.buyerName ?? '', address: o.buyerAddress }));
    h.set('Message-ID', o.relayMessageId);
    mapThreading(h, o.mapId);
  });
}
