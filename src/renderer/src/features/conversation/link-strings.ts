/** Strings of the link confirmation. */
import { defineStrings } from '../../i18n';

export const linkStrings = defineStrings({
  title: { en: 'Open this link?', de: 'Diesen Link öffnen?' },
  intro: {
    en: 'The link leads to {domain}. It opens in your web browser, outside Parley.',
    de: 'Der Link führt zu {domain}. Er öffnet sich in Ihrem Webbrowser, außerhalb von Parley.',
  },
  target: { en: 'Full address', de: 'Vollständige Adresse' },
  mismatch: {
    en: 'Careful: the link text names {claimed}, but the link leads to {domain}. Links like this are a common trick.',
    de: 'Vorsicht: Der Linktext nennt {claimed}, der Link führt aber zu {domain}. Solche Links sind ein verbreiteter Trick.',
  },
  open: { en: 'Open in browser', de: 'Im Browser öffnen' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  openFailed: {
    en: 'The link could not be opened: {message}',
    de: 'Der Link konnte nicht geöffnet werden: {message}',
  },
  refusedTitle: { en: 'This link does not open', de: 'Dieser Link wird nicht geöffnet' },
  refusedScheme: {
    en: 'Parley opens only web links (http and https). This one uses "{scheme}:", which could start a program on your computer.',
    de: 'Parley öffnet nur Weblinks (http und https). Dieser verwendet „{scheme}:“ und könnte ein Programm auf Ihrem Computer starten.',
  },
  refusedAddress: {
    en: 'Parley writes to buyers only through their conversation. Use Reply or New message to write to this buyer.',
    de: 'Parley schreibt Käufern nur über ihre Unterhaltung. Nutzen Sie „Antworten“ oder „Neue Nachricht“, um diesem Käufer zu schreiben.',
  },
  refusedInvalid: { en: 'The link’s address is not valid.', de: 'Die Adresse des Links ist ungültig.' },
  ok: { en: 'OK', de: 'OK' },
});
