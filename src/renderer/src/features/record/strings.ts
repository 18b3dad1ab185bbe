/** Strings of the dispute record export (R21). */
import { defineStrings } from '../../i18n';

export const recordStrings = defineStrings({
  export: { en: 'Export record', de: 'Nachweis exportieren' },
  exportTitle: {
    en: "Save every message as you saw it (the buyer's alias, never the real address), its attachments, a PDF transcript and a hash manifest of the originals as one zip",
    de: 'Alle Nachrichten, wie Sie sie gesehen haben (mit dem Alias des Käufers, nie seiner echten Adresse), Anhänge, ein PDF-Protokoll und ein Hash-Manifest der Originale als eine ZIP-Datei speichern',
  },
  authority: { en: 'Export for a dispute authority…', de: 'Export für eine Schlichtungsstelle…' },
  authorityTitle: {
    en: "The original messages with the buyer's real address, for a guarantee claim or a chargeback",
    de: 'Die Originalnachrichten mit der echten Adresse des Käufers, für einen Garantieantrag oder eine Rückbuchung',
  },
  authorityHeading: { en: 'Export for a dispute authority', de: 'Export für eine Schlichtungsstelle' },
  authorityWarning: {
    en: "This export contains the original messages as received, with the buyer's real e-mail address. Give it only to the authority that settles the dispute (a guarantee claim, a chargeback), nobody else.",
    de: 'Dieser Export enthält die Originalnachrichten, wie sie eingegangen sind, mit der echten E-Mail-Adresse des Käufers. Geben Sie ihn nur an die Stelle weiter, die den Streitfall entscheidet (Garantieantrag, Rückbuchung), an niemanden sonst.',
  },
  authorityWhere: {
    en: "Parley saves it itself, on this computer, where you choose (in the browser: in the exports folder of Parley's data folder). It does not pass through this window.",
    de: 'Parley speichert ihn selbst auf diesem Computer, wo Sie es wählen (im Browser: im Ordner „exports“ in Parleys Datenordner). Er läuft nicht durch dieses Fenster.',
  },
  authorityConfirm: {
    en: 'Export with the real address',
    de: 'Mit echter Adresse exportieren',
  },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  authorityBusy: { en: 'Saving…', de: 'Wird gespeichert…' },
  authoritySaved: {
    en: 'Saved for the dispute authority: {path}',
    de: 'Für die Schlichtungsstelle gespeichert: {path}',
  },
  authorityCancelled: { en: 'Nothing was saved.', de: 'Es wurde nichts gespeichert.' },
  exporting: { en: 'Exporting…', de: 'Wird exportiert…' },
  saved: { en: 'Record saved: {file}', de: 'Nachweis gespeichert: {file}' },
  savedCounts: {
    en: '{messages, plural, one {# message} other {# messages}}, {files, plural, one {# file} other {# files}}, with a list of checksums that proves it complete.',
    de: '{messages, plural, one {# Nachricht} other {# Nachrichten}}, {files, plural, one {# Datei} other {# Dateien}}, mit einer Liste von Prüfsummen, die ihn als vollständig belegt.',
  },
  details: { en: 'Details', de: 'Details' },
  verifyWith: { en: 'To check it in a terminal:', de: 'Prüfen im Terminal:' },
  head: { en: 'Head hash', de: 'Kopf-Hash' },
  failed: {
    en: 'The record could not be exported: {message}',
    de: 'Der Nachweis konnte nicht exportiert werden: {message}',
  },
  dismiss: { en: 'Dismiss', de: 'Schließen' },
});
