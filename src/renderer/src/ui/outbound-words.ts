/** Where the relay hands outbound mail, in the seller's language: the top bar's tooltip and Settings' relay status. */
import type { RelayStatus } from '../../../shared/contract';
import { defineStrings, type Translate } from '../i18n';

export const outboundWords = defineStrings({
  smarthost: { en: 'via the smarthost {where}', de: 'über den Smarthost {where}' },
  smarthostUnknown: { en: 'via the smarthost', de: 'über den Smarthost' },
  localMailbox: { en: 'to the local mailbox ({where})', de: 'ins lokale Postfach ({where})' },
  localMailboxUnknown: { en: 'to the local mailbox', de: 'ins lokale Postfach' },
  notStarted: { en: 'not started', de: 'nicht gestartet' },
});

/** The relay's outbound way in words; an older backend without `outboundVia` keeps its English text. */
export function outboundText(
  t: Translate<typeof outboundWords>,
  relay: Pick<RelayStatus, 'outbound' | 'outboundVia'>,
): string {
  const via = relay.outboundVia;
  if (!via) return relay.outbound;
  if (via.kind === 'not-started') return t('notStarted');
  if (via.kind === 'smarthost') return via.where ? t('smarthost', { where: via.where }) : t('smarthostUnknown');
  return via.where ? t('localMailbox', { where: via.where }) : t('localMailboxUnknown');
}
