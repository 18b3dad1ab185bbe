/**
 * The two subject markers that let a seller message through a buyer's opt-out:
 * the `[Important]` / `[Wichtig]` tag (R10d) and the "Additional information required"
 * subject (R10c).
 */
import type { PolicyMessage } from '../../../shared/domain.js';

/**
 * R10d: the word must sit directly inside square brackets. Strict on purpose: the FAQ says the
 * brackets are what makes it work, so `[ Important ]` and `Important` do not count. Both words
 * are accepted whatever the seller's marketplace language: a German seller writing
 * `[Important]` is still exempt, because the buyer's mail reader cannot tell the difference
 * and the marketplace judges the message, not the language of the tag.
 */
const IMPORTANT_TAG = /\[(?:important|wichtig)\]/giu;

/** R10d: every tag in the subject, spelled as the seller wrote it (e.g. `[wichtig]`). */
export function findImportantTags(subject: string): string[] {
  return [...subject.normalize('NFC').matchAll(IMPORTANT_TAG)].map((m) => m[0]);
}

/**
 * R10c: the subject is the phrase itself, optionally followed by a separator and extra text
 * such as an order number ("Additional information required - 302-1234567-1234567",
 * "Zusätzliche Informationen erforderlich: Gravur"). Free words after the phrase
 * ("… for our newsletter") do not count, nor does a `Re:`/`AW:` prefix: a reply is R10a's
 * business. `[Important]` tags are ignored here, so "[Wichtig] Zusätzliche Informationen
 * erforderlich" (the FAQ's own example) matches too. "ae" is accepted for "ä" because some
 * mail clients and keyboards cannot type the umlaut.
 */
const ADDITIONAL_INFO_SUBJECT =
  /^(?:additional information required|zus(?:ä|ae)tzliche informationen erforderlich)(?:\s*[-–—:(#|/].*|\s+\d.*)?$/iu;

export function isAdditionalInfoSubject(subject: string): boolean {
  const withoutTags = subject.normalize('NFC').replace(IMPORTANT_TAG, ' ');
  const normalized = withoutTags.replace(/\s+/gu, ' ').trim();
  return ADDITIONAL_INFO_SUBJECT.test(normalized);
}

export interface AdditionalInfoCheck {
  /** R10c holds: sent through Parley (app or CLI) with the subject or the reason. */
  applies: boolean;
  bySubject: boolean;
  byReason: boolean;
  /** The subject or reason was there, but the message came from a mail client or was automatic. */
  ignoredBecauseOfVia: boolean;
}

/**
 * R10c counts only for messages sent from the seller's own mailbox UI, which for Parley means
 * the app or the CLI: from a mail client the subject is ordinary text and R10d is the way.
 */
export function checkAdditionalInfo(message: Pick<PolicyMessage, 'via' | 'subject' | 'reason'>): AdditionalInfoCheck {
  const fromParley = message.via === 'app' || message.via === 'cli';
  const subjectMatches = isAdditionalInfoSubject(message.subject);
  const reasonGiven = message.reason === 'additional-info';
  return {
    applies: fromParley && (subjectMatches || reasonGiven),
    bySubject: fromParley && subjectMatches,
    byReason: fromParley && reasonGiven,
    ignoredBecauseOfVia: !fromParley && (subjectMatches || reasonGiven),
  };
}
