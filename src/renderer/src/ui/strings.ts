/** Strings of the shared primitives. */
import { defineStrings } from '../i18n';

export const uiStrings = defineStrings({
  close: { en: 'Close', de: 'Schließen' },
  retry: { en: 'Try again', de: 'Erneut versuchen' },
  paneFailed: {
    en: 'This part of the window failed: {message}',
    de: 'Dieser Teil des Fensters ist fehlgeschlagen: {message}',
  },
});

export const frameStrings = defineStrings({
  remoteBlocked: {
    en: 'Remote content blocked ({count}) to protect your privacy.',
    de: 'Externe Inhalte blockiert ({count}), um Ihre Privatsphäre zu schützen.',
  },
  showRemote: { en: 'Show remote content', de: 'Externe Inhalte anzeigen' },
  expand: { en: 'Show full height', de: 'Ganz anzeigen' },
  collapse: { en: 'Show less', de: 'Weniger anzeigen' },
});
