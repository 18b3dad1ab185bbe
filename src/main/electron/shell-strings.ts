/**
 * The few words the Electron shell shows itself (tray, notifications, start-up errors), in German
 * and English like every UI string; the language follows the seller's UI setting.
 */
import type { Language } from '../../shared/domain.js';

const STRINGS = {
  trayNone: { en: 'Parley: no message needs a response', de: 'Parley: keine Nachricht wartet auf Antwort' },
  trayOne: { en: 'Parley: 1 message needs a response', de: 'Parley: 1 Nachricht wartet auf Antwort' },
  trayMany: { en: 'Parley: {n} messages need a response', de: 'Parley: {n} Nachrichten warten auf Antwort' },
  trayOpen: { en: 'Open Parley', de: 'Parley öffnen' },
  trayQuit: { en: 'Quit Parley', de: 'Parley beenden' },
  trayPause: { en: 'Pause relay', de: 'Relay anhalten' },
  trayResume: { en: 'Resume relay', de: 'Relay fortsetzen' },
  trayPaused: { en: 'Parley: relay paused', de: 'Parley: Relay angehalten' },
  closeHintTitle: { en: 'Parley keeps running', de: 'Parley läuft weiter' },
  closeHintBody: {
    en: 'Buyer mail is still relayed while the window is closed. Open Parley or quit it from its icon.',
    de: 'Käufer-Mails werden weiter weitergeleitet, während das Fenster geschlossen ist. Öffnen oder beenden Sie Parley über sein Symbol.',
  },
  newMessage: { en: 'New message from {name}', de: 'Neue Nachricht von {name}' },
  noSubject: { en: '(no subject)', de: '(kein Betreff)' },
  startFailed: { en: 'Parley could not start', de: 'Parley konnte nicht starten' },
  authorityExportTitle: { en: 'Export for a dispute authority', de: 'Export für eine Schlichtungsstelle' },
  authorityExportMessage: {
    en: "This file holds the original messages with the buyer's real e-mail address. Give it only to the authority.",
    de: 'Diese Datei enthält die Originalnachrichten mit der echten E-Mail-Adresse des Käufers. Geben Sie sie nur an die Stelle weiter.',
  },
  authorityExportSave: { en: 'Save export', de: 'Export speichern' },
  zipFiles: { en: 'Zip files', de: 'ZIP-Dateien' },
  nativeHint: {
    en: 'The database module is not built for this Electron version. Run: node scripts/electron-native.js',
    de: 'Das Datenbankmodul ist nicht für diese Electron-Version gebaut. Bitte ausführen: node scripts/electron-native.js',
  },
} satisfies Record<string, Record<Language, string>>;

export type ShellString = keyof typeof STRINGS;

export function shellText(language: Language, key: ShellString, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** 'de' for a German system, else 'en'; the seller's own choice replaces it once the app knows it. */
export function systemLanguage(locale: string): Language {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}
