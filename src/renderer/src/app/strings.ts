/** Strings of the shell: top bar, shortcuts, start-up. */
import { defineStrings } from '../i18n';

export const appStrings = defineStrings({
  listPane: { en: 'Conversations', de: 'Unterhaltungen' },
  conversationPane: { en: 'Conversation', de: 'Unterhaltung' },
  orders: { en: 'Orders', de: 'Bestellungen' },
  performance: { en: 'Performance', de: 'Leistung' },
  loading: { en: 'Starting Parley…', de: 'Parley wird gestartet…' },
  cannotStart: {
    en: 'Parley cannot reach its backend: {message}',
    de: 'Parley erreicht sein Backend nicht: {message}',
  },
  retry: { en: 'Try again', de: 'Erneut versuchen' },
  settings: { en: 'Settings', de: 'Einstellungen' },
  shortcuts: { en: 'Keyboard shortcuts', de: 'Tastenkürzel' },
  relayRunning: { en: 'Relay running', de: 'Relay läuft' },
  relayStopped: { en: 'Relay stopped', de: 'Relay gestoppt' },
  relayError: { en: 'Relay not running: {error}', de: 'Relay läuft nicht: {error}' },
  relayDetail: {
    en: 'Inbound {smtp} · submission {submission} · outbound {outbound}',
    de: 'Eingang {smtp} · Einlieferung {submission} · Ausgang {outbound}',
  },
  searchResults: { en: 'Search results', de: 'Suchergebnisse' },
  emptyFilter: { en: 'Nothing here.', de: 'Hier ist nichts.' },
  emptyResponseNeeded: {
    en: 'All caught up — no buyer is waiting for an answer.',
    de: 'Alles erledigt — kein Käufer wartet auf eine Antwort.',
  },
  listFailed: { en: 'The list could not be loaded: {message}', de: 'Die Liste konnte nicht geladen werden: {message}' },
  back: { en: 'Back to the list', de: 'Zurück zur Liste' },
  'key-jk': { en: 'Next / previous conversation', de: 'Nächste / vorherige Unterhaltung' },
  'key-open': { en: 'Open the selected conversation', de: 'Ausgewählte Unterhaltung öffnen' },
  'key-u': { en: 'Back to the list', de: 'Zurück zur Liste' },
  'key-r': { en: 'Reply to the buyer', de: 'Dem Käufer antworten' },
  'key-c': { en: 'New message', de: 'Neue Nachricht' },
  'key-search': { en: 'Search', de: 'Suchen' },
  'key-esc': { en: 'Clear the search, close a dialog', de: 'Suche leeren, Dialog schließen' },
  'key-send': { en: 'Send (in the composer)', de: 'Senden (im Editor)' },
  'key-template': { en: 'Insert a saved reply (in the composer)', de: 'Gespeicherte Antwort einfügen (im Editor)' },
  'key-help': { en: 'This list', de: 'Diese Liste' },
  or: { en: 'or', de: 'oder' },
});
