/** The first-run screen's words, German and English. */
import { defineStrings } from '../../i18n';

export const firstRunStrings = defineStrings({
  welcome: { en: 'Welcome to Parley', de: 'Willkommen bei Parley' },
  intro: {
    en: 'Parley relays mail between you and your buyers; its relay starts on loopback ports of this computer, so nothing else is needed to see it work.',
    de: 'Parley vermittelt Nachrichten zwischen Ihnen und Ihren Käufern; das Relay startet auf lokalen Ports dieses Computers, es ist also nichts weiter nötig, um es arbeiten zu sehen.',
  },
  language: { en: 'Language', de: 'Sprache' },
  demoTitle: { en: 'Explore with demo data', de: 'Mit Beispieldaten ausprobieren' },
  demoText: {
    en: 'A sample shop with buyers, orders and conversations. You can set up your own shop later.',
    de: 'Ein Beispielshop mit Käufern, Bestellungen und Unterhaltungen. Ihren eigenen Shop können Sie später einrichten.',
  },
  demoStart: { en: 'Explore with demo data', de: 'Mit Beispieldaten starten' },
  demoBusy: {
    en: 'Filling the demo shop — this takes a few seconds …',
    de: 'Der Beispielshop wird gefüllt — das dauert einige Sekunden …',
  },
  demoFailed: {
    en: 'The demo data could not be created: {message}',
    de: 'Die Beispieldaten konnten nicht angelegt werden: {message}',
  },
  shopTitle: { en: 'Set up my shop', de: 'Meinen Shop einrichten' },
  shopText: {
    en: 'Your shop name, where buyer mail should arrive, and how mail leaves.',
    de: 'Ihr Shopname, wohin Käufernachrichten gehen und wie Nachrichten hinausgehen.',
  },
  shopStart: { en: 'Set up my shop', de: 'Meinen Shop einrichten' },
  name: { en: 'Shop name (buyers see it)', de: 'Shopname (für Käufer sichtbar)' },
  email: {
    en: 'Customer-service address (buyer mail arrives here)',
    de: 'Kundenservice-Adresse (hier kommen Käufernachrichten an)',
  },
  domain: { en: 'Relay domain (optional)', de: 'Relay-Domain (optional)' },
  marketplaceLanguage: { en: 'Marketplace language', de: 'Marktplatzsprache' },
  smarthost: {
    en: 'Smarthost URL (optional; without it mail goes to a local mailbox)',
    de: 'Smarthost-URL (optional; ohne sie gehen Nachrichten in ein lokales Postfach)',
  },
  smarthostUser: { en: 'Smarthost login (optional)', de: 'Smarthost-Anmeldename (optional)' },
  smarthostPassword: { en: 'Smarthost password (optional)', de: 'Smarthost-Passwort (optional)' },
  test: { en: 'Test connection', de: 'Verbindung testen' },
  testing: { en: 'Testing …', de: 'Wird getestet …' },
  testOk: { en: 'Connected: {message}', de: 'Verbunden: {message}' },
  testFailed: { en: 'No connection: {message}', de: 'Keine Verbindung: {message}' },
  trust: { en: 'Trust this certificate', de: 'Diesem Zertifikat vertrauen' },
  trusted: {
    en: 'Trusted certificate: SHA-256 {fingerprint}',
    de: 'Vertrauenswürdiges Zertifikat: SHA-256 {fingerprint}',
  },
  create: { en: 'Create my shop', de: 'Shop anlegen' },
  creating: { en: 'Creating …', de: 'Wird angelegt …' },
  back: { en: 'Back', de: 'Zurück' },
  failed: { en: 'The shop could not be set up: {message}', de: 'Der Shop konnte nicht eingerichtet werden: {message}' },
  mailboxTitle: { en: 'Where does buyer mail arrive?', de: 'Wo kommen Käufernachrichten an?' },
  mailboxText: {
    en: 'If buyer mail already arrives in a mailbox (a catch-all for your relay domain at your mail host, or the mailbox your marketplace forwards to), connect it: Parley picks up each new message from there, and nothing has to reach this computer from outside.',
    de: 'Wenn Käufernachrichten schon in einem Postfach ankommen (einem Sammelpostfach für Ihre Relay-Domain bei Ihrem Mail-Anbieter oder dem Postfach, an das Ihr Marktplatz weiterleitet), verbinden Sie es: Parley holt jede neue Nachricht dort ab, und von außen muss nichts diesen Computer erreichen.',
  },
  mailboxSkipText: {
    en: 'Or skip this: buyers write to {address}, and their mail servers deliver to the relay at {smtp}, which must then be reachable from the internet. You can connect a mailbox later in Settings.',
    de: 'Oder überspringen Sie das: Käufer schreiben an {address}, und ihre Mailserver liefern an das Relay unter {smtp}, das dann aus dem Internet erreichbar sein muss. Ein Postfach können Sie später in den Einstellungen verbinden.',
  },
  mailboxSkip: { en: 'Skip for now', de: 'Jetzt überspringen' },
  clientTitle: { en: 'Your shop is set up', de: 'Ihr Shop ist eingerichtet' },
  clientText: {
    en: 'Buyers reach you through Parley. To answer from your own mail program as well, here is its login; you can also reply right in Parley.',
    de: 'Käufer erreichen Sie über Parley. Um auch aus Ihrem eigenen Mailprogramm zu antworten, finden Sie hier die Anmeldung; Sie können auch direkt in Parley antworten.',
  },
  clientDone: { en: 'Open the inbox', de: 'Zum Posteingang' },
  'issue.required': { en: 'Required.', de: 'Pflichtfeld.' },
  'issue.email': { en: 'Not an e-mail address.', de: 'Keine gültige E-Mail-Adresse.' },
  'issue.format': { en: 'Expected: {example}', de: 'Erwartet: {example}' },
  'issue.tooLong': { en: 'Too long.', de: 'Zu lang.' },
  'language.de': { en: 'German', de: 'Deutsch' },
  'language.en': { en: 'English', de: 'Englisch' },
});
