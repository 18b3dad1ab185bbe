/** Settings → Relay domain: the words, German and English. */
import { defineStrings } from '../../i18n';

export const domainStrings = defineStrings({
  current: { en: 'Current domain (new addresses use it)', de: 'Aktuelle Domain (neue Adressen nutzen sie)' },
  older: {
    en: 'Still served: mail to addresses under these domains still arrives',
    de: 'Weiter bedient: Mails an Adressen unter diesen Domains kommen weiter an',
  },
  since: { en: 'since {date}', de: 'seit {date}' },
  change: { en: 'Change domain …', de: 'Domain ändern …' },
  newDomain: { en: 'New relay domain', de: 'Neue Relay-Domain' },
  next: { en: 'Continue', de: 'Weiter' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  same: { en: 'This is the current domain already.', de: 'Das ist schon die aktuelle Domain.' },
  notDomain: {
    en: 'Enter a domain name like relay.example.com.',
    de: 'Bitte einen Domainnamen wie relay.example.com eingeben.',
  },
  warningTitle: { en: 'Before you change to {domain}', de: 'Bevor Sie zu {domain} wechseln' },
  warningNew: {
    en: 'New relay addresses, buyer aliases and reply addresses will use {domain}.',
    de: 'Neue Relay-Adressen, Käufer-Aliasse und Antwortadressen nutzen dann {domain}.',
  },
  warningOld: {
    en: "Nothing handed out stops working: buyers' mail and yours to addresses under {old} still arrives.",
    de: 'Nichts bereits Vergebenes hört auf zu funktionieren: Mails von Käufern und von Ihnen an Adressen unter {old} kommen weiter an.',
  },
  warningMx: {
    en: 'Your mail host must receive mail for {domain} (its MX records) and pass it to Parley; until then buyers cannot answer to the new addresses.',
    de: 'Ihr Mail-Host muss Mails für {domain} annehmen (seine MX-Einträge) und an Parley weitergeben; bis dahin können Käufer an die neuen Adressen nicht antworten.',
  },
  confirm: { en: 'Change to {domain}', de: 'Zu {domain} wechseln' },
  changing: { en: 'Changing …', de: 'Wird geändert …' },
  failed: { en: 'The domain was not changed: {message}', de: 'Die Domain wurde nicht geändert: {message}' },
});
