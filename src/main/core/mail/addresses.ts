/**
 * Addresses in header fields: parsing lists and formatting a mailbox safely. Replacing a real address by its alias in
 * every field (R5, R6) is header-addresses.ts's job.
 */
import addressparser from 'nodemailer/lib/addressparser';
import { decodeHeaderValue, encodeWord, isPlainHeaderText, sanitizeHeaderValue } from './encoded-words.js';

export interface Mailbox {
  /** Display name, decoded (RFC 2047, UTF-8); '' when none. */
  name: string;
  address: string;
}

/** Parses an address list field value (HeaderField.value); groups are flattened. Never throws. */
export function parseAddressList(value: string): Mailbox[] {
  try {
    return addressparser(value, { flatten: true })
      .filter((m) => m.address)
      .map((m) => ({ name: decodeHeaderValue(m.name ?? '').trim(), address: decodeHeaderValue(m.address).trim() }));
  } catch {
    return [];
  }
}

// RFC 5322 atext: a display name made of these and spaces needs no quotes.
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/** `Name <address>`, quoting or encoding the name as needed; the result is 7-bit. */
export function formatAddress(mailbox: Mailbox): string {
  const address = mailbox.address.replace(/[\s<>"(),;:\\[\]]/g, '');
  const name = sanitizeHeaderValue(mailbox.name).replace(/\s+/g, ' ');
  if (!name) return address;
  if (!isPlainHeaderText(name) || name.includes('=?')) return `${encodeWord(name)} <${address}>`;
  if (ATEXT.test(name)) return `${name} <${address}>`;
  return `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

export function formatAddressList(mailboxes: Mailbox[]): string {
  return mailboxes.map(formatAddress).join(', ');
}
